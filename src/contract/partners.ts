import { z } from 'zod';
import { LANGS, type Lang } from '../domain/languages.js';
import { PARTNER_KINDS, PARTNER_NAME_MAX, PARTNER_SLUG_MAX, PARTNER_WEBSITE_MAX } from '../domain/partners.js';
import { reason } from '../domain/reasons.js';
import {
  canSchema,
  IdOrSlugParamsSchema,
  LangSchema,
  LocalizedTextSchema,
  PageQuerySchema,
  RecordIdSchema,
  RecordSlugSchema,
  slugFilter,
} from './common.js';
import { PillarRefSchema } from './reference.js';

/** Strategic partner organisations: those of the public sources (read-only) and those made on the
 * platform by the secretariat, with names in one or more of the four languages, kind, website,
 * pillars and a logo. */

export const PartnerKindSchema = z.enum(PARTNER_KINDS);

export const PartnerSchema = z
  .object({
    id: RecordIdSchema,
    slug: RecordSlugSchema,
    kind: PartnerKindSchema,
    name: LocalizedTextSchema,
    website: z.url().nullable(),
    pillars: z.array(PillarRefSchema),
    managedBy: z
      .enum(['reference', 'platform'])
      .meta({ description: 'reference: from the public sources, read-only; platform: kept by the secretariat' }),
    logoUrl: z.string().nullable().meta({ description: 'Where the logo is served; null when there is none' }),
  })
  .meta({ id: 'Partner' });
export type Partner = z.infer<typeof PartnerSchema>;

export const PartnerListQuerySchema = PageQuerySchema.extend({ pillar: slugFilter('pillar') });

/** No control characters: a name is one line, and must not fake lines in logs or the audit trail. */
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const nameError = reason('reason.line', { min: 1, max: PARTNER_NAME_MAX });
const name = z
  .string({ error: nameError })
  .trim()
  .min(1, { error: nameError })
  .max(PARTNER_NAME_MAX, { error: nameError })
  .refine((v) => !CONTROL.test(v), { error: reason('reason.oneLine') });

export const PartnerNamesSchema = z
  .object(Object.fromEntries(LANGS.map((l) => [l, name.optional()])) as Record<Lang, z.ZodOptional<typeof name>>, {
    error: reason('reason.names.object'),
  })
  .strict()
  .refine((names) => LANGS.some((l) => names[l] !== undefined), {
    error: reason('reason.names'),
  })
  .meta({ id: 'PartnerNames', description: 'The name in one or more of en, es, fr, pt' });
export type PartnerNames = z.infer<typeof PartnerNamesSchema>;

const slugError = reason('reason.slug.partner');
export const PartnerSlugSchema = z
  .string({ error: slugError })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: slugError })
  .min(2, { error: slugError })
  .max(PARTNER_SLUG_MAX, { error: slugError });

const kindError = reason('reason.oneOf', { values: PARTNER_KINDS.join(', ') });
const KindSchema = z.enum(PARTNER_KINDS, { error: kindError });

const websiteError = reason('reason.url.https', { max: PARTNER_WEBSITE_MAX });
const WebsiteSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: websiteError })
  .max(PARTNER_WEBSITE_MAX, { error: websiteError })
  .nullable()
  .meta({ description: 'The organisation’s website (https); null for none' });

const pillarError = reason('reason.pillars');
const PillarsSchema = z
  .array(z.string({ error: pillarError }).regex(/^[a-z0-9-]{1,60}$/, { error: pillarError }), { error: pillarError })
  .max(10, { error: pillarError })
  .refine((list) => new Set(list).size === list.length, { error: pillarError })
  .meta({ description: 'Codes of the pillars the organisation works on' });

export const PartnerCreateSchema = z
  .object({
    slug: PartnerSlugSchema.optional().meta({ description: 'Derived from the name when absent' }),
    kind: KindSchema,
    name: PartnerNamesSchema,
    website: WebsiteSchema.optional(),
    pillars: PillarsSchema.optional(),
  })
  .strict()
  .meta({ id: 'PartnerCreate' });
export type PartnerCreate = z.input<typeof PartnerCreateSchema>;

export const PartnerUpdateSchema = z
  .object({
    kind: KindSchema.optional(),
    name: PartnerNamesSchema.optional().meta({ description: 'Replaces every name: languages left out are removed' }),
    website: WebsiteSchema.optional(),
    pillars: PillarsSchema.optional(),
    updatedAt: z.iso
      .datetime({ error: reason('reason.updatedAt') })
      .meta({ description: 'The updatedAt of the partner as read: a stale one is refused with 409' }),
  })
  .strict()
  .meta({ id: 'PartnerUpdate' });
export type PartnerUpdate = z.input<typeof PartnerUpdateSchema>;

/** Writes name the partner by id or slug, as reads do. */
export const PartnerParamsSchema = IdOrSlugParamsSchema;

export const PartnerLogoQuerySchema = z.object({
  v: z.string().max(100).optional().meta({ description: 'Changes with the logo, so a new one is never cached as old' }),
});

export const PartnerDetailSchema = PartnerSchema.extend({
  names: z.partialRecord(LangSchema, z.string()).meta({ description: 'The name as given in each language' }),
  updatedAt: z.string().meta({ description: 'Send back as updatedAt when editing' }),
  can: canSchema({
    update: 'Edit the partner (one the platform keeps; reference ones are read-only)',
    logo: 'Upload or remove its logo',
    delete: 'Delete it (while no grant or delegation names it)',
  }),
}).meta({ id: 'PartnerDetail' });
export type PartnerDetail = z.infer<typeof PartnerDetailSchema>;
