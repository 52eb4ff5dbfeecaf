import type { ColumnType, Selectable } from 'kysely';

/** Timestamps are ISO 8601 UTC strings on both engines (see docs/decisions/0002-portable-sql.md). */
type Timestamp = ColumnType<string, string, string>;
/** SQLite cannot bind booleans: flags are stored as 0/1 on both engines. */
type Flag = ColumnType<number, number, number>;

interface Timestamps {
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LanguageTable extends Timestamps {
  code: string;
  position: number;
}

/** Every translatable text of every table: adding a language adds rows, not columns. */
export interface TranslationTable extends Timestamps {
  entity_type: string;
  entity_id: string;
  field: string;
  lang: string;
  text: string;
  official: Flag;
  source: string | null;
}

export interface AliasTable extends Timestamps {
  id: string;
  entity_type: string;
  entity_id: string;
  lang: string;
  text: string;
  source: string | null;
}

export interface SourceTable extends Timestamps {
  id: string;
  entity_type: string;
  entity_id: string;
  field: string | null;
  url: string;
  note: string | null;
  position: number;
}

export interface PillarTable extends Timestamps {
  id: string;
  code: string;
  position: number;
}

export interface ObjectiveTable extends Timestamps {
  id: string;
  code: string;
  position: number;
}

export interface MemberStateTable extends Timestamps {
  id: string;
  slug: string;
  iso2: string;
  iso3: string;
  iso_numeric: string;
  subregion: string;
}

export interface MeetingTable extends Timestamps {
  id: string;
  slug: string;
  number: string;
  ordinal: number;
  host_state_id: string | null;
  city: string | null;
  start_date: string | null;
  end_date: string | null;
}

export interface DocumentTable extends Timestamps {
  id: string;
  slug: string;
  meeting_id: string;
  position: number;
  type: string;
  symbol: string | null;
  adopted_on: string | null;
}

export interface TechnicalGroupTable extends Timestamps {
  id: string;
  slug: string;
  position: number;
  created_at_meeting_id: string | null;
  lead_state_id: string | null;
}

export interface NetworkTable extends Timestamps {
  id: string;
  slug: string;
  position: number;
  kind: string;
  acronym: string | null;
  origin_meeting_id: string | null;
  origin_relation: string | null;
  parent_id: string | null;
}

export interface TeamMemberTable extends Timestamps {
  id: string;
  slug: string;
  position: number;
  name: string;
}

export interface PartnerTable extends Timestamps {
  id: string;
  slug: string;
  kind: string;
  website: string | null;
}

/** Which pillars a record addresses (documents, technical groups, partners). */
export interface PillarLinkTable extends Timestamps {
  entity_type: string;
  entity_id: string;
  pillar_id: string;
}

/** The checksum of the reference files last loaded; `updated_at` is when. */
export interface ReferenceLoadTable extends Timestamps {
  name: string;
  checksum: string;
}

/** The record types that carry translations, sources, aliases and pillar links (their table names). */
export type EntityType =
  | 'pillar'
  | 'objective'
  | 'member_state'
  | 'meeting'
  | 'document'
  | 'technical_group'
  | 'network'
  | 'team_member'
  | 'partner';

export interface Database {
  language: LanguageTable;
  translation: TranslationTable;
  alias: AliasTable;
  source: SourceTable;
  pillar: PillarTable;
  objective: ObjectiveTable;
  member_state: MemberStateTable;
  meeting: MeetingTable;
  document: DocumentTable;
  technical_group: TechnicalGroupTable;
  network: NetworkTable;
  team_member: TeamMemberTable;
  partner: PartnerTable;
  pillar_link: PillarLinkTable;
  reference_load: ReferenceLoadTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
