import type { ColumnType, Generated, Selectable } from 'kysely';

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

export interface UserTable extends Timestamps {
  id: string;
  email: string;
  display_name: string;
  preferred_lang: string;
  password_hash: string | null;
  status: 'invited' | 'active' | 'deactivated';
  totp_secret: string | null;
  totp_enabled_at: string | null;
  demo: Flag;
  /** An enrolment not yet confirmed (0004); encrypted like totp_secret. */
  totp_pending_secret: Generated<string | null>;
  /** The RFC 6238 time step of the last code accepted, so no code is accepted twice (0004). */
  totp_last_step: Generated<number | null>;
}

export interface RoleGrantTable extends Timestamps {
  id: string;
  user_id: string;
  role: string;
  member_state_id: string | null;
  technical_group_id: string | null;
  partner_id: string | null;
  granted_by: string | null;
  revoked_at: string | null;
}

/** The id is the SHA-256 of the cookie's secret, so a copy of the table signs nobody in. */
export interface SessionTable extends Timestamps {
  id: string;
  user_id: string;
  expires_at: string;
  idle_expires_at: string;
  second_factor_at: string | null;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationTable extends Timestamps {
  id: string;
  token_hash: string;
  user_id: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
}

export interface PasswordResetTable extends Timestamps {
  id: string;
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
}

export interface RecoveryCodeTable extends Timestamps {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface ApiTokenTable extends Timestamps {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scope: 'read' | 'write';
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The one-time link that creates the first secretariat administrator (0003). */
export interface SetupTokenTable extends Timestamps {
  id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  /** The administrator it created, once used. */
  user_id: string | null;
}

export interface RateLimitTable extends Timestamps {
  key: string;
  hits: number;
  reset_at: string;
}

export interface AuditEntryTable extends Timestamps {
  id: string;
  seq: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON: { before, after } with secrets removed. */
  diff: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
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
  app_user: UserTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  recovery_code: RecoveryCodeTable;
  api_token: ApiTokenTable;
  setup_token: SetupTokenTable;
  rate_limit: RateLimitTable;
  audit_entry: AuditEntryTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
