import { z } from 'zod';
import {
  DISPLAY_NAME_MAX,
  INVITATION_GRANTS_MAX,
  INVITATION_STATES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLE_BINDING,
  USER_STATUSES,
} from '../domain/accounts.js';
import { reason } from '../domain/reasons.js';
import { EMAIL_MAX, hasNul, isOneLine } from '../domain/text.js';
import { GrantSchema, RoleSchema } from './accounts.js';
import { canSchema, LangSchema, PageQuerySchema } from './common.js';

/** Requests and replies of invitations, password resets and user administration. */

export const PasswordSchema = z
  .string({ error: reason('reason.required') })
  .min(PASSWORD_MIN_LENGTH, { error: reason('password.too-short', { min: PASSWORD_MIN_LENGTH }) })
  .max(PASSWORD_MAX_LENGTH, { error: reason('password.too-long', { max: PASSWORD_MAX_LENGTH }) })
  .meta({
    description: `At least ${PASSWORD_MIN_LENGTH} characters, not one of the 10,000 most common passwords`,
  });

export const EmailSchema = z.email({ error: reason('reason.format.email') }).max(EMAIL_MAX);

// A name is shown in lists, e-mails and the audit trail: no control characters nor line breaks.
export const DisplayNameSchema = z
  .string({ error: reason('reason.required') })
  .trim()
  .min(1, { error: reason('reason.required') })
  .max(DISPLAY_NAME_MAX, { error: reason('reason.max.string', { maximum: DISPLAY_NAME_MAX }) })
  .refine(isOneLine, { error: reason('reason.noControl') });

const SlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { error: reason('reason.slug') });

const BINDINGS = ['memberState', 'technicalGroup', 'partner'] as const;

/** A role to grant, with what it is bound to (a slug), exactly as ROLE_BINDING requires. */
export const NewGrantSchema = z
  .object({
    role: RoleSchema,
    memberState: SlugSchema.optional().meta({ description: 'Slug of the member state (focal point, delegate)' }),
    technicalGroup: SlugSchema.optional().meta({ description: 'Slug of the technical group (group member)' }),
    partner: SlugSchema.optional().meta({ description: 'Slug of the partner organisation (partner)' }),
  })
  .strict()
  .superRefine((grant, ctx) => {
    const binding = ROLE_BINDING[grant.role];
    for (const field of BINDINGS) {
      if (field === binding && grant[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: reason(`reason.grant.required.${field}`, { role: grant.role }),
        });
      } else if (field !== binding && grant[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: reason(`reason.grant.leftOut.${binding}`, { role: grant.role }),
        });
      }
    }
  })
  .meta({ id: 'NewGrant' });
export type NewGrant = z.infer<typeof NewGrantSchema>;

const grantKey = (g: NewGrant) => [g.role, g.memberState, g.technicalGroup, g.partner].join('|');

export const InviteUserSchema = z
  .object({
    email: EmailSchema,
    displayName: DisplayNameSchema,
    preferredLang: LangSchema.meta({ description: 'Language of the invitation e-mail and of the portal' }),
    grants: z
      .array(NewGrantSchema)
      .min(1, { error: reason('reason.grants.min') })
      .max(INVITATION_GRANTS_MAX, { error: reason('reason.grants.max', { max: INVITATION_GRANTS_MAX }) })
      .refine((grants) => new Set(grants.map(grantKey)).size === grants.length, {
        error: reason('reason.grants.unique'),
      }),
  })
  .strict()
  .meta({ id: 'InviteUser' });
export type InviteUser = z.infer<typeof InviteUserSchema>;

export const UserStatusSchema = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof UserStatusSchema>;

export const UserGrantSchema = GrantSchema.extend({
  grantedAt: z.string().meta({ description: 'ISO 8601 time of the grant' }),
  revokedAt: z.string().nullable().meta({ description: 'ISO 8601 time of the revocation; null while in force' }),
}).meta({ id: 'UserGrant' });
export type UserGrant = z.infer<typeof UserGrantSchema>;

export const UserSummarySchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    preferredLang: LangSchema,
    status: UserStatusSchema,
    demo: z.boolean(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.string(),
    grants: z.array(GrantSchema).meta({ description: 'The grants in force' }),
  })
  .meta({ id: 'UserSummary' });
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const InvitationStateSchema = z.enum(INVITATION_STATES);

