import type { Agenda, AgendaItem } from '../../../contract/agenda.js';
import type { MeetingDocument } from '../../../contract/meeting-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { Localized } from '../shared/Localized.js';
import { ItemDocuments } from './ItemDocuments.js';
import { ItemTimes } from './ItemTimes.js';
import { useRemoveItem, useReorder } from './queries.js';
import { useReorderable } from './reorderable.js';

/**
 * The agenda in order, each item with the documents the reader may see. For the secretariat
 * (`editable`), each item can be moved — by dragging, or by its "move up"/"move down" buttons —
 * edited, removed, and given documents of the meeting.
 */
export function AgendaList({
  agenda,
  documents,
  editable,
  override,
  onEdit,
  onChanged,
  onReload,
}: {
  agenda: Agenda;
  /** The meeting's documents as the reader may see them. */
  documents: readonly MeetingDocument[];
  editable: boolean;
  /** Send writes with the override (a frozen agenda, edited by an administrator). */
  override: boolean;
  onEdit: (item: AgendaItem) => void;
  /** Items as the reader's own write (a reorder, a document attached or detached) left them. */
  onChanged: (items: readonly AgendaItem[]) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const slug = agenda.meeting.slug;
  const reorder = useReorder(slug);
  const remove = useRemoveItem(slug);
  const venueZone = agenda.meeting.timeZone ?? 'UTC';
  const items = agenda.items;
  const extra = override ? { override: true } : {};
  const { itemProps, actions, liveRegion } = useReorderable({
    items,
    enabled: editable,
    pending: reorder.isPending,
    name: (item) => item.title.text,
    save: (order, done) =>
      reorder.mutate(
        { items: order.map((i) => ({ id: i.id, version: i.version })), ...extra },
        {
          onSuccess: (reordered) => {
            done();
            onChanged(reordered.items);
          },
        },
      ),
  });

  return (
    <>
      {liveRegion}
      {editable && <ConflictAlert error={reorder.error ?? remove.error} onReload={onReload} />}
      {items.length === 0 ? (
        <p className="empty">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((item, index) => (
            <li key={item.id} {...itemProps(index)}>
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
              <ItemDocuments
                slug={slug}
                item={item}
                documents={documents}
                editable={editable}
                override={override}
                onChanged={onChanged}
                onReload={onReload}
              />
              {editable &&
                actions(index, {
                  onEdit: () => onEdit(item),
                  removeLabel: t('agenda.remove'),
                  removeQuestion: t('agenda.removeQuestion', { title: item.title.text }),
                  removing: remove.isPending,
                  onRemove: () => remove.mutate({ id: item.id, version: item.version, ...extra }),
                })}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
