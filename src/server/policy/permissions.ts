import type { Role } from '../../contract/accounts.js';

/**
 * The permission table: the single source of who may do what. A rule lets in the public, any
 * signed-in user, or the listed roles, each with a scope: `any` record, or only those of the
 * member state, technical group or partner organisation the grant is bound to. Anything without a
 * rule is denied. docs/permissions.md is generated from this table, and a test walks every route
 * against it for every role.
 */
export type Scope = 'any' | 'own-state' | 'own-group' | 'own-partner';

export interface Rule {
  /** Anyone, signed in or not. */
  public?: true;
  /** Any signed-in user, acting on their own account. */
  signedIn?: true;
  roles?: Partial<Record<Role, Scope>>;
  /** Changes state: refused to read-only API tokens. */
  write?: true;
  /** Allowed before the second factor of a session that requires one (to enrol or pass it). */
  beforeSecondFactor?: true;
  /** What the action is, for the generated documentation. */
  description: string;
}

const SECRETARIAT = { 'secretariat-admin': 'any', 'secretariat-staff': 'any' } as const;

export const PERMISSIONS = {
  'reference.read': { public: true, description: 'Read the public reference data and portal' },
  'auth.sign-in': { public: true, beforeSecondFactor: true, description: 'Sign in with e-mail and password' },
  'auth.sign-out': { signedIn: true, beforeSecondFactor: true, description: 'Sign out (this session)' },
  'account.read': { signedIn: true, beforeSecondFactor: true, description: 'Read one’s own account and grants' },
  'account.update': {
    signedIn: true,
    write: true,
    description: 'Change one’s own display name and preferred language',
  },
  'account.change-password': {
    signedIn: true,
    write: true,
    description: 'Change one’s own password, giving the current one; ends one’s other sessions',
  },
  'auth.invitation': {
    public: true,
    description: 'Open an invitation link and accept it by choosing a password (the link is the credential)',
  },
  'auth.password-reset': {
    public: true,
    description: 'Ask for a password reset link by e-mail, and choose a new password with it',
  },
  'settings.public': { public: true, description: 'Read the public settings of the installation (demo mode)' },
  'users.read': { roles: SECRETARIAT, description: 'List and read user accounts' },
  'users.invite': { roles: { 'secretariat-admin': 'any' }, write: true, description: 'Invite a user, with grants' },
  'users.manage-grants': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description: 'Grant and revoke roles',
  },
  'users.deactivate': { roles: { 'secretariat-admin': 'any' }, write: true, description: 'Deactivate a user' },
  'audit.read': { roles: SECRETARIAT, description: 'Read and export the audit trail' },
  // Enrolling is allowed before the second factor: a user whose role requires one must be able to
  // get one. The service refuses re-enrolment until the current factor is passed.
  'two-factor.enrol': {
    signedIn: true,
    write: true,
    beforeSecondFactor: true,
    description: 'Enrol one’s own account in two-factor authentication (start and confirm)',
  },
  'two-factor.challenge': {
    signedIn: true,
    write: true,
    beforeSecondFactor: true,
    description: 'Pass the second factor of this session (code or recovery code)',
  },
  'two-factor.disable': {
    signedIn: true,
    write: true,
    description: 'Turn off two-factor authentication on one’s own account, where no role requires it',
  },
  'tokens.read': { signedIn: true, description: 'List one’s own API tokens (never their values)' },
  'tokens.create': { signedIn: true, write: true, description: 'Create an API token with one’s own grants' },
  'tokens.revoke': { signedIn: true, write: true, description: 'Revoke one of one’s own API tokens' },
  // The workspace (issue 16): each signed-in user's own page of what waits for them; every list in it
  // is filtered by the permission of the records it lists.
  'workspace.read': {
    signedIn: true,
    description: 'Read one’s own workspace: the meetings one follows and the work waiting (records the last visit)',
  },
  'notifications.read': {
    signedIn: true,
    description: 'Read one’s own notifications and how each kind is e-mailed',
  },
  'notifications.update': {
    signedIn: true,
    write: true,
    description: 'Mark one’s own notifications read, and choose how each kind is e-mailed',
  },
  'sessions.read': { signedIn: true, description: 'List one’s own signed-in sessions' },
  'sessions.end': {
    signedIn: true,
    write: true,
    description: 'End one of one’s own sessions, or all of them (sign out everywhere)',
  },
  // Meetings (issue 4). Drafts are the secretariat's; the other states are public. Each lifecycle
  // transition is an action of its own, so the table says who may convene, open, close, start,
  // conclude or cancel.
  'meetings.read-drafts': { roles: SECRETARIAT, description: 'See meetings still in draft' },
  'meetings.create': { roles: SECRETARIAT, write: true, description: 'Create a meeting (as a draft)' },
  'meetings.update': {
    roles: SECRETARIAT,
    write: true,
    description: 'Edit a meeting’s details, settings and participant-list visibility',
  },
  'meetings.convene': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description: 'Convene a draft meeting (e-mails the focal points)',
  },
  'meetings.open-registration': { roles: SECRETARIAT, write: true, description: 'Open registration' },
  'meetings.close-registration': { roles: SECRETARIAT, write: true, description: 'Close registration' },
  'meetings.start': { roles: SECRETARIAT, write: true, description: 'Open the session (freezes the agenda)' },
  'meetings.conclude': { roles: SECRETARIAT, write: true, description: 'Conclude a meeting' },
  'meetings.cancel': { roles: { 'secretariat-admin': 'any' }, write: true, description: 'Cancel a meeting' },
  'meetings.override': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description: 'Open the session or conclude before the meeting’s dates allow it, with a stated reason (audited)',
  },
  'meetings.remind-states': {
    roles: SECRETARIAT,
    write: true,
    description:
      'E-mail the focal points of the states not yet registered for a meeting a reminder, each in their language (while registration is open)',
  },
  'agenda.edit': {
    roles: SECRETARIAT,
    write: true,
    description: 'Add, edit, reorder and remove agenda items until the meeting starts',
  },
  'agenda.override': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description: 'Edit a frozen agenda (audited as an override)',
  },
  'delegations.read': {
    roles: { ...SECRETARIAT, 'focal-point': 'own-state', delegate: 'own-state', partner: 'own-partner' },
    description: 'Read a delegation’s registration (a state only its own; the secretariat all)',
  },
  'delegations.register': {
    roles: { ...SECRETARIAT, 'focal-point': 'own-state', partner: 'own-partner' },
    write: true,
    description: 'Register or edit a delegation (a state its own, a partner as observer) and upload credentials',
  },
  // Asked by the service: the secretariat's own registrations and edits apply at every phase, and a
  // state's edit of a registration already sent goes back to it for review.
  'delegations.register-any-time': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Register or edit a delegation at any phase with immediate effect (a state’s late edits, or edits of an accredited registration, wait for review)',
  },
  'delegations.accredit': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Accredit or return a registration, and decide on edits asked for after the deadline or once accredited (e-mailed when one waits)',
  },
  'participants.read': {
    public: true,
    description: 'Read the published list of participants (each category as visible as the meeting says)',
  },
  // Asked by the service: which categories of the published list the reader sees beyond the public ones.
  'participants.read-delegations': {
    roles: { ...SECRETARIAT, 'focal-point': 'any', delegate: 'any', partner: 'any' },
    description: 'See the categories of the published list of participants meant for delegations',
  },
  'participants.read-hidden': {
    roles: SECRETARIAT,
    description: 'See the categories of the published list of participants hidden from everyone else',
  },
  'meeting-documents.read': {
    public: true,
    description: 'Read and download meeting documents (delegations-only ones need a delegation grant)',
  },
  // Asked by the service, not a route: the documents list and downloads are public, and this says
  // who also sees the documents a meeting keeps for its delegations.
  'meeting-documents.read-delegations': {
    roles: { ...SECRETARIAT, 'focal-point': 'any', delegate: 'any', partner: 'any' },
    description: 'See and download the documents of a meeting meant for delegations only',
  },
  'meeting-documents.manage': {
    roles: SECRETARIAT,
    write: true,
    description: 'Add meeting documents, revisions and files; mark a document adopted',
  },
  'meeting-documents.override': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description: 'Mark a document adopted before the meeting is held (audited as an override)',
  },
  // Asked by the service, not a route: outcome documents not yet adopted answer 404 to everyone
  // else; a state reads them only when it has a delegation at the document's meeting.
  'outcome-documents.read-drafts': {
    roles: { ...SECRETARIAT, 'focal-point': 'own-state', delegate: 'own-state', partner: 'own-partner' },
    description:
      'Read outcome documents not yet adopted (drafts, under negotiation, agreed ad referendum, withdrawn): a state those of the meetings it has a delegation at, a partner those the secretariat shares with it',
  },
  'outcome-documents.share': {
    roles: SECRETARIAT,
    write: true,
    description: 'Share an outcome document not yet adopted with a strategic partner, and stop sharing it',
  },
  'outcome-documents.draft': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Create and edit outcome documents: title, type, sections, paragraphs, translations, marks and pillars, links, status',
  },
  'outcome-documents.chair': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Chair the negotiation: accept, reject or merge amendments, bracket and resolve paragraphs, record agreement, issue revisions, open and cancel a silence procedure, adopt',
  },
  // A state acts only on its own behalf, at a meeting where it has a delegation (else the document is 404).
  'outcome-documents.amend': {
    roles: { 'focal-point': 'own-state', delegate: 'own-state' },
    write: true,
    description:
      'Propose amendments to a text under negotiation, support or object to others’, record objections and break silence, for one’s own state',
  },
  'outcome-documents.footnote': {
    roles: { 'focal-point': 'own-state', delegate: 'own-state' },
    write: true,
    description:
      'Attach a reservation or interpretative statement to a paragraph or the whole text, for one’s own state',
  },
  'meeting-records.read': {
    roles: { ...SECRETARIAT, 'focal-point': 'any', delegate: 'any' },
    description: 'Read minutes and reports shared for comment (final ones are public)',
  },
  // Asked by the service: drafts are the secretariat's; each state reads the comments made on its
  // behalf, the secretariat every state's.
  'meeting-records.read-drafts': {
    roles: SECRETARIAT,
    description: 'Read minutes and reports still in draft',
  },
  'meeting-records.read-comments': {
    roles: { ...SECRETARIAT, 'focal-point': 'own-state', delegate: 'own-state' },
    description: 'Read the comments on shared minutes and reports (a state those made on its behalf)',
  },
  'meeting-records.manage': {
    roles: SECRETARIAT,
    write: true,
    description: 'Draft, share and finalise minutes and reports; record decisions',
  },
  'meeting-records.override': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description:
      'Share or finalise minutes and reports, and record decisions, before the meeting is held (audited as an override)',
  },
  'meeting-records.comment': {
    roles: { 'focal-point': 'own-state', delegate: 'own-state' },
    write: true,
    description: 'Comment on minutes or a report shared with delegations',
  },
  'partners.manage': {
    roles: { 'secretariat-admin': 'any' },
    write: true,
    description: 'Create, edit and delete strategic partner organisations and their logos (not the reference ones)',
  },
  // Observatory (issue 14): published values are public; a focal point submits values for their own
  // state, which stay out of public view until the secretariat accepts them.
  'observatory.read': {
    public: true,
    description: 'Read the indicator catalogue, published values (JSON, CSV, SDMX-CSV) and trends',
  },
  // Asked by the service: who sees values not (or not yet) published.
  'observatory.read-submissions': {
    roles: { ...SECRETARIAT, 'focal-point': 'own-state' },
    description: 'See submitted and rejected values (a focal point those of their own state)',
  },
  'observatory.manage': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Edit the indicator catalogue, correct a published value with a reason, accept or reject submitted values',
  },
  // Asked by the service: the regional-concerns briefs are the secretariat's drafts.
  'observatory.read-briefs': {
    roles: SECRETARIAT,
    description: 'Read the regional-concerns briefs drafted for meetings, and their PDFs',
  },
  'observatory.briefs': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Generate a regional-concerns brief for a meeting from the trends, edit it, and export it as a PDF attached to the meeting as a document',
  },
  'observatory.submit': {
    roles: { 'focal-point': 'own-state' },
    write: true,
    description: 'Submit a value for one’s own state, for the secretariat to review',
  },
  // Follow-up of recommendations (issue 15): a focal point reports on their own state; the public
  // sees only accepted reports the state made public.
  'follow-up.read': {
    public: true,
    description: 'Read the items followed up, the cycles, and the reports, matrix and rates states made public',
  },
  // Asked by the service: who sees reports not (or not yet) public.
  'follow-up.read-reports': {
    roles: { ...SECRETARIAT, 'focal-point': 'own-state' },
    description: 'See reports not made public: drafts, submitted, under review (a focal point their own state’s)',
  },
  'follow-up.manage': {
    roles: SECRETARIAT,
    write: true,
    description:
      'Add historic items and sub-items, open reporting cycles, review reports (comment, request changes, accept)',
  },
  'follow-up.report': {
    roles: { 'focal-point': 'own-state' },
    write: true,
    description: 'Draft and submit one’s own state’s reports, and choose whether an accepted one is public',
  },
} satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The role of the administrator created by the first-run setup link: the one who may grant every other. */
export const FIRST_ADMINISTRATOR_ROLE: Role = 'secretariat-admin';

/** Roles whose sessions must pass a second factor before doing anything else. */
export const ROLES_REQUIRING_SECOND_FACTOR: readonly Role[] = ['secretariat-admin', 'secretariat-staff', 'focal-point'];
