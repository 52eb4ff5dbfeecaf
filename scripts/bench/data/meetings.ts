import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { LANGS } from '../../../src/domain/languages.js';
import type { Database, MeetingKind, MeetingStatus, ParticipantCategory } from '../../../src/server/db/schema.js';
import { documentSymbol, revisionSymbol } from '../../../src/server/modules/meeting-documents/symbols.js';
import { type Generator, type GeneratorContext, stamped } from './context.js';
import { AGENDA_DESCRIPTIONS, AGENDA_TITLES, DOCUMENT_TITLES, KIND_NAMES, THEMES } from './texts.js';

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

const DAY = 86_400_000;
/** Twenty meetings' worth of statuses, repeated: most concluded or coming, a few drafts and cancellations. */
const STATUSES: MeetingStatus[] = [
  'concluded',
  'registration-open',
  'convened',
  'concluded',
  'registration-closed',
  'draft',
  'concluded',
  'registration-open',
  'cancelled',
  'concluded',
  'in-session',
  'convened',
  'concluded',
  'registration-open',
  'concluded',
  'convened',
  'registration-closed',
  'draft',
  'concluded',
  'cancelled',
];
const KINDS: MeetingKind[] = ['preparatory', 'technical-group', 'ministerial', 'technical-group', 'preparatory'];
const CATEGORIES = ['working', 'information', 'presentation', 'report'] as const;
/** A handful of stored files every document file points at: the bytes are not what is measured. */
const SHARED_FILES = 4;
const REGISTERED: MeetingStatus[] = ['registration-open', 'registration-closed', 'in-session', 'concluded'];

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of table) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/** A minimal valid PDF, so a download of a bench document works when the files folder is given. */
function samplePdf(n: number): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% bench sample ${n}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** One field's text in the four languages, as translation rows. */
export function translations(
  entityType: 'meeting' | 'agenda_item' | 'meeting_document' | 'document' | 'indicator',
  entityId: string,
  field: string,
  text: (lang: (typeof LANGS)[number]) => string,
  at: string,
): Rows<'translation'> {
  return LANGS.map((lang) => ({
    entity_type: entityType,
    entity_id: entityId,
    field,
    lang,
    text: text(lang),
    official: 1,
    source: null,
    ...stamped(at),
  }));
}

export const meetingsGenerator: Generator = {
  name: 'meetings',
  planned: (scale) => scale.meetings,
  async run(ctx) {
    const { db, scale, random, epoch, world, insert, advance } = ctx;
    const counts: Record<string, number> = {};
    const count = (table: string, n: number) => {
      counts[table] = (counts[table] ?? 0) + n;
    };
    const fileIds = await sharedFiles(ctx);
    count('stored_file', fileIds.length);
    // Platform ordinals start above the historic meetings', as the meetings module allocates them.
    const top = await db.selectFrom('meeting').select(db.fn.max('ordinal').as('max')).executeTakeFirst();
    let ordinal = Number(top?.max ?? 0);
    let ministerial = 8;
    world.meetingIds = [];

    for (let m = 0; m < scale.meetings; m++) {
      const status = STATUSES[m % STATUSES.length] as MeetingStatus;
      const kind = KINDS[m % KINDS.length] as MeetingKind;
      // Concluded meetings lie in the two years before the epoch, the others in the year after it.
      const startsAt = epoch + (status === 'concluded' ? -random.int(30, 730) : random.int(10, 365)) * DAY;
      const at = new Date(Math.min(startsAt, epoch) - 90 * DAY).toISOString();
      const id = random.uuid(Date.parse(at));
      const meeting = {
        id,
        slug: `bench-${kind}-${m + 1}`,
        number: kind === 'ministerial' ? roman(++ministerial) : '',
        ordinal: ++ordinal,
        host_state_id: random.pick(world.stateIds),
        city: 'Washington, D.C.',
        start_date: new Date(startsAt).toISOString().slice(0, 10),
        end_date: new Date(startsAt + 2 * DAY).toISOString().slice(0, 10),
        managed_by: 'platform' as const,
        kind,
        status,
        format: random.pick(['in-person', 'virtual', 'hybrid'] as const),
        technical_group_id: kind === 'technical-group' ? random.pick(world.technicalGroupIds) : null,
        venue: 'OAS headquarters',
        online_url: 'https://meet.example/bench',
        time_zone: 'America/New_York',
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(startsAt + 2 * DAY).toISOString(),
        registration_deadline: new Date(startsAt - 14 * DAY).toISOString(),
        reminder_sent_at: null,
        working_langs: JSON.stringify(LANGS),
        symbol_pattern: null,
        participant_visibility: null,
        ...stamped(at),
      };
      const theme = m % THEMES.en.length;
      await insert('meeting', [meeting]);
      await insert(
        'translation',
        translations('meeting', id, 'name', (l) => `${KIND_NAMES[l][kind]} ${m + 1}: ${THEMES[l][theme]}`, at),
      );
      world.meetingIds.push(id);
      count('meeting', 1);
      count('translation', LANGS.length);

      const documents = meetingDocuments(ctx, meeting, fileIds, at);
      const agenda = agendaItems(ctx, id, startsAt, documents.ids, at);
      const delegations = REGISTERED.includes(status) ? meetingDelegations(ctx, id, status, at) : null;
      for (const [table, rows] of [...documents.tables, ...agenda, ...(delegations ?? [])]) {
        await insert(table, rows as never);
        count(table, rows.length);
      }
      advance(1);
    }
    return counts;
  },
};

