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
  title: string;
  publisher: string;
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

/** Who keeps a record of a table the reference files also fill: only `reference` rows are synced. */
export type ManagedBy = 'reference' | 'platform';
export type MeetingKind = 'ministerial' | 'preparatory' | 'technical-group';
export type MeetingStatus =
  | 'draft'
  | 'convened'
  | 'registration-open'
  | 'registration-closed'
  | 'in-session'
  | 'concluded'
  | 'cancelled';

export interface MeetingTable extends Timestamps {
  id: string;
  slug: string;
  /** Roman numeral of a ministerial meeting; empty for other kinds. */
  number: string;
  ordinal: number;
  host_state_id: string | null;
  city: string | null;
  /** Dates as the sources record them (historic meetings); platform meetings also have instants. */
  start_date: string | null;
  end_date: string | null;
  // From 0005: meetings run on the platform.
  managed_by: Generated<ManagedBy>;
  kind: Generated<MeetingKind>;
  status: Generated<MeetingStatus>;
  format: Generated<'in-person' | 'virtual' | 'hybrid' | null>;
  technical_group_id: Generated<string | null>;
  venue: Generated<string | null>;
  online_url: Generated<string | null>;
  /** IANA time zone of the venue (e.g. America/Santo_Domingo). */
  time_zone: Generated<string | null>;
  /** UTC instants, ISO 8601. */
  starts_at: Generated<string | null>;
  ends_at: Generated<string | null>;
  registration_deadline: Generated<string | null>;
  reminder_sent_at: Generated<string | null>;
  /** JSON array of language codes. */
  working_langs: Generated<string | null>;
  symbol_pattern: Generated<string | null>;
  /** JSON object: participant category → 'public' | 'delegations' | 'hidden'. */
  participant_visibility: Generated<string | null>;
  /** From 0017: the ministerial meeting a preparatory meeting prepares. */
  prepares_meeting_id: Generated<string | null>;
  version: Generated<number>;
}

export interface DocumentTable extends Timestamps {
  id: string;
  slug: string;
  meeting_id: string;
  position: number;
  type: string;
  symbol: string | null;
  adopted_on: string | null;
  /** 'reference' for the historic documents of data/reference, 'platform' for those drafted here. */
  managed_by: Generated<ManagedBy>;
  status: Generated<'draft' | 'under-negotiation' | 'agreed-ad-referendum' | 'adopted' | 'withdrawn'>;
  original_lang: string | null;
  created_by: string | null;
  /** The number in its meeting's `doc` series, from negotiation on. */
  sequence: number | null;
  version: Generated<number>;
  /** The consolidated revision the chair last issued: `rev. N` of the symbol (0: none yet). */
  revision: Generated<number>;
  /** SHA-256 of the canonical text, set when it is adopted. */
  content_hash: string | null;
  /** The deadline of the latest silence procedure, and how it stands (null: none was opened). */
  silence_deadline: string | null;
  silence_status: 'running' | 'adopted' | 'broken' | 'cancelled' | 'lapsed' | null;
  /** The standing objection of the state that broke silence. */
  silence_objection_id: string | null;
}

export interface DocumentNodeTable extends Timestamps {
  id: string;
  document_id: string;
  parent_id: string | null;
  position: number;
  kind: 'section' | 'preambular' | 'operative';
  mark: 'recommendation' | 'commitment' | 'mandate' | null;
  agreement: Generated<'open' | 'agreed' | 'agreed-ad-referendum'>;
}

export interface DocumentAmendmentTable extends Timestamps {
  id: string;
  document_id: string;
  /** Null for the chair's text merging amendments. */
  member_state_id: string | null;
  proposed_by: string | null;
  kind: 'replace' | 'insert' | 'delete' | 'move';
  /** The paragraph replaced, deleted or moved; for an insertion, the one it goes after. */
  node_id: string;
  /** Where a moved paragraph goes: after this node (null: first in its section). */
  after_id: string | null;
  paragraph_kind: 'preambular' | 'operative' | null;
  text: string | null;
  rationale: string;
  status: 'pending' | 'accepted' | 'rejected' | 'merged' | 'withdrawn';
  merged_into: string | null;
  new_node_id: string | null;
  based_on_version: number;
  decided_by: string | null;
  decided_at: string | null;
  version: Generated<number>;
}

