import { LANGS } from '../../../src/domain/languages.js';
import { numbering, outlineOf } from '../../../src/domain/outcome-documents.js';
import { type BulkColumn, bulkInsert, bulkLoadCache, withoutPlainIndexes } from './bulk.js';
import type { Generator, GeneratorContext } from './context.js';
import { THEMES } from './texts.js';

/** How much follow-up a scale makes: items (of which `historicPerDocument` on each historic
 * document, the rest paragraphs of `documents` generated adopted outcome documents) and cycles;
 * every state reports on every item in every cycle. */
export interface FollowUpScale {
  items: number;
  cycles: number;
  documents: number;
  historicPerDocument: number;
}

const DAY = 86_400_000;
/** Cycles open twice a year; the newest is still open at the data set's "now". */
const CYCLE_SPACING_DAYS = 182;
const STATUSES = ['not-started', 'planned', 'in-progress', 'implemented'] as const;
/** Where a state stands on an item at the first cycle (an index of STATUSES); each later cycle moves
 * it one step on with probability 0.2. */
const FIRST_LEVELS = [0, 0, 0, 1, 1, 2, 3];
const MARKS = ['recommendation', 'recommendation', 'commitment', 'mandate'] as const;
const INSTITUTIONS = [
  'Ministry of Security',
  'National Police',
  'Ministry of Justice',
  'Attorney General’s Office',
  'National Crime Observatory',
];
const MEASURES = [
  'A national plan adopted by decree, with a budget line for the next two years.',
  'Training of 400 officers completed in three regions; the rest scheduled.',
  'An inter-agency working group meets monthly and has published its first report.',
  'Draft legislation sent to Congress after public consultation.',
  'A pilot programme in two municipalities, evaluated by the national university.',
];
const EMPTY_DETAILS = JSON.stringify({ evidence: [], indicators: [], milestones: [], subItems: [] });

