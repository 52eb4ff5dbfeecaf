import { z } from 'zod';
import { LangSchema, reason } from './common.js';

export const ROLES = [
  'secretariat-admin',
  'secretariat-staff',
  'focal-point',
  'delegate',
  'group-member',
  'partner',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a grant is bound to: focal points and delegates to a member state, group members to a
 * technical group, partners to a partner organisation; secretariat roles to nothing. */
export const ROLE_BINDING: Record<Role, 'none' | 'memberState' | 'technicalGroup' | 'partner'> = {
  'secretariat-admin': 'none',
  'secretariat-staff': 'none',
  'focal-point': 'memberState',
  delegate: 'memberState',
  'group-member': 'technicalGroup',
  partner: 'partner',
};

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
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const SignInSchema = z
  .object({
    email: z.email({ error: reason('reason.format.email') }).max(254),
    password: z
      .string({ error: reason('reason.required') })
      .min(1, { error: reason('reason.required') })
      .max(1024),
  })
  .strict()
  .meta({ id: 'SignIn' });
export type SignIn = z.infer<typeof SignInSchema>;
