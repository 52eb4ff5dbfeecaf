import { z } from 'zod';
import { LANGS } from '../domain/languages.js';
import { LIMIT_DEFAULT, LIMIT_MAX } from '../domain/paging.js';
import { reason } from '../domain/reasons.js';
import { hasNul, isMultiline, isOneLine } from '../domain/text.js';

export const LangSchema = z.enum(LANGS).meta({ description: 'Language of the reply: en, es, fr or pt' });
export type Lang = z.infer<typeof LangSchema>;

export const IsoDateSchema = z.iso.date().meta({ description: 'Calendar date, ISO 8601 (YYYY-MM-DD)' });

/** A text in the requested language. `official` is false for the platform's own translations of
 * names that no public source gives in that language, so the portal can say so. */
export const LocalizedTextSchema = z
  .object({
    text: z.string(),
    lang: LangSchema.meta({
      description: 'Language the text is in; differs from the request when no translation exists',
    }),
    official: z.boolean().meta({ description: 'True when the wording was read in a public source' }),
  })
  .meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const SourceSchema = z
  .object({
    url: z.url(),
    title: z.string().meta({ description: 'What the page is, shown as the link’s text' }),
    publisher: z.string().meta({ description: 'Who publishes the page' }),
    note: z.string().nullable().meta({ description: 'What was read there, when it needs saying' }),
    field: z.string().nullable().meta({ description: 'The fact this source supports; null for the record as a whole' }),
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof SourceSchema>;

const limitError = reason('reason.limit', { max: LIMIT_MAX });

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: limitError })
    .int({ error: limitError })
    .min(1, { error: limitError })
    .max(LIMIT_MAX, { error: limitError })
    .default(LIMIT_DEFAULT)
    .meta({ description: `Items per page, 1 to ${LIMIT_MAX}` }),
  cursor: z.string().max(200).optional().meta({ description: 'Opaque cursor from the previous page’s `nextCursor`' }),
  lang: LangSchema.optional(),
});

/** Ids and slugs as every reply gives them. */
export const RecordIdSchema = z.string().meta({ description: 'Opaque id' });
export const RecordSlugSchema = z.string().meta({ description: 'Readable, stable identifier used in URLs' });

// Filters of the lists. Each names the other records by slug, as the URLs do.
const yearError = reason('reason.year');
export const yearFilter = z.coerce
  .number({ error: yearError })
  .int({ error: yearError })
  .min(2000, { error: yearError })
  .max(2100, { error: yearError })
  .optional()
  .meta({ description: 'Calendar year' });
export const slugFilter = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'a slug: lower-case letters, digits and hyphens')
    .optional()
    .meta({ description: `Only those of this ${what} (its slug)` });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    lang: LangSchema,
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  });
}
export type Page<T> = { lang: Lang; items: T[]; nextCursor: string | null };

export const DetailQuerySchema = z.object({ lang: LangSchema.optional() });
export const IdOrSlugParamsSchema = z.object({
  idOrSlug: z
    .string()
    .min(1)
    .max(100)
    .refine((value) => !hasNul(value), reason('reason.noNul'))
    .meta({ description: 'The record’s id or its slug' }),
});

/** RFC 9457 problem details. `errors` names each invalid parameter and why. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ name: z.string(), in: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** A 409: the record changed since it was read (or its state forbids the change); carries what is current. */
export const ConflictProblemSchema = ProblemSchema.extend({
  currentVersion: z.union([z.number(), z.string()]).optional(),
  current: z.unknown().optional(),
}).meta({ id: 'ConflictProblem' });

/**
 * A reply's `can` object: for each action named, whether the reader may take it on this record now
 * (decided by the server's permission table; the portal shows or hides its controls from it).
 */
export function canSchema<const K extends string>(actions: Record<K, string>) {
  const shape = Object.fromEntries(
    Object.entries(actions).map(([name, description]) => [
      name,
      z.boolean().meta({ description: String(description) }),
    ]),
  ) as Record<K, z.ZodBoolean>;
  return z.object(shape).meta({ description: 'What the reader may do with this record' });
}

/** A required text on one line, trimmed, of 1 to `max` characters. */
export function oneLineText(max: number) {
  const error = reason('reason.line', { min: 1, max });
  return z
    .string({ error })
    .trim()
    .min(1, { error })
    .max(max, { error })
    .refine(isOneLine, { error: reason('reason.oneLine') });
}

/** A text that may run over several lines, trimmed, of 1 to `max` characters, without control characters. */
export function multilineText(max: number) {
  const error = reason('reason.text', { min: 1, max });
  return z
    .string({ error })
    .trim()
    .min(1, { error })
    .max(max, { error })
    .refine(isMultiline, { error: reason('reason.noControl.multiline') });
}
