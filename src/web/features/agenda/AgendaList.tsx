import { type DragEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agenda, AgendaItem } from '../../../contract/agenda.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { Localized } from '../shared/Localized.js';
import { ItemTimes } from './ItemTimes.js';
import { useRemoveItem, useReorder } from './queries.js';

/** `ids` with the item at `from` moved to `to`. */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * The agenda in order. For the secretariat (`editable`), each item can be moved — by dragging, or
 * by its "move up"/"move down" buttons, the move announced in a live region — edited and removed.
 */
export function AgendaList({
  agenda,
  editable,
  override,
  onEdit,
  onReload,
}: {
  agenda: Agenda;
  editable: boolean;
  /** Send writes with the override (a frozen agenda, edited by an administrator). */
  override: boolean;
  onEdit: (item: AgendaItem) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const reorder = useReorder(agenda.meeting.slug);
  const remove = useRemoveItem(agenda.meeting.slug);
  const [announcement, setAnnouncement] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  // The button to give the keyboard back to after a move: only once the move is over, since the
  // buttons are disabled while it runs (and a disabled button cannot take the focus).
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (refocus === null || reorder.isPending) return;
    document.getElementById(refocus)?.focus();
    setRefocus(null);
  }, [refocus, reorder.isPending]);
  const venueZone = agenda.meeting.timeZone ?? 'UTC';
  const items = agenda.items;
  const extra = override ? { override: true } : {};

  function move(from: number, to: number, focus?: 'up' | 'down') {
    if (to < 0 || to >= items.length || from === to) return;
    const item = items[from] as AgendaItem;
    const order = moved(items, from, to).map((i) => ({ id: i.id, version: i.version }));
    reorder.mutate(
      { items: order, ...extra },
      {
        onSuccess: () => {
          setAnnouncement(t('agenda.moved', { title: item.title.text, position: to + 1, total: items.length }));
          // Keep the keyboard where it was: on the same button of the moved item (or its other one at an end).
          const atEnd = (focus === 'up' && to === 0) || (focus === 'down' && to === items.length - 1);
          const which = atEnd ? (focus === 'up' ? 'down' : 'up') : focus;
          if (which) setRefocus(`move-${which}-${item.id}`);
        },
      },
    );
  }

  const dragProps = (index: number) =>
    editable
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

  return (
    <>
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      {editable && <ConflictAlert error={reorder.error ?? remove.error} onReload={onReload} />}
      {items.length === 0 ? (
        <p className="empty">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((item, index) => (
            <li
              key={item.id}
              className={dragged === index ? 'agenda-item agenda-item--dragged' : 'agenda-item'}
              {...dragProps(index)}
            >
              <h3 className="agenda-item__title">
                <span className="agenda-item__number">{item.position}.</span> <Localized value={item.title} />
              </h3>
              {item.startsAt && item.endsAt && (
                <ItemTimes startsAt={item.startsAt} endsAt={item.endsAt} venueZone={venueZone} />
              )}
              {item.description && (
                <p className="agenda-item__description">
                  <Localized value={item.description} />
                </p>
              )}
              {item.presenters.length > 0 && (
                <p>
                  {t('agenda.presentedBy')} {item.presenters.join(', ')}
                </p>
              )}
              <PillarTags pillars={item.pillars} />
              {item.documents.length > 0 && (
                <p>
                  {t('agenda.documents')} {item.documents.map((d) => d.symbol ?? d.id).join(', ')}
                </p>
              )}
              {editable && (
                <div className="agenda-item__actions">
                  <button
                    id={`move-up-${item.id}`}
                    type="button"
                    className="button button--secondary button--small"
                    disabled={index === 0 || reorder.isPending}
                    aria-label={`${t('agenda.moveUp')}: ${item.title.text}`}
                    onClick={() => move(index, index - 1, 'up')}
                  >
                    {t('agenda.moveUp')}
                  </button>
                  <button
                    id={`move-down-${item.id}`}
                    type="button"
                    className="button button--secondary button--small"
                    disabled={index === items.length - 1 || reorder.isPending}
                    aria-label={`${t('agenda.moveDown')}: ${item.title.text}`}
                    onClick={() => move(index, index + 1, 'down')}
                  >
                    {t('agenda.moveDown')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`${t('agenda.edit')}: ${item.title.text}`}
                    onClick={() => onEdit(item)}
                  >
                    {t('agenda.edit')}
                  </button>
                  <ConfirmButton
                    label={t('agenda.remove')}
                    confirmLabel={t('agenda.removeConfirm')}
                    question={t('agenda.removeQuestion', { title: item.title.text })}
                    busy={remove.isPending}
                    onConfirm={() => remove.mutate({ id: item.id, version: item.version, ...extra })}
                  />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
