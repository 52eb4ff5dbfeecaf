import { z } from 'zod';
import { reason } from '../domain/reasons.js';
import { isOneLine } from '../domain/text.js';
import { TOKEN_MAX_DAYS, TOKEN_NAME_MAX, TOKEN_SCOPES } from '../domain/tokens.js';

/** API tokens for machine clients: they act with their owner's grants, read-only or read-write. */

export const TokenScopeSchema = z
  .enum(TOKEN_SCOPES)
  .meta({ description: 'read: only reads; write: also changes what the owner may change' });

const daysError = reason('reason.days', { max: TOKEN_MAX_DAYS });
const nameError = reason('reason.line', { min: 1, max: TOKEN_NAME_MAX });

export const ApiTokenCreateSchema = z
  .object({
    name: z
      .string({ error: nameError })
      .trim()
      .min(1, { error: nameError })
      .max(TOKEN_NAME_MAX, { error: nameError })
      .refine(isOneLine, { error: reason('reason.noControl') })
      .meta({ description: 'What the token is for, e.g. the system that uses it', example: 'Follow-up reporting' }),
    scope: TokenScopeSchema,
    expiresInDays: z
      .number({ error: daysError })
      .int({ error: daysError })
      .min(1, { error: daysError })
      .max(TOKEN_MAX_DAYS, { error: daysError }),
  })
  .strict()
  .meta({ id: 'ApiTokenCreate' });
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: TokenScopeSchema,
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'Recorded at most once a minute' }),
    revokedAt: z.iso.datetime().nullable(),
    active: z.boolean().meta({ description: 'Neither revoked nor expired' }),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokenCreatedSchema = ApiTokenSchema.extend({
  token: z.string().meta({
    description: 'The token, shown only this once: send it as `Authorization: Bearer <token>`',
    example: 'mispa_…',
  }),
}).meta({ id: 'ApiTokenCreated' });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;

export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) }).meta({ id: 'ApiTokenList' });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

export const ApiTokenParamsSchema = z.object({
  id: z.uuid({ error: reason('reason.id.token') }).meta({ description: 'The token’s id' }),
});
