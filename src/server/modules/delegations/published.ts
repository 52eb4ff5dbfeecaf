import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { Lang } from '../../../contract/common.js';
import type {
  ParticipantGroup,
  ParticipantVisibility,
  PublishedList,
  Visibility,
  VisibilityReply,
  VisibilityUpdate,
} from '../../../contract/delegations.js';
import { DEFAULT_VISIBILITY, PARTICIPANT_CATEGORIES, VISIBILITIES } from '../../../domain/delegations.js';
import type { Database } from '../../db/schema.js';
import { csvRow } from '../../http/csv.js';
import { message } from '../../i18n/messages.js';
import type { MessageKey } from '../../i18n/types.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { meetingSymbol, symbolMeeting } from '../meeting-documents/index.js';
import { findVisibleMeeting, type MeetingRow } from '../meetings/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { memberStateRefs } from '../shared/refs.js';
import { loadTexts, textOf } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { delegationsPolicy } from './policy.js';
import { participantsByDelegation, partnerRefs } from './present.js';
import { listDelegations, meetingSettings } from './queries.js';
import { stale } from './stale.js';

/**
 * The published list of participants: accredited delegations only, each category as visible as
 * the meeting's setting says — `public` to everyone, `delegations` to signed-in delegations,
 * partners and the secretariat, `hidden` to the secretariat alone — and its CSV and PDF exports.
 */

type Db = Kysely<Database>;

/** How far into the list `actor` sees: 0 public only, 1 also delegations-only, 2 everything.
 * Decided by the policy, so a session still owing its second factor sees the public list only. */
function clearance(actor: Actor): number {
  if (delegationsPolicy.can(actor, 'participants.read-hidden')) return 2;
  return delegationsPolicy.can(actor, 'participants.read-delegations') ? 1 : 0;
}
const LEVEL: Record<Visibility, number> = { public: 0, delegations: 1, hidden: 2 };

/** The stored setting, each category falling back to its default when unset or unreadable. */
export function parseVisibility(stored: string | null): ParticipantVisibility {
  let parsed: Record<string, unknown> = {};
  try {
    const value = stored ? JSON.parse(stored) : {};
    if (value && typeof value === 'object') parsed = value;
  } catch {
    // A setting the platform did not write is ignored rather than breaking the page.
  }
  return Object.fromEntries(
    PARTICIPANT_CATEGORIES.map((c) => {
      const v = parsed[c];
      return [c, VISIBILITIES.includes(v as Visibility) ? v : DEFAULT_VISIBILITY[c]];
    }),
  ) as ParticipantVisibility;
}

/**
 * The meetings a state attended as the public may know it: those whose published list shows its
 * delegation — accredited, at a meeting not a draft, its category (`delegation`) public there.
 * One query; the visibility setting is read as the published list reads it.
 */
export async function publicAttendance(db: Db, memberStateId: string) {
  const rows = await db
    .selectFrom('delegation')
    .innerJoin('meeting', 'meeting.id', 'delegation.meeting_id')
    .select([
      'meeting.id',
      'meeting.slug',
      'meeting.number',
      'meeting.start_date',
      'meeting.kind',
      'meeting.participant_visibility',
    ])
    .where('delegation.member_state_id', '=', memberStateId)
    .where('delegation.category', '=', 'delegation')
    .where('delegation.status', '=', 'accredited')
    .where('meeting.status', '<>', 'draft')
    .orderBy('meeting.ordinal')
    .orderBy('meeting.id')
    .execute();
  return rows.filter((r) => parseVisibility(r.participant_visibility).delegation === 'public');
}

