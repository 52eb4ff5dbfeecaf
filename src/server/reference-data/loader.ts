import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database, EntityType } from '../db/schema.js';
import { lockSeries } from '../db/series-lock.js';
import { REFERENCE_FILES, type ReferenceFileName, type ReferenceRows, type Text } from './schema.js';
import { deleteRows, type SyncCounts, upsertRows } from './sync.js';

/** A mistake in a reference file, named by file, row and field so it can be fixed by hand. */
export class ReferenceDataError extends Error {}

type Values = Record<string, string | number | null>;
type Resolve = (table: EntityType, slug: string | null, field: string) => string | null;

interface EntitySpec<F extends ReferenceFileName> {
  file: F;
  table: EntityType;
  key: 'slug' | 'code';
  columns(row: ReferenceRows[F][number], resolve: Resolve): Values;
  texts(row: ReferenceRows[F][number]): Record<string, Text | null>;
  /** The table also holds records made on the platform (`managed_by`), which loading leaves alone. */
  shared?: true;
}

const spec = <F extends ReferenceFileName>(s: EntitySpec<F>) => s;

/** The entity files in loading order: a row may only point at rows of files above it (or, for
 * networks, at rows listed before it in the same file). */
const ENTITIES = [
  spec({
    file: 'pillars.json',
    table: 'pillar',
    key: 'code',
    columns: (r) => ({ code: r.code, position: r.position }),
    texts: (r) => ({ name: r.name, description: r.description }),
  }),
  spec({
    file: 'objectives.json',
    table: 'objective',
    key: 'code',
    columns: (r) => ({ code: r.code, position: r.position }),
    texts: (r) => ({ text: r.text }),
  }),
  spec({
    file: 'member-states.json',
    table: 'member_state',
    key: 'slug',
    columns: (r) => ({ slug: r.slug, iso2: r.iso2, iso3: r.iso3, iso_numeric: r.isoNumeric, subregion: r.subregion }),
    texts: (r) => ({ name: r.name }),
  }),
  spec({
    file: 'meetings.json',
    table: 'meeting',
    key: 'slug',
    shared: true,
    columns: (r, resolve) => ({
      slug: r.slug,
      number: r.number,
      ordinal: r.ordinal,
      host_state_id: resolve('member_state', r.hostState, 'hostState'),
      city: r.city,
      start_date: r.startDate,
      end_date: r.endDate,
    }),
    texts: (r) => ({ name: r.name, summary: r.summary }),
  }),
  spec({
    file: 'documents.json',
    table: 'document',
    key: 'slug',
    shared: true,
    columns: (r, resolve) => ({
      slug: r.slug,
      meeting_id: resolve('meeting', r.meeting, 'meeting'),
      position: r.position,
      type: r.type,
      symbol: r.symbol,
      adopted_on: r.adoptedOn,
    }),
    texts: (r) => ({ title: r.title, description: r.description }),
  }),
  spec({
    file: 'technical-groups.json',
    table: 'technical_group',
    key: 'slug',
    columns: (r, resolve) => ({
      slug: r.slug,
      position: r.position,
      created_at_meeting_id: resolve('meeting', r.createdAt, 'createdAt'),
      lead_state_id: resolve('member_state', r.leadState, 'leadState'),
    }),
    texts: (r) => ({ name: r.name, description: r.description }),
  }),
  spec({
    file: 'networks.json',
    table: 'network',
    key: 'slug',
    columns: (r, resolve) => ({
      slug: r.slug,
      position: r.position,
      kind: r.kind,
      acronym: r.acronym,
      origin_meeting_id: resolve('meeting', r.origin?.meeting ?? null, 'origin.meeting'),
      origin_relation: r.origin?.relation ?? null,
      parent_id: resolve('network', r.parent, 'parent'),
    }),
    texts: (r) => ({ name: r.name, description: r.description }),
  }),
  spec({
    file: 'team.json',
    table: 'team_member',
    key: 'slug',
    columns: (r) => ({ slug: r.slug, position: r.position, name: r.name }),
    texts: (r) => ({ role: r.role }),
  }),
  spec({
    file: 'partners.json',
    table: 'partner',
    key: 'slug',
    shared: true,
    columns: (r) => ({ slug: r.slug, kind: r.kind, website: r.website }),
    texts: (r) => ({ name: r.name }),
  }),
];