export const UserDetailSchema = UserSummarySchema.extend({
  grants: z.array(UserGrantSchema).meta({ description: 'Every grant, revoked ones included, oldest first' }),
  invitation: z
    .object({ state: InvitationStateSchema, expiresAt: z.string() })
    .nullable()
    .meta({ description: 'The latest invitation sent to the user, if any' }),
  can: canSchema({
    manageGrants: 'Grant and revoke roles',
    deactivate: 'Deactivate the account (never one’s own)',
    resendInvitation: 'Send the invitation again',
  }),
}).meta({ id: 'UserDetail' });
export type UserDetail = z.infer<typeof UserDetailSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  role: RoleSchema.optional().meta({ description: 'Only users with a grant of this role in force' }),
  memberState: SlugSchema.optional().meta({
    description: 'Only users with a grant in force bound to this member state (slug)',
  }),
  status: UserStatusSchema.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const InvitationSentSchema = z
  .object({
    user: UserDetailSchema,
    emailSent: z.boolean().meta({
      description: 'False when the e-mail could not be handed to the mail server; send the invitation again',
    }),
  })
  .meta({ id: 'InvitationSent' });
export type InvitationSent = z.infer<typeof InvitationSentSchema>;

/** What the invitation page shows before the password is chosen. */
export const InvitationViewSchema = z
  .object({
    setup: z.boolean().meta({
      description: 'True for the link that creates the first secretariat administrator: email and name are asked',
    }),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    preferredLang: LangSchema.nullable(),
    state: InvitationStateSchema,
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationView' });
export type InvitationView = z.infer<typeof InvitationViewSchema>;

export const AcceptInvitationSchema = z
  .object({
    password: PasswordSchema,
    email: EmailSchema.optional().meta({ description: 'Only for the first-administrator link' }),
    displayName: DisplayNameSchema.optional().meta({ description: 'Only for the first-administrator link' }),
    preferredLang: LangSchema.optional().meta({ description: 'Only for the first-administrator link' }),
  })
  .strict()
  .meta({ id: 'AcceptInvitation' });
export type AcceptInvitation = z.infer<typeof AcceptInvitationSchema>;

export const PasswordResetRequestSchema = z
  .object({ email: EmailSchema })
  .strict()
  .meta({ id: 'PasswordResetRequest' });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

export const PasswordResetSchema = z.object({ password: PasswordSchema }).strict().meta({ id: 'PasswordReset' });
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** Changes to one's own account (PATCH /me): only the fields given change. */
export const AccountUpdateSchema = z
  .object({
    displayName: DisplayNameSchema.optional().meta({ description: '1–200 characters, trimmed, no control characters' }),
    preferredLang: LangSchema.optional().meta({ description: 'Language of the e-mails and of the portal' }),
  })
  .strict()
  .meta({ id: 'AccountUpdate' });
export type AccountUpdate = z.infer<typeof AccountUpdateSchema>;

export const PasswordChangeSchema = z
  .object({
    currentPassword: z
      .string({ error: reason('reason.required') })
      .min(1, { error: reason('reason.required') })
      .max(PASSWORD_MAX_LENGTH, { error: reason('password.too-long', { max: PASSWORD_MAX_LENGTH }) }),
    newPassword: PasswordSchema,
  })
  .strict()
  .meta({ id: 'PasswordChange' });
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** What a new password ended: whoever held a session or a token of the account has lost it. */
export const PasswordChangedSchema = z
  .object({
    ended: z.number().int().meta({ description: 'How many sessions were ended' }),
    tokensRevoked: z.number().int().meta({ description: 'How many API tokens were revoked' }),
  })
  .meta({ id: 'PasswordChanged' });
export type PasswordChanged = z.infer<typeof PasswordChangedSchema>;

const noNul = (value: string) => !hasNul(value);

export const TokenParamsSchema = z.object({
  token: z.string().min(1).max(200).refine(noNul, reason('reason.noNul')),
});
export const UserParamsSchema = z.object({
  id: z.string().min(1).max(100).refine(noNul, reason('reason.noNul')),
});
export const GrantParamsSchema = UserParamsSchema.extend({
  grantId: z.string().min(1).max(100).refine(noNul, reason('reason.noNul')),
});

export const PublicSettingsSchema = z
  .object({
    demo: z.boolean().meta({ description: 'True when the platform runs with demo users: the portal shows a banner' }),
  })
  .meta({ id: 'PublicSettings' });
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;