/** Text columns of follow_up_report in load order. */
const REPORT_COLUMNS: readonly BulkColumn[] = [
  ['id', 'text'],
  ['cycle_id', 'text'],
  ['item_id', 'text'],
  ['member_state_id', 'text'],
  ['state', 'text'],
  ['status', 'text'],
  ['not_applicable_reason', 'text'],
  ['measures', 'text'],
  ['institution', 'text'],
  ['cooperation', 'text'],
  ['details', 'text'],
  ['published', 'integer'],
  ['review_comment', 'text'],
  ['updated_by', 'text'],
  ['submitted_at', 'text'],
  ['reviewed_at', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

const itemCount = (f: FollowUpScale) => f.items;
const reportCount = (f: FollowUpScale, states: number) => f.items * f.cycles * states;

/**
 * Follow-up of recommendations (issue 15) at scale: items on the historic documents (texts in the
 * translation table, as the secretariat enters them) and on generated adopted outcome documents
 * (one per marked operative paragraph, as deriveParagraphItems makes them), pillars, cycles every
 * six months, and one report per state, item and cycle. A state's status on an item moves forward
 * from cycle to cycle; older cycles are mostly accepted, the open one mostly drafts; each state
 * publishes its accepted reports at its own habit (some all, some none).
 */
export const followUpGenerator: Generator = {
  name: 'follow-up',
  planned: (scale) => itemCount(scale.followUp) + reportCount(scale.followUp, 35),
  async run(ctx) {
    const { db, scale, random, epoch, world, advance } = ctx;
    const f = scale.followUp;
    const counts: Record<string, number> = {};
    const count = (table: string, n: number) => {
      counts[table] = (counts[table] ?? 0) + n;
    };
    const insert = async (table: Parameters<GeneratorContext['insert']>[0], rows: unknown[]) => {
      await ctx.insert(table, rows as never);
      count(table, rows.length);
    };
    // By slug: the states' ids are made when the reference data loads, so their order is not the
    // same from one database to the next, and the same seed must give each state the same reports.
    const stateIds = (await db.selectFrom('member_state').select('id').orderBy('slug').execute()).map((s) => s.id);
    const pillarIds = (await db.selectFrom('pillar').select('id').orderBy('position').execute()).map((p) => p.id);
    const historic = await db
      .selectFrom('document')
      .select(['id', 'adopted_on'])
      .where('managed_by', '=', 'reference')
      .where('status', '=', 'adopted')
      .orderBy('position')
      .execute();
    // Outcome documents hang on the bench's concluded meetings (the busiest first).
    const meetings = await db
      .selectFrom('meeting')
      .select(['id', 'slug', 'ends_at'])
      .where('managed_by', '=', 'platform')
      .orderBy('ordinal')
      .execute();
    const concluded = await db
      .selectFrom('meeting')
      .select('id')
      .where('managed_by', '=', 'platform')
      .where('status', '=', 'concluded')
      .execute();
    const hosts = meetings.filter((m) => concluded.some((c) => c.id === m.id));
    if (hosts.length === 0) hosts.push(...meetings);
    const firstCycle = epoch - (f.cycles - 1) * CYCLE_SPACING_DAYS * DAY - 30 * DAY;
    const itemAt = new Date(firstCycle - 60 * DAY).toISOString();

    // Items: texts in the four languages, one or two pillars each.
    const items: string[] = [];
    const translations: unknown[] = [];
    const pillarLinks: unknown[] = [];
    const link = (id: string) => {
      for (const pillar of random.shuffle(pillarIds).slice(0, random.int(1, 2)))
        pillarLinks.push({ entity_type: 'follow_up_item', entity_id: id, pillar_id: pillar, ...stampedAt(itemAt) });
    };
    const historicItems: unknown[] = [];
    for (const doc of historic) {
      for (let n = 1; n <= f.historicPerDocument && items.length < f.items; n++) {
        const id = random.uuid(Date.parse(itemAt));
        const theme = random.int(0, THEMES.en.length - 1);
        items.push(id);
        historicItems.push({
          id,
          document_id: doc.id,
          document_node_id: null,
          number: String(n),
          position: n,
          source_url: null,
          ...stampedAt(itemAt),
        });
        for (const lang of LANGS)
          translations.push({
            entity_type: 'follow_up_item',
            entity_id: id,
            field: 'text',
            lang,
            text: `${THEMES[lang][theme]} (${n})`,
            official: 0,
            source: null,
            ...stampedAt(itemAt),
          });
        link(id);
      }
    }
    const paragraphItems = f.items - items.length;
    const documents: unknown[] = [];
    const nodes: unknown[] = [];
    const nodeTexts: unknown[] = [];
    const derived: unknown[] = [];
    for (let d = 0; d < f.documents; d++) {
      const host = hosts[d % hosts.length] as (typeof hosts)[number];
      const documentId = random.uuid(Date.parse(itemAt));
      const adoptedOn = (host.ends_at ?? itemAt).slice(0, 10);
      documents.push({
        id: documentId,
        slug: `bench-recommendations-${String(d + 1).padStart(3, '0')}`,
        meeting_id: host.id,
        position: 100 + d,
        type: 'recommendations',
        symbol: null,
        adopted_on: adoptedOn,
        managed_by: 'platform',
        status: 'adopted',
        original_lang: 'es',
        created_by: world.adminUserId,
        ...stampedAt(itemAt),
      });
      translations.push(
        ...LANGS.map((lang) => ({
          entity_type: 'document',
          entity_id: documentId,
          field: 'title',
          lang,
          text: `${THEMES[lang][d % THEMES.en.length]} — ${d + 1}`,
          official: 1,
          source: null,
          ...stampedAt(itemAt),
        })),
      );
      // Three preambular paragraphs, then this document's share of operative ones, most marked.
      const share = Math.floor(paragraphItems / f.documents) + (d < paragraphItems % f.documents ? 1 : 0);
      const outline: Array<{ id: string; kind: 'preambular' | 'operative'; parentId: null; position: number }> = [];
      const marks = new Map<string, string | null>();
      let marked = 0;
      for (let position = 0; marked < share; position++) {
        const kind = position < 3 ? 'preambular' : 'operative';
        const mark = kind === 'operative' && random.chance(0.9) ? random.pick(MARKS) : null;
        if (mark) marked++;
        const id = random.uuid(Date.parse(itemAt));
        outline.push({ id, kind, parentId: null, position });
        marks.set(id, mark);
      }
      const numbers = numbering(outlineOf(outline));
      for (const node of outline) {
        const mark = marks.get(node.id) ?? null;
        nodes.push({
          id: node.id,
          document_id: documentId,
          parent_id: null,
          position: node.position,
          kind: node.kind,
          mark,
          agreement: 'agreed',
          ...stampedAt(itemAt),
        });
        const theme = random.int(0, THEMES.en.length - 1);
        for (const lang of LANGS)
          nodeTexts.push({
            node_id: node.id,
            lang,
            text: `${THEMES[lang][theme]}: ${node.kind} ${numbers.get(node.id)}.`,
            state: 'done',
            ...stampedAt(itemAt),
          });
        if (!mark) continue;
        // As deriveParagraphItems makes them: the item's id is its paragraph's.
        items.push(node.id);
        derived.push({
          id: node.id,
          document_id: documentId,
          document_node_id: node.id,
          number: String(numbers.get(node.id)),
          position: numbers.get(node.id),
          source_url: null,
          ...stampedAt(itemAt),
        });
        link(node.id);
      }
    }
    await insert('document', documents);
    await insert('document_node', nodes);
    await insert('document_node_text', nodeTexts);
    await insert('follow_up_item', [...historicItems, ...derived]);
    await insert('translation', translations);
    await insert('pillar_link', pillarLinks);
    advance(items.length);

    // Cycles: every item, every state; names in four languages.
    const cycles: Array<{ id: string; opensOn: number }> = [];
    for (let c = 0; c < f.cycles; c++) {
      const opensOn = firstCycle + c * CYCLE_SPACING_DAYS * DAY;
      const id = random.uuid(opensOn);
      const at = new Date(opensOn - 14 * DAY).toISOString();
      cycles.push({ id, opensOn });
      await insert('follow_up_cycle', [
        {
          id,
          opens_on: isoDay(opensOn),
          deadline: isoDay(opensOn + 120 * DAY),
          created_by: world.adminUserId,
          opening_sent_at: opensOn <= epoch ? new Date(opensOn).toISOString() : null,
          reminder_sent_at: opensOn + 106 * DAY <= epoch ? new Date(opensOn + 106 * DAY).toISOString() : null,
          ...stampedAt(at),
        },
      ]);
      await insert(
        'translation',
        LANGS.map((lang) => ({
          entity_type: 'follow_up_cycle',
          entity_id: id,
          field: 'name',
          lang,
          text: `${CYCLE_WORD[lang]} ${new Date(opensOn).getUTCFullYear()}-${c % 2 === 0 ? 1 : 2} (${c + 1})`,
          official: 0,
          source: null,
          ...stampedAt(at),
        })),
      );
      await insert(
        'follow_up_cycle_item',
        items.map((item_id) => ({ cycle_id: id, item_id })),
      );
      await insert(
        'follow_up_cycle_state',
        stateIds.map((member_state_id) => ({ cycle_id: id, member_state_id })),
      );
    }

    await bulkLoadCache(db, 512);
    // Reports. Each state's status on each item, carried from cycle to cycle.
    const level = new Uint8Array(stateIds.length * items.length);
    const notApplicable = new Uint8Array(level.length);
    for (let i = 0; i < level.length; i++) {
      level[i] = random.pick(FIRST_LEVELS);
      notApplicable[i] = random.chance(0.04) ? 1 : 0;
    }
    // How readily each state publishes its accepted reports.
    const publishes = stateIds.map(() => random.pick([0, 0.2, 0.5, 0.8, 1]));
    let reports = 0;
    await withoutPlainIndexes(db, 'follow_up_report', async () => {
      // In the unique index's order (cycle, item, state), so that B-tree only ever grows at its end.
      const ordered = items.map((id, i) => ({ id, i })).sort((a, b) => (a.id < b.id ? -1 : 1));
      const focalPoints = stateIds.map((id) => world.focalPointByState.get(id) ?? null);
      for (const [c, cycle] of cycles.entries()) {
        const open = c === cycles.length - 1;
        const rows: unknown[][] = [];
        for (const [n, { id: itemId, i }] of ordered.entries()) {
          for (const [s, stateId] of stateIds.entries()) {
            const slot = s * items.length + i;
            if (c > 0 && (level[slot] as number) < 3 && random.chance(0.2)) level[slot] = (level[slot] as number) + 1;
            rows.push(
              reportRow(
                random,
                epoch,
                cycle,
                open,
                itemId,
                stateId,
                focalPoints[s] as string | null,
                publishes[s] as number,
                {
                  level: level[slot] as number,
                  notApplicable: notApplicable[slot] === 1,
                },
              ),
            );
          }
          // Some 20,000 rows at a time: memory stays bounded.
          if (rows.length >= 20_000 || n === ordered.length - 1) {
            await bulkInsert(db, 'follow_up_report', REPORT_COLUMNS, rows);
            reports += rows.length;
            advance(rows.length);
            rows.length = 0;
          }
        }
      }
    });
    count('follow_up_report', reports);
    return counts;
  },
};

const CYCLE_WORD = { en: 'Cycle', es: 'Ciclo', fr: 'Cycle', pt: 'Ciclo' } as const;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stampedAt = (at: string) => ({ created_at: at, updated_at: at });

/** One report as a row of REPORT_COLUMNS. */
function reportRow(
  random: GeneratorContext['random'],
  epoch: number,
  cycle: { id: string; opensOn: number },
  open: boolean,
  itemId: string,
  stateId: string,
  focalPoint: string | null,
  publishes: number,
  progress: { level: number; notApplicable: boolean },
): unknown[] {
  // Closed cycles: nearly all accepted. The open one: drafts, submissions awaiting review, some accepted.
  const roll = random.next();
  const state = open
    ? roll < 0.45
      ? 'draft'
      : roll < 0.65
        ? 'submitted'
        : roll < 0.7
          ? 'changes-requested'
          : 'accepted'
    : roll < 0.88
      ? 'accepted'
      : roll < 0.92
        ? 'submitted'
        : roll < 0.95
          ? 'changes-requested'
          : 'draft';
  const status =
    state === 'draft' && random.chance(0.15)
      ? null
      : progress.notApplicable
        ? 'not-applicable'
        : STATUSES[progress.level];
  // Nothing after the data set's "now": the open cycle's reports crowd into its first weeks.
  const until = (ms: number) => Math.min(ms, epoch);
  const created = until(cycle.opensOn + random.int(1, 60) * DAY);
  const submitted = state === 'draft' ? null : until(created + random.int(0, 30) * DAY);
  const reviewed =
    state === 'accepted' || state === 'changes-requested'
      ? until((submitted ?? created) + random.int(1, 20) * DAY)
      : null;
  const updated = reviewed ?? submitted ?? created;
  const acting = status !== null && status !== 'not-started' && status !== 'not-applicable';
  const details = random.chance(0.1)
    ? JSON.stringify({
        evidence: [{ url: `https://example.org/evidence/${itemId.slice(-6)}`, title: null }],
        indicators: [
          {
            name: 'Officers trained',
            unit: 'people',
            baseline: { value: 100, year: 2024 },
            target: { value: 1000, year: 2028 },
            latest: { value: random.int(100, 1000), year: 2026 },
          },
        ],
        milestones: [],
        subItems: [],
      })
    : EMPTY_DETAILS;
  return [
    random.uuid(created),
    cycle.id,
    itemId,
    stateId,
    state,
    status,
    status === 'not-applicable' ? 'The item concerns a coastal authority this state does not have.' : null,
    acting ? random.pick(MEASURES) : null,
    acting ? random.pick(INSTITUTIONS) : null,
    acting && random.chance(0.15) ? 'Technical assistance on data systems.' : null,
    details,
    state === 'accepted' && random.chance(publishes) ? 1 : 0,
    state === 'changes-requested' ? 'Please add the evidence of the measures reported.' : null,
    focalPoint,
    submitted === null ? null : new Date(submitted).toISOString(),
    reviewed === null ? null : new Date(reviewed).toISOString(),
    new Date(created).toISOString(),
    new Date(updated).toISOString(),
  ];
}
