import { type FocusEvent, type KeyboardEvent, useEffect, useState } from 'react';

/** A cell of a table: its row among all the table's rows (header included), its column. */
export interface GridCell {
  row: number;
  column: number;
}

/**
 * The ARIA grid pattern on a data table: one tab stop (a roving tabindex), arrow keys move between
 * cells, Home and End to the row's first and last cell, Ctrl+Home and Ctrl+End to the table's
 * first and last. A cell holding a link gives the focus to its link. Only once the page runs its
 * code: the server's table, without JavaScript, keeps its links in the tab order.
 *
 * `sticky` names what stays in view while the table scrolls in its box (its header row, its first
 * column): a cell moved to is scrolled out from under them.
 */
export function useGridKeys(sticky: { header: boolean; firstColumn: boolean }) {
  const [enhanced, setEnhanced] = useState(false);
  const [active, setActive] = useState<GridCell>({ row: 0, column: 0 });
  useEffect(() => setEnhanced(true), []);

  /** The tab index of the cell's focus target: the one active cell is the grid's tab stop. */
  const tabIndex = (row: number, column: number): 0 | -1 | undefined => {
    if (!enhanced) return undefined;
    return row === active.row && column === active.column ? 0 : -1;
  };

  const cellOf = (target: EventTarget): { cell: HTMLTableCellElement; at: GridCell } | null => {
    const cell = (target as HTMLElement).closest?.('th, td');
    const row = cell?.parentElement;
    if (!(cell instanceof HTMLTableCellElement) || !(row instanceof HTMLTableRowElement)) return null;
    return { cell, at: { row: row.rowIndex, column: cell.cellIndex } };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const from = cellOf(event.target);
    if (!from || event.altKey || event.metaKey) return;
    const table = event.currentTarget;
    const last = table.rows.length - 1;
    const lastIn = (row: number) => (table.rows[row]?.cells.length ?? 1) - 1;
    const { row, column } = from.at;
    const to: Record<string, GridCell | undefined> = {
      ArrowUp: { row: Math.max(0, row - 1), column },
      ArrowDown: { row: Math.min(last, row + 1), column },
      ArrowLeft: { row, column: Math.max(0, column - 1) },
      ArrowRight: { row, column: Math.min(lastIn(row), column + 1) },
      Home: event.ctrlKey ? { row: 0, column: 0 } : { row, column: 0 },
      End: event.ctrlKey ? { row: last, column: lastIn(last) } : { row, column: lastIn(row) },
    };
    const next = to[event.key];
    if (!next) return;
    event.preventDefault();
    const cell = table.rows[next.row]?.cells[Math.min(next.column, lastIn(next.row))];
    if (!cell) return;
    setActive({ row: next.row, column: cell.cellIndex });
    focusCell(table, cell, sticky);
  };

  /** A click or a focus from elsewhere (a link in the table) makes that cell the tab stop. */
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const at = cellOf(event.target)?.at;
    if (at && (at.row !== active.row || at.column !== active.column)) setActive(at);
  };

  return {
    enhanced,
    tabIndex,
    gridProps: enhanced ? { role: 'grid' as const, onKeyDown, onFocus } : {},
  };
}

/** Focuses the cell (or its link) and scrolls its box so that the sticky header row and first
 * column do not cover it. */
function focusCell(
  table: HTMLTableElement,
  cell: HTMLTableCellElement,
  sticky: { header: boolean; firstColumn: boolean },
) {
  const target = cell.querySelector<HTMLElement>('a[href], button') ?? cell;
  target.focus({ preventScroll: true });
  const box = table.parentElement;
  if (!box) return;
  const boxRect = box.getBoundingClientRect();
  const rect = cell.getBoundingClientRect();
  const top =
    boxRect.top +
    (sticky.header && cell.parentElement?.parentElement?.tagName !== 'THEAD' ? (table.tHead?.offsetHeight ?? 0) : 0);
  const left =
    boxRect.left + (sticky.firstColumn && cell.cellIndex > 0 ? (table.rows[0]?.cells[0]?.offsetWidth ?? 0) : 0);
  const bottom = boxRect.top + box.clientHeight;
  const right = boxRect.left + box.clientWidth;
  if (rect.top < top) box.scrollTop -= top - rect.top;
  else if (rect.bottom > bottom) box.scrollTop += rect.bottom - bottom;
  if (rect.left < left) box.scrollLeft -= left - rect.left;
  else if (rect.right > right) box.scrollLeft += rect.right - right;
  // The page itself may need to bring the box's cell into the window (the box taller than it).
  target.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
}