export function publishedService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  async function list(ctx: RequestContext, slug: string): Promise<PublishedList> {
    return (await read(ctx, slug)).published;
  }

  /** The published list, and the meeting it is of. */
  async function read(ctx: RequestContext, slug: string) {
    const meeting = await findVisibleMeeting(db, ctx.actor, slug);
    const [settings, meetingTexts] = await Promise.all([
      meetingSettings(db, meeting.id),
      loadTexts(db, 'meeting', [meeting.id], ctx.lang),
    ]);
    const visibility = parseVisibility(settings.participant_visibility);
    const seen = clearance(ctx.actor);
    const shown = PARTICIPANT_CATEGORIES.filter((c) => LEVEL[visibility[c]] <= seen);
    const rows = (await listDelegations(db, meeting.id, { status: 'accredited' })).filter((r) =>
      shown.includes(r.category),
    );
    const ids = rows.map((r) => r.id);
    const [participants, states, partners] = await Promise.all([
      participantsByDelegation(db, ids),
      memberStateRefs(
        db,
        rows.map((r) => r.member_state_id),
        ctx.lang,
      ),
      partnerRefs(
        db,
        rows.map((r) => r.partner_id),
        ctx.lang,
      ),
    ]);
    const collator = new Intl.Collator(ctx.lang);
    const categories = shown.flatMap((category) => {
      const groups: ParticipantGroup[] = rows
        .filter((r) => r.category === category)
        .map((r) => {
          const memberState = r.member_state_id ? (states.get(r.member_state_id) ?? null) : null;
          const partner = r.partner_id ? partners.get(r.partner_id) : undefined;
          return {
            label: memberState?.name.text ?? partner?.name?.text ?? partner?.slug ?? r.organisation ?? '',
            memberState,
            // The public list never carries e-mail addresses.
            participants: (participants.get(r.id) ?? []).map(({ email: _, ...p }) => p),
          };
        })
        .sort((a, b) => collator.compare(a.label, b.label));
      return groups.length > 0 ? [{ category, visibility: visibility[category], groups }] : [];
    });
    const published: PublishedList = {
      lang: ctx.lang,
      meeting: { slug: meeting.slug, name: textOf(meetingTexts, meeting.id, 'name'), version: settings.version },
      visibility,
      categories,
      can: delegationsPolicy.abilities(ctx.actor, { changeVisibility: 'meetings.update' }),
    };
    return { published, meeting };
  }

  return {
    list,

    /** The list as CSV rows (RFC 4180, a byte order mark first so spreadsheets read UTF-8). */
    async *csv(ctx: RequestContext, slug: string): AsyncGenerator<string> {
      const published = await list(ctx, slug);
      const m = (key: ListWording) => message(ctx.lang, key);
      yield `\uFEFF${csvRow((['category', 'group', 'role', 'name', 'title', 'institution'] as const).map((k) => m(`participants.column.${k}`)))}`;
      for (const { category, groups } of published.categories) {
        for (const group of groups) {
          for (const p of group.participants) {
            yield csvRow([
              m(`participants.category.${category}`),
              group.label,
              m(`participants.role.${p.role}`),
              p.name,
              p.title,
              p.institution,
            ]);
          }
        }
      }
    },

    /** The list as a PDF in the style of an OAS document (see renderPdf). */
    async pdf(ctx: RequestContext, slug: string): Promise<Buffer> {
      const { published, meeting } = await read(ctx, slug);
      const symbol = meetingSymbol(await symbolMeeting(db, meeting.id), clock());
      return renderPdf(published, { symbol, dates: meetingDates(meeting, ctx.lang) }, ctx.lang);
    },

    async setVisibility(ctx: RequestContext, slug: string, input: VisibilityUpdate): Promise<VisibilityReply> {
      /** The meeting's setting as it is, and the meeting it belongs to. */
      const settingsOf = async (meetingId: string) => {
        const settings = await meetingSettings(db, meetingId);
        return { meetingId, version: settings.version, visibility: parseVisibility(settings.participant_visibility) };
      };
      return versionedWrite(ctx, {
        find: async () => settingsOf((await findVisibleMeeting(db, ctx.actor, slug)).id),
        require: () => delegationsPolicy.require(ctx, 'meetings.update'),
        sent: input.version,
        version: (current) => current.version,
        async stale(current) {
          const { version, visibility } = await settingsOf(current.meetingId);
          throw stale(input.version, { version, visibility });
        },
        async change(trx, current, _prepared, now) {
          const patch = { participant_visibility: JSON.stringify(input.visibility), updated_at: now.toISOString() };
          if (!(await updateUnchanged(trx, 'meeting', current.meetingId, { version: input.version }, patch)))
            return false;
          return {
            action: 'meetings.participant-visibility',
            entityType: 'meeting',
            entityId: current.meetingId,
            before: { participantVisibility: current.visibility, version: current.version },
            after: { participantVisibility: input.visibility, version: current.version + 1 },
          };
        },
        present: async (current) => ({ version: current.version + 1, visibility: input.visibility }),
      });
    },
  };
}