export interface DocumentAmendmentPositionTable extends Timestamps {
  amendment_id: string;
  member_state_id: string;
  stance: 'support' | 'object';
  comment: string | null;
  user_id: string | null;
}

export interface DocumentVersionTable extends Timestamps {
  id: string;
  document_id: string;
  number: number;
  revision: number;
  action: string;
  made_by: string | null;
  amendment_id: string | null;
  /** JSON: the body as `VersionedNode`s. */
  body: string;
}

export interface DocumentBracketTable extends Timestamps {
  id: string;
  document_id: string;
  node_id: string;
  status: 'open' | 'resolved';
  created_by: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface DocumentBracketAlternativeTable extends Timestamps {
  id: string;
  bracket_id: string;
  position: number;
  text: string;
}

export interface DocumentBracketHolderTable {
  alternative_id: string;
  member_state_id: string;
}

export interface DocumentFootnoteTable extends Timestamps {
  id: string;
  document_id: string;
  node_id: string | null;
  member_state_id: string;
  kind: 'reservation' | 'interpretative-statement';
  lang: string;
  text: string;
  created_by: string | null;
  /** reference: a historic document's footnote known from a public source (loaded, read-only). */
  managed_by: Generated<'reference' | 'platform'>;
  /** 0: a paraphrase of the footnote, not its wording. */
  official: Generated<number>;
  /** JSON: the paragraphs it concerns as its source cites them, for a text the platform does not hold. */
  concerns: string | null;
}

export interface DocumentObjectionTable extends Timestamps {
  id: string;
  document_id: string;
  node_id: string | null;
  member_state_id: string;
  comment: string;
  status: 'standing' | 'withdrawn';
  created_by: string | null;
}

/** A text not yet adopted shared with a strategic partner (migration 0014). */
export interface DocumentShareTable extends Timestamps {
  document_id: string;
  partner_id: string;
  shared_by: string | null;
}

export interface DocumentNodeTextTable extends Timestamps {
  node_id: string;
  lang: string;
  text: string;
  state: 'pending' | 'done';
}

export interface DocumentLinkTable extends Timestamps {
  id: string;
  from_document_id: string;
  to_document_id: string;
  relation: 'reaffirms' | 'supersedes' | 'implements';
  managed_by: ManagedBy;
  source_url: string | null;
}

export interface TechnicalGroupTable extends Timestamps {
  id: string;
  slug: string;
  position: number;
  created_at_meeting_id: string | null;
  lead_state_id: string | null;
}

export interface TechnicalGroupChairTable extends Timestamps {
  id: string;
  technical_group_id: string;
  member_state_id: string;
  selection: string;
  from_meeting_id: string;
  until_meeting_id: string | null;
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
  managed_by: Generated<ManagedBy>;
  logo_file_id: Generated<string | null>;
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

/** One row (id 1): its token changes whenever what the public may read changes (http/reply-cache.ts). */
/** The audit chain's head (modules/audit/chain.ts): one row, id 1. */
export interface AuditHeadTable {
  id: number;
  entries: number;
  last_hash: string;
  signature: string;
}

export interface ContentGenerationTable {
  id: number;
  token: string;
}

/** An uploaded file; the bytes live under the files directory at `storage_key`, outside the web root. */
export interface StoredFileTable extends Timestamps {
  id: string;
  sha256: string;
  size: number;
  /** Decided from the file's bytes, never from its name. */
  media_type: string;
  original_name: string;
  storage_key: string;
  created_by: string | null;
}

/** Title and description are translations (entity_type 'agenda_item'); pillars are pillar links. */
export interface AgendaItemTable extends Timestamps {
  id: string;
  meeting_id: string;
  position: number;
  starts_at: string | null;
  ends_at: string | null;
  /** JSON array of names. */
  presenters: Generated<string>;
  version: Generated<number>;
}

export interface AgendaItemDocumentTable {
  agenda_item_id: string;
  meeting_document_id: string;
}

export type ParticipantCategory = 'delegation' | 'observer' | 'secretariat' | 'press' | 'guest';

export interface DelegationTable extends Timestamps {
  id: string;
  meeting_id: string;
  category: ParticipantCategory;
  member_state_id: string | null;
  partner_id: string | null;
  organisation: string | null;
  status: 'draft' | 'submitted' | 'accredited' | 'returned';
  return_reason: string | null;
  credentials_file_id: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_by: string | null;
  version: Generated<number>;
}

export interface ParticipantTable extends Timestamps {
  id: string;
  delegation_id: string;
  position: number;
  role: 'head' | 'alternate' | 'adviser' | 'member';
  name: string;
  title: string | null;
  institution: string | null;
  email: string | null;
}

export interface DelegationChangeTable extends Timestamps {
  id: string;
  delegation_id: string;
  /** JSON: the participant list asked for. */
  payload: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  requested_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

/** Title is a translation (entity_type 'meeting_document'). */
export interface MeetingDocumentTable extends Timestamps {
  id: string;
  meeting_id: string;
  category: 'working' | 'information' | 'presentation' | 'report';
  sequence: number;
  original_lang: string;
  visibility: 'public' | 'delegations';
  adopted_at: string | null;
  created_by: string | null;
  version: Generated<number>;
}

export interface MeetingDocumentRevisionTable extends Timestamps {
  id: string;
  document_id: string;
  /** 0 for the original. */
  revision: number;
  symbol: string;
  created_by: string | null;
}

export interface MeetingDocumentFileTable extends Timestamps {
  id: string;
  revision_id: string;
  lang: string;
  file_id: string;
}

export interface MeetingRecordTable extends Timestamps {
  id: string;
  meeting_id: string;
  kind: 'minutes' | 'report';
  version: number;
  status: 'draft' | 'shared' | 'final';
  lang: string;
  body: string;
  created_by: string | null;
}

export interface MeetingRecordCommentTable extends Timestamps {
  id: string;
  record_id: string;
  author_user_id: string | null;
  member_state_id: string | null;
  body: string;
}

export interface MeetingDecisionTable extends Timestamps {
  id: string;
  meeting_id: string;
  position: number;
  lang: string;
  text: string;
  document_id: string | null;
  meeting_document_id: string | null;
}

/** The record types that carry translations, sources, aliases and pillar links (their table names). */
export type EntityType =
  | 'pillar'
  | 'objective'
  | 'member_state'
  | 'meeting'
  | 'document'
  | 'technical_group'
  | 'technical_group_chair'
  | 'network'
  | 'team_member'
  | 'partner'
  | 'agenda_item'
  | 'meeting_document'
  | 'indicator'
  | 'document_node'
  | 'document_footnote'
  | 'follow_up_item'
  | 'follow_up_sub_item'
  | 'follow_up_cycle';

/** An indicator of the observatory's catalogue; its name and definition are translations. */
export interface IndicatorTable extends Timestamps {
  id: string;
  code: string;
  unit: string;
  iccs_code: string | null;
  sdg_code: string | null;
  source_type: string;
  source_organisation: string;
  source_url: string;
  licence: string;
  licence_url: string | null;
  attribution: string;
  higher_is_worse: Flag;
  version: Generated<number>;
}

/** One value of an indicator for a member state and year: published, submitted or rejected. */
export interface ObservationTable extends Timestamps {
  id: string;
  indicator_id: string;
  member_state_id: string;
  year: number;
  value: number;
  status: string;
  source: string;
  notes: string | null;
  break_in_series: Flag;
  submitted_by: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_reason: string | null;
  version: Generated<number>;
}

/** A "regional concerns" brief of the observatory for a meeting: findings and texts are JSON. */
export interface RegionalBriefTable extends Timestamps {
  id: string;
  meeting_id: string;
  years: number;
  findings: string;
  texts: string;
  meeting_document_id: string | null;
  created_by: string | null;
  version: Generated<number>;
}

/** An observation's earlier value, kept when the secretariat corrects it. */
export interface ObservationRevisionTable extends Timestamps {
  id: string;
  observation_id: string;
  value: number;
  source: string;
  notes: string | null;
  break_in_series: Flag;
  changed_by: string | null;
  reason: string;
}

/** An item followed up: a marked paragraph of an adopted document, or a historic document's item. */
export interface FollowUpItemTable extends Timestamps {
  id: string;
  document_id: string;
  document_node_id: string | null;
  number: string;
  position: number;
  source_url: string | null;
  version: Generated<number>;
}

export interface FollowUpSubItemTable extends Timestamps {
  id: string;
  item_id: string;
  position: number;
  weight: number | null;
}

/** A reporting cycle; its name is a translation (entity type 'follow_up_cycle'). */
export interface FollowUpCycleTable extends Timestamps {
  id: string;
  opens_on: string;
  deadline: string;
  created_by: string | null;
  opening_sent_at: string | null;
  reminder_sent_at: string | null;
  version: Generated<number>;
}

export interface FollowUpCycleItemTable {
  cycle_id: string;
  item_id: string;
}

export interface FollowUpCycleStateTable {
  cycle_id: string;
  member_state_id: string;
}

/** One state's report on one item in one cycle. */
export interface FollowUpReportTable extends Timestamps {
  id: string;
  cycle_id: string;
  item_id: string;
  member_state_id: string;
  state: string;
  status: string | null;
  not_applicable_reason: string | null;
  measures: string | null;
  institution: string | null;
  cooperation: string | null;
  /** JSON: evidence, indicators, milestones and sub-item statuses. */
  details: string;
  published: Generated<number>;
  review_comment: string | null;
  updated_by: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  version: Generated<number>;
}

/** A file attached to a follow-up report as evidence. */
export interface FollowUpReportFileTable extends Timestamps {
  id: string;
  report_id: string;
  file_id: string;
  created_by: string | null;
}

/** When a user last opened their workspace (issue 16). */
export interface WorkspaceVisitTable {
  user_id: string;
  visited_at: string;
  previous_visit_at: string | null;
}

/** A notice one user is told of (modules/notifications). */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  meeting_id: string | null;
  /** JSON: the ids and words its texts are made of in the reader's language. */
  params: string;
  /** The portal page after the language, e.g. meetings/x/registration. */
  path: string;
  created_at: string;
  read_at: string | null;
  /** How it is e-mailed, as the user chose when it was made. */
  mail: 'immediately' | 'daily' | 'never';
  /** When its e-mail (or the digest carrying it) was queued. */
  mailed_at: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: string;
  frequency: 'immediately' | 'daily' | 'never';
  updated_at: string;
}

/** An e-mail waiting for the mail server, or sent (mail/outbox.ts). */
export interface MailOutboxTable {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
}

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
  document_node: DocumentNodeTable;
  document_node_text: DocumentNodeTextTable;
  document_link: DocumentLinkTable;
  document_amendment: DocumentAmendmentTable;
  document_amendment_position: DocumentAmendmentPositionTable;
  document_version: DocumentVersionTable;
  document_bracket: DocumentBracketTable;
  document_bracket_alternative: DocumentBracketAlternativeTable;
  document_bracket_holder: DocumentBracketHolderTable;
  document_footnote: DocumentFootnoteTable;
  document_objection: DocumentObjectionTable;
  document_share: DocumentShareTable;
  technical_group: TechnicalGroupTable;
  technical_group_chair: TechnicalGroupChairTable;
  network: NetworkTable;
  team_member: TeamMemberTable;
  partner: PartnerTable;
  pillar_link: PillarLinkTable;
  reference_load: ReferenceLoadTable;
  app_user: UserTable;
  workspace_visit: WorkspaceVisitTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  recovery_code: RecoveryCodeTable;
  api_token: ApiTokenTable;
  setup_token: SetupTokenTable;
  rate_limit: RateLimitTable;
  audit_entry: AuditEntryTable;
  audit_head: AuditHeadTable;
  stored_file: StoredFileTable;
  agenda_item: AgendaItemTable;
  agenda_item_document: AgendaItemDocumentTable;
  delegation: DelegationTable;
  participant: ParticipantTable;
  delegation_change: DelegationChangeTable;
  meeting_document: MeetingDocumentTable;
  meeting_document_revision: MeetingDocumentRevisionTable;
  meeting_document_file: MeetingDocumentFileTable;
  meeting_record: MeetingRecordTable;
  meeting_record_comment: MeetingRecordCommentTable;
  meeting_decision: MeetingDecisionTable;
  content_generation: ContentGenerationTable;
  indicator: IndicatorTable;
  observation: ObservationTable;
  observation_revision: ObservationRevisionTable;
  follow_up_item: FollowUpItemTable;
  follow_up_sub_item: FollowUpSubItemTable;
  follow_up_cycle: FollowUpCycleTable;
  follow_up_cycle_item: FollowUpCycleItemTable;
  follow_up_cycle_state: FollowUpCycleStateTable;
  follow_up_report: FollowUpReportTable;
  follow_up_report_file: FollowUpReportFileTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  mail_outbox: MailOutboxTable;
  regional_brief: RegionalBriefTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