/** The translation rows of one record's texts (field → text in each language). */
export function translationRows(base: { entity_type: string; entity_id: string }, texts: Record<string, Text | null>) {
  return Object.entries(texts).flatMap(([field, text]) =>
    Object.entries(text ?? {}).map(([lang, value]) => ({
      ...base,
      field,
      lang,
      text: value.text,
      official: value.official ? 1 : 0,
      source: value.source ?? null,
    })),
  );
}

type SourceRow = { url: string; title: string; publisher: string; note?: string; field?: string };

/** The `source` rows of one record's sources, in the order the file gives them. */
function sourceRows(base: { entity_type: EntityType; entity_id: string }, sources: readonly SourceRow[]) {
  return sources.map((source, position) => ({
    ...base,
    position,
    url: source.url,
    title: source.title,
    publisher: source.publisher,
    note: source.note ?? null,
    field: source.field ?? null,
  }));
}

export function readReferenceFiles(dir: string): { rows: ReferenceRows; checksum: string } {
  const hash = createHash('sha256');
  const rows = {} as Record<string, unknown[]>;
  for (const [file, schema] of Object.entries(REFERENCE_FILES)) {
    const full = path.join(dir, file);
    let content: string;
    let parsed: unknown;
    try {
      content = fs.readFileSync(full, 'utf8');
      parsed = JSON.parse(content);
    } catch (error) {
      throw new ReferenceDataError(`Cannot read reference file ${full}: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new ReferenceDataError(`${full} must hold a JSON array of rows.`);
    rows[file] = parsed.map((row, index) => {
      const result = schema.safeParse(row);
      if (result.success) return result.data;
      const issue = result.error.issues[0];
      throw new ReferenceDataError(
        `${full}, row ${index + 1}, field "${issue?.path.join('.') || '(row)'}": ${issue?.message}`,
      );
    });
    hash.update(file).update('\0').update(content).update('\0');
  }
  return { rows: rows as ReferenceRows, checksum: hash.digest('hex') };
}

export interface LoadResult extends SyncCounts {
  changed: boolean;
}

/**
 * Makes the database hold exactly the reference data of `dir`, in one transaction. Unchanged files
 * (same checksum as the last load) are skipped without a write; changed files update only the rows
 * that differ. The reference data owns the rows of these tables.
 */
export async function loadReferenceData(db: Kysely<Database>, dir: string, now: () => Date): Promise<LoadResult> {
  const { rows, checksum } = readReferenceFiles(dir);
  const unchanged = { changed: false, inserted: 0, updated: 0, deleted: 0 };
  const loaded = async (from: Kysely<Database>) =>
    (await from.selectFrom('reference_load').select('checksum').where('name', '=', 'reference-data').executeTakeFirst())
      ?.checksum === checksum;
  if (await loaded(db)) return unchanged;

  return db.transaction().execute(async (trx) => {
    // Server processes starting together on one PostgreSQL database load one after the other; the
    // later ones find the work done.
    await lockSeries(trx, 'reference-data');
    if (await loaded(trx)) return unchanged;
    const at = now().toISOString();
    const sync = new ReferenceSync(trx, at);
    await sync.upsert('language', ['code'], rows['languages.json'], { hasId: false });
    for (const entity of ENTITIES) await sync.entity(entity, rows[entity.file]);
    await sync.documentLinks(rows['documents.json']);
    await sync.documentFootnotes(rows['document-footnotes.json']);
    await sync.chairs(rows['technical-groups.json'], rows['meetings.json']);
    await sync.deleteStale();
    await trx
      .insertInto('reference_load')
      .values({ name: 'reference-data', checksum, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ checksum, updated_at: at }))
      .execute();
    return { changed: true, ...sync.counts };
  });
}

type Row = Record<string, unknown> & {
  aliases?: Array<{ lang: string; text: string; source?: string }>;
  sources?: SourceRow[];
  pillars?: string[];
};

class ReferenceSync {
  readonly counts: SyncCounts = { inserted: 0, updated: 0, deleted: 0 };
  private readonly ids = new Map<EntityType, Map<string, string>>();
  /** Rows to delete, dependents first: each table is put in front of those loaded before it. */
  private readonly stale: Array<{ table: keyof Database; keys: string[]; rows: Values[] }> = [];

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly at: string,
  ) {}

  async upsert(
    table: keyof Database,
    keys: string[],
    rows: Iterable<Values>,
    options: {
      hasId: boolean;
      scope?: Values;
      onId?: (row: Values, id: string) => void;
      /** Only rows of these entities may be deleted as stale (the others belong to the platform). */
      owners?: Set<string> | undefined;
    },
  ) {
    const result = await upsertRows(this.trx, table, keys, rows, { now: this.at, ...options });
    this.counts.inserted += result.counts.inserted;
    this.counts.updated += result.counts.updated;
    const { owners } = options;
    const stale = owners ? result.stale.filter((row) => owners.has(row.entity_id as string)) : result.stale;
    this.stale.unshift({ table, keys, rows: stale });
    return stale;
  }

  async deleteStale() {
    for (const { table, keys, rows } of this.stale)
      this.counts.deleted += await deleteRows(this.trx, table, keys, rows);
  }

  async entity(entity: (typeof ENTITIES)[number], list: ReferenceRows[ReferenceFileName]) {
    const byKey = new Map<string, string>();
    this.ids.set(entity.table, byKey);
    const resolve =
      (index: number): Resolve =>
      (table, slug, field) => {
        if (slug === null) return null;
        const id = this.ids.get(table)?.get(slug);
        if (id !== undefined) return id;
        throw new ReferenceDataError(`${entity.file}, row ${index + 1}, field "${field}": no ${table} "${slug}".`);
      };
    // A generator, so that each row is resolved after the rows before it have their ids.
    // biome-ignore lint/suspicious/noExplicitAny: the spec and its rows are matched by file name
    const columns = entity.columns as (row: any, resolve: Resolve) => Values;
    const values = function* () {
      for (const [index, row] of list.entries()) yield columns(row, resolve(index));
    };
    const stale = await this.upsert(entity.table, [entity.key], values(), {
      hasId: true,
      onId: (row, id) => byKey.set(row[entity.key] as string, id),
      ...('shared' in entity ? { scope: { managed_by: 'reference' } } : {}),
    });
    // In a shared table, the dependents of platform records are not the reference files' to delete.
    const owners =
      'shared' in entity ? new Set([...byKey.values(), ...stale.map((row) => row.id as string)]) : undefined;
    await this.dependents(entity, list as Row[], byKey, owners);
  }

  /** The links between historic documents (MISPA II reaffirms the Commitment of MISPA I); links
   * made on the platform are left alone. */
  async documentLinks(list: ReferenceRows['documents.json']) {
    const ids = this.ids.get('document');
    const idOf = (slug: string, index: number) => {
      const id = ids?.get(slug);
      if (id === undefined)
        throw new ReferenceDataError(`documents.json, row ${index + 1}, field "links": no document "${slug}".`);
      return id;
    };
    const links = list.flatMap((row, index) =>
      row.links.map((link) => ({
        from_document_id: idOf(row.slug, index),
        to_document_id: idOf(link.document, index),
        relation: link.relation,
        managed_by: 'reference',
        source_url: link.source,
      })),
    );
    await this.upsert('document_link', ['from_document_id', 'to_document_id', 'relation'], links, {
      hasId: true,
      scope: { managed_by: 'reference' },
    });
  }

  /** The historic documents' footnotes known from public sources (Uruguay's reservation on
   * recommendations of San Pedro Sula); the states' own footnotes are left alone. One per
   * document, state and kind: a second would be the same reservation told twice. Their sources are
   * `source` rows of entity type 'document_footnote', removed with the footnote. */
  async documentFootnotes(list: ReferenceRows['document-footnotes.json']) {
    const idOf = (table: 'document' | 'member_state', slug: string, index: number, field: string) => {
      const id = this.ids.get(table)?.get(slug);
      if (id === undefined)
        throw new ReferenceDataError(
          `document-footnotes.json, row ${index + 1}, field "${field}": no ${table} "${slug}".`,
        );
      return id;
    };
    const seen = new Set<string>();
    const sourcesOf = new Map<Values, ReferenceRows['document-footnotes.json'][number]['sources']>();
    const footnotes = list.map((row, index) => {
      const key = `${row.document} ${row.state} ${row.kind}`;
      if (seen.has(key))
        throw new ReferenceDataError(
          `document-footnotes.json, row ${index + 1}: a second ${row.kind} of "${row.state}" on "${row.document}".`,
        );
      seen.add(key);
      const footnote = {
        document_id: idOf('document', row.document, index, 'document'),
        node_id: null,
        member_state_id: idOf('member_state', row.state, index, 'state'),
        kind: row.kind,
        lang: row.lang,
        text: row.text,
        created_by: null,
        managed_by: 'reference',
        official: row.official ? 1 : 0,
        concerns: JSON.stringify(row.concerns),
      };
      sourcesOf.set(footnote, row.sources);
      return footnote;
    });
    const sources: Values[] = [];
    await this.upsert('document_footnote', ['document_id', 'member_state_id', 'kind', 'managed_by'], footnotes, {
      hasId: true,
      scope: { managed_by: 'reference' },
      onId: (row, id) =>
        sources.push(...sourceRows({ entity_type: 'document_footnote', entity_id: id }, sourcesOf.get(row) ?? [])),
    });
    await this.upsert('source', ['entity_type', 'entity_id', 'position'], sources, {
      hasId: true,
      scope: { entity_type: 'document_footnote' },
    });
  }

  /** The states that chaired each technical group, per period, with the sources that record each. */
  async chairs(groups: ReferenceRows['technical-groups.json'], meetings: ReferenceRows['meetings.json']) {
    const ordinals = new Map(meetings.map((m) => [m.slug, m.ordinal]));
    const idOf = (table: EntityType, slug: string, at: string) => {
      const id = this.ids.get(table)?.get(slug);
      if (id === undefined) throw new ReferenceDataError(`technical-groups.json, ${at}: no ${table} "${slug}".`);
      return id;
    };
    const chairs: Values[] = [];
    const sourcesOf = new Map<Values, ReferenceRows['technical-groups.json'][number]['chairs'][number]['sources']>();
    for (const [index, group] of groups.entries()) {
      for (const [c, chair] of group.chairs.entries()) {
        const at = (field: string) => `row ${index + 1}, field "chairs.${c}.${field}"`;
        const row = {
          technical_group_id: idOf('technical_group', group.slug, at('slug')),
          member_state_id: idOf('member_state', chair.state, at('state')),
          selection: chair.selection,
          from_meeting_id: idOf('meeting', chair.from, at('from')),
          until_meeting_id: chair.until === undefined ? null : idOf('meeting', chair.until, at('until')),
        };
        if (chair.until !== undefined && (ordinals.get(chair.until) ?? 0) <= (ordinals.get(chair.from) ?? 0))
          throw new ReferenceDataError(
            `technical-groups.json, ${at('until')}: must be a meeting after "${chair.from}".`,
          );
        chairs.push(row);
        sourcesOf.set(row, chair.sources);
      }
    }
    const sources: Values[] = [];
    await this.upsert('technical_group_chair', ['technical_group_id', 'member_state_id', 'from_meeting_id'], chairs, {
      hasId: true,
      onId: (row, id) =>
        sources.push(...sourceRows({ entity_type: 'technical_group_chair', entity_id: id }, sourcesOf.get(row) ?? [])),
    });
    await this.upsert('source', ['entity_type', 'entity_id', 'position'], sources, {
      hasId: true,
      scope: { entity_type: 'technical_group_chair' },
    });
  }

  /** Translations, aliases, sources and pillar links of one entity file. */
  private async dependents(
    entity: (typeof ENTITIES)[number],
    list: Row[],
    byKey: Map<string, string>,
    owners: Set<string> | undefined,
  ) {
    const translations: Values[] = [];
    const aliases: Values[] = [];
    const sources: Values[] = [];
    const pillarLinks: Values[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: see entity()
    const texts = entity.texts as (row: any) => Record<string, Text | null>;
    for (const [index, row] of list.entries()) {
      const base = { entity_type: entity.table, entity_id: byKey.get(row[entity.key] as string) as string };
      translations.push(...translationRows(base, texts(row)));
      for (const alias of row.aliases ?? []) {
        aliases.push({ ...base, lang: alias.lang, text: alias.text, source: alias.source ?? null });
      }
      sources.push(...sourceRows(base, row.sources ?? []));
      for (const code of row.pillars ?? []) {
        const pillarId = this.ids.get('pillar')?.get(code);
        if (!pillarId)
          throw new ReferenceDataError(`${entity.file}, row ${index + 1}, field "pillars": no pillar "${code}".`);
        pillarLinks.push({ ...base, pillar_id: pillarId });
      }
    }
    const scope = { entity_type: entity.table };
    await this.upsert('translation', ['entity_type', 'entity_id', 'field', 'lang'], translations, {
      hasId: false,
      scope,
      owners,
    });
    await this.upsert('alias', ['entity_type', 'entity_id', 'lang', 'text'], aliases, { hasId: true, scope, owners });
    await this.upsert('source', ['entity_type', 'entity_id', 'position'], sources, { hasId: true, scope, owners });
    await this.upsert('pillar_link', ['entity_type', 'entity_id', 'pillar_id'], pillarLinks, {
      hasId: false,
      scope,
      owners,
    });
  }
}