/** The wording of the published list (its columns, categories, roles and PDF texts). */
type ListWording = Extract<MessageKey, `participants.${string}`>;

/** The meeting's days in the reader's language ("12–13 November 2026"), at the venue when timed. */
function meetingDates(meeting: MeetingRow, lang: Lang): string | null {
  const days = (timeZone: string, start: Date, end: Date) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone })
      .formatRange(start, end)
      // Helvetica's WinAnsi encoding has no thin or narrow spaces, which some locales put around the dash.
      .replace(/[\u2009\u202f]/g, ' ');
  if (meeting.starts_at && meeting.ends_at)
    return days(meeting.time_zone ?? 'UTC', new Date(meeting.starts_at), new Date(meeting.ends_at));
  if (meeting.start_date) {
    const day = (date: string) => new Date(`${date}T00:00:00Z`);
    return days('UTC', day(meeting.start_date), day(meeting.end_date ?? meeting.start_date));
  }
  return null;
}

const PAGE_MARGIN = 56;
/** Room above the body for the running header (meeting, symbol, dates) and its rule. */
const HEADER_HEIGHT = 48;

/**
 * The list as the OAS issues one: every page headed by the meeting's name on the left and its
 * symbol and dates on the right, over a rule, and numbered "page x of y" at the foot; the title on
 * the first page; each category a section, its states or organisations in the reader's order.
 * pdfkit's built-in Helvetica covers the Latin scripts of the four working languages.
 */
function renderPdf(published: PublishedList, heading: { symbol: string; dates: string | null }, lang: Lang) {
  const m = (key: ListWording) => message(lang, key);
  const title = m('participants.pdf.title');
  const meetingName = published.meeting.name?.text ?? published.meeting.slug;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE_MARGIN + HEADER_HEIGHT, bottom: PAGE_MARGIN + 24, left: PAGE_MARGIN, right: PAGE_MARGIN },
    lang,
    // Pages are kept until the end, so each can say how many there are.
    bufferPages: true,
    info: { Title: `${title} — ${meetingName}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * PAGE_MARGIN;

  doc.font('Helvetica-Bold').fontSize(16).text(title.toLocaleUpperCase(lang), { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(meetingName, { align: 'center' }).moveDown(1.5);
  if (published.categories.length === 0) doc.text(m('participants.pdf.empty'));
  for (const { category, groups } of published.categories) {
    // A section does not open in the last lines of a page.
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(m(`participants.category.${category}`).toLocaleUpperCase(lang), PAGE_MARGIN);
    doc
      .moveTo(PAGE_MARGIN, doc.y + 2)
      .lineTo(PAGE_MARGIN + width, doc.y + 2)
      .lineWidth(0.5)
      .stroke()
      .moveDown(0.6);
    for (const group of groups) {
      doc.font('Helvetica-Bold').fontSize(11).text(group.label, PAGE_MARGIN);
      for (const p of group.participants) {
        const detail = [p.title, p.institution].filter(Boolean).join(', ');
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(
            `${p.name} (${m(`participants.role.${p.role}`)})${detail ? ` — ${detail}` : ''}`,
            PAGE_MARGIN,
            undefined,
            {
              indent: 12,
            },
          );
      }
      doc.moveDown(0.5);
    }
    doc.moveDown();
  }

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Header and footer sit in the margins; without this pdfkit would start a new page for them.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    const half = width / 2;
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(meetingName, PAGE_MARGIN, PAGE_MARGIN, { width: half - 8 });
    doc
      .font('Helvetica')
      .fontSize(9)
      .text([heading.symbol, heading.dates].filter(Boolean).join('\n'), PAGE_MARGIN + half, PAGE_MARGIN, {
        width: half,
        align: 'right',
      });
    const rule = PAGE_MARGIN + HEADER_HEIGHT - 12;
    doc
      .moveTo(PAGE_MARGIN, rule)
      .lineTo(PAGE_MARGIN + width, rule)
      .lineWidth(0.5)
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        message(lang, 'participants.pdf.page', { page: i - start + 1, pages: count }),
        PAGE_MARGIN,
        doc.page.height - PAGE_MARGIN,
        { width, align: 'center' },
      );
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

export type PublishedService = ReturnType<typeof publishedService>;
