import { type DragEvent, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react.js';
import { ConfirmButton } from '../account/ConfirmButton.js';

/** `list` with the entry at `from` moved to `to`. */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * An ordered list the secretariat rearranges (agenda items, decisions): by dragging an entry, or by
 * its "move up"/"move down" buttons, the move announced in a live region and the keyboard kept on
 * the moved entry; each entry also has its edit and remove buttons. `save` sends the new order and
 * calls `done` once it is saved.
 */
export function useReorderable<T extends { id: string }>({
  items,
  enabled,
  pending,
  name,
  save,
}: {
  items: readonly T[];
  enabled: boolean;
  /** A move is being saved: the buttons wait for it. */
  pending: boolean;
  /** What an entry is called in its buttons' labels and in the announcement. */
  name: (item: T, index: number) => string;
  save: (order: T[], done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  // The button to give the keyboard back to after a move: only once the move is over, since the
  // buttons are disabled while it runs (and a disabled button cannot take the focus).
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (refocus === null || pending) return;
    document.getElementById(refocus)?.focus();
    setRefocus(null);
  }, [refocus, pending]);

  function move(from: number, to: number, focus?: 'up' | 'down') {
    if (to < 0 || to >= items.length || from === to) return;
    const item = items[from] as T;
    const title = name(item, from);
    save(moved(items, from, to), () => {
      setAnnouncement(t('agenda.moved', { title, position: to + 1, total: items.length }));
      // Keep the keyboard where it was: on the same button of the moved entry (or its other one at an end).
      const atEnd = (focus === 'up' && to === 0) || (focus === 'down' && to === items.length - 1);
      const which = atEnd ? (focus === 'up' ? 'down' : 'up') : focus;
      if (which) setRefocus(`move-${which}-${item.id}`);
    });
  }

  const dragProps = (index: number) =>
    enabled
      ? {
          draggable: true,
          onDragStart: (e: DragEvent) => {
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', String(index));
            setDragged(index);
          },
          onDragOver: (e: DragEvent) => e.preventDefault(),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            if (dragged !== null) move(dragged, index);
            setDragged(null);
          },
          onDragEnd: () => setDragged(null),
        }
      : {};

  /** The props of an entry's element: its class (marked while dragged) and, when enabled, dragging. */
  const itemProps = (index: number) => ({
    className: dragged === index ? 'agenda-item agenda-item--dragged' : 'agenda-item',
    ...dragProps(index),
  });

  /** An entry's buttons: move up and down, edit, and remove (asked twice). */
  const actions = (
    index: number,
    entry: { onEdit: () => void; removeLabel: string; removeQuestion: string; removing: boolean; onRemove: () => void },
  ) => {
    const item = items[index] as T;
    const title = name(item, index);
    const small = 'button button--secondary button--small';
    return (
      <div className="agenda-item__actions">
        <button
          id={`move-up-${item.id}`}
          type="button"
          className={small}
          disabled={index === 0 || pending}
          aria-label={`${t('agenda.moveUp')}: ${title}`}
          onClick={() => move(index, index - 1, 'up')}
        >
          {t('agenda.moveUp')}
        </button>
        <button
          id={`move-down-${item.id}`}
          type="button"
          className={small}
          disabled={index === items.length - 1 || pending}
          aria-label={`${t('agenda.moveDown')}: ${title}`}
          onClick={() => move(index, index + 1, 'down')}
        >
          {t('agenda.moveDown')}
        </button>
        <button type="button" className={small} aria-label={`${t('agenda.edit')}: ${title}`} onClick={entry.onEdit}>
          {t('agenda.edit')}
        </button>
        <ConfirmButton
          label={entry.removeLabel}
          // Like the buttons beside it, named with the entry it removes (issue 11).
          accessibleLabel={`${entry.removeLabel}: ${title}`}
          confirmLabel={t('agenda.removeConfirm')}
          question={entry.removeQuestion}
          busy={entry.removing}
          onConfirm={entry.onRemove}
        />
      </div>
    );
  };

  const liveRegion = (
    <div className="visually-hidden" aria-live="polite" role="status">
      {announcement}
    </div>
  );

  return { itemProps, actions, liveRegion };
}
