import type { ReactNode } from 'react';

/** A table that scrolls sideways inside its own box on a narrow screen, never the whole page. The
 * box is focusable and named, so keyboard users can scroll it and screen readers announce it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
