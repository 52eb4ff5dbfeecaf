import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, ROLES } from '../domain/accounts.js';
import { reason } from '../domain/reasons.js';
import { EMAIL_MAX } from '../domain/text.js';
import { canSchema, LangSchema } from './common.js';

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const GrantSchema = z
  .object({
    id: z.string(),
    role: RoleSchema,
    memberState: z.string().nullable().meta({ description: 'Slug of the member state the grant is bound to' }),
    technicalGroup: z.string().nullable().meta({ description: 'Slug of the technical group' }),
    partner: z.string().nullable().meta({ description: 'Slug of the partner organisation' }),
  })
  .meta({ id: 'Grant' });
export type Grant = z.infer<typeof GrantSchema>;

export const MeSchema = z
  .object({
    id: z.string(),
    email: z.email(),
    displayName: z.string(),
    preferredLang: LangSchema,
    grants: z.array(GrantSchema),
    twoFactor: z.object({ enabled: z.boolean(), required: z.boolean(), passed: z.boolean() }),
    demo: z.boolean(),
    can: canSchema({
      readUsers: 'List and read user accounts',
      inviteUsers: 'Invite users',
      readAudit: 'Read the audit trail',
      createMeetings: 'Create meetings',
      managePartners: 'Create, edit and delete strategic partners',
      draftDocuments: 'Start and draft outcome documents',
      manageFollowUp: 'Open reporting cycles and review the states’ reports',
      reportFollowUp: 'Report on the follow-up of recommendations for a member state',
      chairDocuments: 'Chair the negotiation of outcome documents: decide amendments, bracket, record agreement, adopt',
      amendDocuments:
        'Propose amendments, support or object, object and break silence, for one’s own state (at its meetings)',
      footnoteDocuments: 'Attach footnotes for one’s own state (at its meetings)',
      shareDocuments: 'Share outcome documents not yet adopted with strategic partners',
      readBriefs: 'Read and draft the observatory’s regional-concerns briefs',
    }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const SignInSchema = z
  .object({
    email: z.email({ error: reason('reason.format.email') }).max(EMAIL_MAX),
    password: z
      .string({ error: reason('reason.required') })
      .min(1, { error: reason('reason.required') })
      .max(PASSWORD_MAX_LENGTH),
  })
  .strict()
  .meta({ id: 'SignIn' });
export type SignIn = z.infer<typeof SignInSchema>;
