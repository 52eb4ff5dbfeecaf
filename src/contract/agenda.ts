import { z } from 'zod';
import {
  AGENDA_DESCRIPTION_MAX,
  AGENDA_ITEMS_MAX,
  AGENDA_PILLARS_MAX,
  AGENDA_PRESENTER_MAX,
  AGENDA_PRESENTERS_MAX,
  AGENDA_TITLE_MAX,
} from '../domain/agenda.js';
import { LANGS } from '../domain/languages.js';
import { reason } from '../domain/reasons.js';
import { isMultiline, isOneLine } from '../domain/text.js';
import { canSchema, IdOrSlugParamsSchema, LocalizedTextSchema } from './common.js';
import { PillarRefSchema } from './reference.js';

/** The agenda of a meeting: ordered items, each with its time slot, texts in four languages,
 * pillars, presenters and linked meeting documents. Every item carries a `version`; edits name it. */

/** No control characters but line breaks in descriptions: they would fake lines in the audit trail. */
const text = (max: number, error: string, allowNewlines: boolean) =>
  z
    .string({ error })
    .trim()
    .max(max, { error })
    .refine(allowNewlines ? isMultiline : isOneLine, {
      error: reason('reason.noControl'),
    });

const titleError = reason('reason.text', { min: 0, max: AGENDA_TITLE_MAX });
const descriptionError = reason('reason.text', { min: 0, max: AGENDA_DESCRIPTION_MAX });

/** One text per language, each optional; an empty string removes that language. */
const perLanguage = <T extends z.ZodType<string, string>>(value: T) =>
  z.object({ en: value.optional(), es: value.optional(), fr: value.optional(), pt: value.optional() }).strict();

export const AgendaTextsSchema = perLanguage(text(AGENDA_TITLE_MAX, titleError, false)).meta({
  id: 'AgendaTitles',
  description: 'The title in each language given (at least one)',
});
export const AgendaDescriptionsSchema = perLanguage(text(AGENDA_DESCRIPTION_MAX, descriptionError, true)).meta({
  id: 'AgendaDescriptions',
});

const instant = z.iso.datetime({ error: reason('reason.instant') });
const versionField = z
  .number({ error: reason('reason.version') })
  .int({ error: reason('reason.version') })
  .min(1, { error: reason('reason.version') })
  .max(Number.MAX_SAFE_INTEGER, { error: reason('reason.version') });
const override = z
  .boolean()
  .optional()
  .meta({ description: 'Edit a frozen agenda (secretariat administrators, agenda.override); audited as an override' });

export const AgendaItemInputSchema = z
  .object({
    titles: AgendaTextsSchema,
    descriptions: AgendaDescriptionsSchema.default({}),
    startsAt: instant.nullable().default(null),
    endsAt: instant.nullable().default(null),
    pillars: z
      .array(z.string({ error: reason('reason.pillars') }).max(100), { error: reason('reason.pillars') })
      .max(AGENDA_PILLARS_MAX, { error: reason('reason.pillars.max', { max: AGENDA_PILLARS_MAX }) })
      .default([]),
    presenters: z
      .array(
        text(AGENDA_PRESENTER_MAX, reason('reason.text', { min: 1, max: AGENDA_PRESENTER_MAX }), false).pipe(
          z.string().min(1, { error: reason('reason.empty') }),
        ),
        {
          error: reason('reason.presenters'),
        },
      )
      .max(AGENDA_PRESENTERS_MAX, { error: reason('reason.presenters.max', { max: AGENDA_PRESENTERS_MAX }) })
      .default([]),
    override,
  })
  .strict();

export const AgendaItemCreateSchema = AgendaItemInputSchema.meta({ id: 'AgendaItemCreate' });
export type AgendaItemCreate = z.input<typeof AgendaItemCreateSchema>;

export const AgendaItemUpdateSchema = AgendaItemInputSchema.extend({ version: versionField })
  .strict()
  .meta({ id: 'AgendaItemUpdate' });
export type AgendaItemUpdate = z.input<typeof AgendaItemUpdateSchema>;

/** What a delete, a document link or unlink names: the version read, and the override. */
export const AgendaItemVersionSchema = z
  .object({ version: versionField, override })
  .strict()
  .meta({ id: 'AgendaItemVersion' });
export type AgendaItemVersion = z.input<typeof AgendaItemVersionSchema>;

export const AgendaDocumentLinkSchema = z
  .object({
    meetingDocumentId: z.uuid({ error: reason('reason.id.meetingDocument') }),
    version: versionField,
    override,
  })
  .strict()
  .meta({ id: 'AgendaDocumentLink' });
export type AgendaDocumentLink = z.input<typeof AgendaDocumentLinkSchema>;

/** A reorder names every item with the version it read: any change since (an edit, another
 * reorder) makes it a 409, so two concurrent reorders never silently overwrite each other. */
export const AgendaOrderSchema = z
  .object({
    items: z
      .array(z.object({ id: z.uuid({ error: reason('reason.id.agendaItem') }), version: versionField }).strict(), {
        error: reason('reason.agenda.order'),
      })
      .max(AGENDA_ITEMS_MAX, { error: reason('reason.agenda.max', { max: AGENDA_ITEMS_MAX }) }),
    override,
  })
  .strict()
  .meta({ id: 'AgendaOrder' });
export type AgendaOrder = z.input<typeof AgendaOrderSchema>;

const langTexts = z.object(
  Object.fromEntries(LANGS.map((lang) => [lang, z.string().nullable()])) as Record<
    (typeof LANGS)[number],
    z.ZodNullable<z.ZodString>
  >,
);

export const AgendaItemSchema = z
  .object({
    id: z.string(),
    position: z.number().int().meta({ description: '1 for the first item' }),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    title: LocalizedTextSchema.meta({ description: 'In the language asked for, else English, else any given' }),
    description: LocalizedTextSchema.nullable(),
    titles: langTexts.meta({ description: 'Every language, for editors' }),
    descriptions: langTexts,
    pillars: z.array(PillarRefSchema),
    presenters: z.array(z.string()),
    documents: z.array(z.object({ id: z.string(), symbol: z.string().nullable() })).meta({
      description: 'Linked meeting documents with the symbol of their original',
    }),
    version: z.number().int(),
  })
  .meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const AgendaSchema = z
  .object({
    lang: z.enum(LANGS),
    meeting: z.object({
      id: z.string(),
      slug: z.string(),
      status: z.string(),
      timeZone: z.string().nullable().meta({ description: 'IANA zone of the venue' }),
      startsAt: z.iso.datetime().nullable(),
      endsAt: z.iso.datetime().nullable(),
    }),
    frozen: z.boolean().meta({ description: 'In session, concluded or cancelled: edits need an override' }),
    items: z.array(AgendaItemSchema),
    can: canSchema({
      edit: 'Add, edit, reorder and remove items, and link documents (false once the agenda is frozen)',
      override: 'Make those changes to the frozen agenda, sending `override: true` (audited)',
    }),
  })
  .meta({ id: 'Agenda' });
export type Agenda = z.infer<typeof AgendaSchema>;

export const AgendaParamsSchema = IdOrSlugParamsSchema;
export const AgendaItemParamsSchema = AgendaParamsSchema.extend({
  id: z.uuid({ error: reason('reason.id.agendaItem') }),
});
export const AgendaItemDocumentParamsSchema = AgendaItemParamsSchema.extend({
  documentId: z.uuid({ error: reason('reason.id.linkedDocument') }),
});