async function sharedFiles({ random, epoch, filesDir, insert, world }: GeneratorContext): Promise<string[]> {
  const rows: Rows<'stored_file'> = [];
  for (let n = 1; n <= SHARED_FILES; n++) {
    const bytes = samplePdf(n);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = random.uuid(epoch - 365 * DAY);
    const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${id}`;
    if (filesDir) {
      fs.mkdirSync(path.dirname(path.join(filesDir, key)), { recursive: true });
      fs.writeFileSync(path.join(filesDir, key), bytes);
    }
    rows.push({
      id,
      sha256,
      size: bytes.length,
      media_type: 'application/pdf',
      original_name: `bench-sample-${n}.pdf`,
      storage_key: key,
      created_by: world.adminUserId,
      ...stamped(new Date(epoch - 365 * DAY).toISOString()),
    });
  }
  await insert('stored_file', rows);
  return rows.map((row) => row.id);
}

function meetingDocuments(
  { scale, random, world }: GeneratorContext,
  meeting: { id: string; ordinal: number; number: string; slug: string; starts_at: string; start_date: string },
  fileIds: string[],
  at: string,
) {
  const documents: Rows<'meeting_document'> = [];
  const revisions: Rows<'meeting_document_revision'> = [];
  const files: Rows<'meeting_document_file'> = [];
  const texts: Rows<'translation'> = [];
  const sequences = new Map<string, number>();
  const time = Date.parse(at);
  for (let d = 0; d < scale.documentsPerMeeting; d++) {
    const category = CATEGORIES[d % CATEGORIES.length] as (typeof CATEGORIES)[number];
    const sequence = (sequences.get(category) ?? 0) + 1;
    sequences.set(category, sequence);
    const id = random.uuid(time);
    const title = d % DOCUMENT_TITLES.en.length;
    documents.push({
      id,
      meeting_id: meeting.id,
      category,
      sequence,
      original_lang: random.pick(LANGS),
      visibility: random.chance(0.15) ? 'delegations' : 'public',
      adopted_at: null,
      created_by: world.adminUserId,
      ...stamped(at),
    });
    texts.push(...translations('meeting_document', id, 'title', (l) => `${DOCUMENT_TITLES[l][title]} ${sequence}`, at));
    const original = documentSymbol({ ...meeting, symbol_pattern: null }, category, sequence, new Date(time));
    for (let r = 0, last = random.int(0, 2); r <= last; r++) {
      const revisionId = random.uuid(time);
      revisions.push({
        id: revisionId,
        document_id: id,
        revision: r,
        symbol: revisionSymbol(original, r),
        created_by: world.adminUserId,
        ...stamped(at),
      });
      for (const lang of LANGS.slice(0, random.int(1, LANGS.length))) {
        files.push({
          id: random.uuid(time),
          revision_id: revisionId,
          lang,
          file_id: random.pick(fileIds),
          ...stamped(at),
        });
      }
    }
  }
  return {
    ids: documents.map((doc) => doc.id),
    tables: [
      ['meeting_document', documents],
      ['translation', texts],
      ['meeting_document_revision', revisions],
      ['meeting_document_file', files],
    ] as Array<[keyof Database, unknown[]]>,
  };
}

function agendaItems(
  { scale, random }: GeneratorContext,
  meetingId: string,
  startsAt: number,
  documentIds: string[],
  at: string,
): Array<[keyof Database, unknown[]]> {
  const items: Rows<'agenda_item'> = [];
  const texts: Rows<'translation'> = [];
  const links: Rows<'agenda_item_document'> = [];
  for (let i = 0; i < scale.agendaItemsPerMeeting; i++) {
    const id = random.uuid(Date.parse(at));
    const start = startsAt + 13 * 3_600_000 + i * 45 * 60_000;
    items.push({
      id,
      meeting_id: meetingId,
      position: i + 1,
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(start + 45 * 60_000).toISOString(),
      presenters: JSON.stringify(random.chance(0.5) ? ['Secretariat'] : []),
      ...stamped(at),
    });
    const title = i % AGENDA_TITLES.en.length;
    texts.push(
      ...translations('agenda_item', id, 'title', (l) => `${AGENDA_TITLES[l][title]} (${i + 1})`, at),
      ...translations('agenda_item', id, 'description', (l) => AGENDA_DESCRIPTIONS[l][0] as string, at),
    );
    const document = documentIds[i];
    if (document && random.chance(0.5)) links.push({ agenda_item_id: id, meeting_document_id: document });
  }
  return [
    ['agenda_item', items],
    ['translation', texts],
    ['agenda_item_document', links],
  ];
}

const PARTICIPANT_ROLES = ['alternate', 'adviser', 'member'] as const;

function meetingDelegations(
  { scale, random, world }: GeneratorContext,
  meetingId: string,
  status: MeetingStatus,
  at: string,
): Array<[keyof Database, unknown[]]> {
  const delegations: Rows<'delegation'> = [];
  const participants: Rows<'participant'> = [];
  const time = Date.parse(at);
  const add = (
    category: ParticipantCategory,
    stateId: string | null,
    partnerId: string | null,
    organisation: string | null,
  ) => {
    // While registration is open some are still drafts or sent back; afterwards nearly all are accredited.
    const state =
      status === 'registration-open'
        ? random.pick(['draft', 'submitted', 'accredited', 'returned'] as const)
        : random.chance(0.95)
          ? 'accredited'
          : 'submitted';
    const id = random.uuid(time);
    delegations.push({
      id,
      meeting_id: meetingId,
      category,
      member_state_id: stateId,
      partner_id: partnerId,
      organisation,
      status: state,
      return_reason: state === 'returned' ? 'The head of delegation is missing a title.' : null,
      credentials_file_id: null,
      submitted_at: state === 'draft' ? null : at,
      decided_at: state === 'accredited' || state === 'returned' ? at : null,
      decided_by: state === 'accredited' || state === 'returned' ? world.adminUserId : null,
      created_by: (stateId && world.focalPointByState.get(stateId)) ?? world.adminUserId,
      ...stamped(at),
    });
    for (let p = 0, size = random.int(3, 8); p < size; p++) {
      participants.push({
        id: random.uuid(time),
        delegation_id: id,
        position: p + 1,
        role: p === 0 ? 'head' : random.pick(PARTICIPANT_ROLES),
        name: `Participant ${delegations.length}.${p + 1}`,
        title: p === 0 ? 'Minister' : 'Adviser',
        institution: 'Ministry of Security',
        email: `participant-${delegations.length}-${p + 1}@bench.example`,
        ...stamped(at),
      });
    }
  };
  // One delegation per state at most (a unique constraint): the first N of a shuffled list.
  const states = random.shuffle(world.stateIds).slice(0, scale.delegationsPerMeeting);
  for (const stateId of states) add('delegation', stateId, null, null);
  for (const partnerId of world.partnerIds.slice(0, 2)) add('observer', null, partnerId, null);
  add('secretariat', null, null, 'General Secretariat of the OAS');
  add('press', null, null, 'Bench press agency');
  return [
    ['delegation', delegations],
    ['participant', participants],
  ];
}
