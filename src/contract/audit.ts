import { z } from 'zod';
import { AUDIT_LIMIT_DEFAULT, AUDIT_LIMIT_MAX } from '../domain/audit.js';
import { reason } from '../domain/reasons.js';
import { hasNul } from '../domain/text.js';
import { DetailQuerySchema } from './common.js';

/** The audit trail as the secretariat reads it: GET /api/v1/audit and its CSV export. */

const limitError = reason('reason.limit', { max: AUDIT_LIMIT_MAX });
const shortText = (description: string) =>
  z
    .string()
    .min(1, { error: reason('reason.empty') })
    .max(200, { error: reason('reason.max.string', { maximum: 200 }) })
    .refine((value) => !hasNul(value), reason('reason.noNul'))
    .optional()
    .meta({ description });
const instant = (description: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: reason('reason.dateOrTime'),
    })
    .optional()
    .meta({ description });

/** Filters shared by the page and the CSV export; `lang` chooses the language of problem documents. */
export const AuditFilterSchema = DetailQuerySchema.extend({
  actor: shortText('The acting user: their id or e-mail address'),
  entityType: shortText('Type of the record changed, e.g. `user`'),
  entityId: shortText('Id of the record changed'),
  action: shortText('One of the actions the trail records (AUDIT_ACTIONS in src/domain/audit.ts), e.g. `users.invite`'),
  from: instant('Entries at or after this instant; a date means its start (UTC)'),
  to: instant('Entries at or before this instant; a date means its whole day (UTC)'),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditQuerySchema = AuditFilterSchema.extend({
  limit: z.coerce
    .number({ error: limitError })
    .int({ error: limitError })
    .min(1, { error: limitError })
    .max(AUDIT_LIMIT_MAX, { error: limitError })
    .default(AUDIT_LIMIT_DEFAULT)
    .meta({ description: `Entries per page, 1 to ${AUDIT_LIMIT_MAX}` }),
  cursor: z.string().max(200).optional().meta({ description: 'Opaque cursor from the previous page’s `nextCursor`' }),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z
  .object({
    seq: z.number().int().meta({ description: 'Position in the chain, from 1, without gaps' }),
    id: z.string(),
    occurredAt: z.string().meta({ description: 'ISO 8601 UTC' }),
    actor: z
      .object({ id: z.string(), email: z.string().nullable(), displayName: z.string().nullable() })
      .nullable()
      .meta({ description: 'The signed-in user who acted; null for the public or the system' }),
    role: z.string().nullable().meta({ description: 'The role whose grant allowed the change' }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().meta({ description: 'The record before the change (secrets removed)' }),
    after: z.unknown().meta({ description: 'The record after the change (secrets removed)' }),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    prevHash: z.string().meta({ description: 'SHA-256 of the previous entry (hex)' }),
    hash: z.string().meta({ description: 'SHA-256 of this entry (hex)' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z
  .object({
    items: z.array(AuditEntrySchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next (older) page; null on the last page' }),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPageSchema>;
