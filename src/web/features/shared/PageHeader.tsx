import type { ReactNode } from 'react';

/** The band at the top of every inner page: kicker, title, a sentence of context. */
export function PageHeader({ title, lead, kicker }: { title: ReactNode; lead?: ReactNode; kicker?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="container">
        {kicker && <p className="page-header__kicker">{kicker}</p>}
        <h1>{title}</h1>
        {lead && <p className="page-header__lead">{lead}</p>}
      </div>
    </div>
  );
}
