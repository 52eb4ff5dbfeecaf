import { z } from 'zod';
import { IsoDateSchema, LocalizedTextSchema, PageQuerySchema, ProblemSchema, reason, SourceSchema } from './common.js';
import {
  MeetingEditableSchema,
  MeetingKindSchema,
  MeetingStatusSchema,
  meetingOperationalFields,
  TransitionSchema,
} from './meetings.js';

export const SUBREGIONS = ['north-america', 'central-america', 'caribbean', 'south-america'] as const;
export const SubregionSchema = z.enum(SUBREGIONS);
export type Subregion = z.infer<typeof SubregionSchema>;

export const DOCUMENT_TYPES = ['commitment', 'consensus', 'recommendations', 'institutional-document'] as const;
export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);

export const NETWORK_KINDS = ['network', 'program'] as const;
export const NetworkKindSchema = z.enum(NETWORK_KINDS);

export const PARTNER_KINDS = [
  'international-organisation',
  'development-bank',
  'government',
  'academia',
  'civil-society',
] as const;
export const PartnerKindSchema = z.enum(PARTNER_KINDS);

const slug = z.string().meta({ description: 'Readable, stable identifier used in URLs' });
const id = z.string().meta({ description: 'Opaque id' });

// References: the small shape used wherever one record points at another.
export const MemberStateRefSchema = z
  .object({ id, slug, iso2: z.string().length(2), name: LocalizedTextSchema })
  .meta({ id: 'MemberStateRef' });
export const PillarRefSchema = z.object({ id, code: slug, name: LocalizedTextSchema }).meta({ id: 'PillarRef' });
export const MeetingRefSchema = z
  .object({ id, slug, shortName: z.string(), year: z.number().int().nullable() })
  .meta({ id: 'MeetingRef' });
export const DocumentRefSchema = z
  .object({
    id,
    slug,
    type: DocumentTypeSchema,
    symbol: z.string().nullable(),
    title: LocalizedTextSchema.nullable().meta({ description: 'Null when no source records the title' }),
  })
  .meta({ id: 'DocumentRef' });
export const TechnicalGroupRefSchema = z
  .object({ id, slug, name: LocalizedTextSchema })
  .meta({ id: 'TechnicalGroupRef' });
export const NetworkRefSchema = z
  .object({ id, slug, kind: NetworkKindSchema, acronym: z.string().nullable(), name: LocalizedTextSchema })
  .meta({ id: 'NetworkRef' });

export type MemberStateRef = z.infer<typeof MemberStateRefSchema>;
export type PillarRef = z.infer<typeof PillarRefSchema>;
export type MeetingRef = z.infer<typeof MeetingRefSchema>;
export type DocumentRef = z.infer<typeof DocumentRefSchema>;
export type TechnicalGroupRef = z.infer<typeof TechnicalGroupRefSchema>;
export type NetworkRef = z.infer<typeof NetworkRefSchema>;

export const PillarSchema = PillarRefSchema.extend({
  position: z.number().int(),
  description: LocalizedTextSchema,
  sources: z.array(SourceSchema),
}).meta({ id: 'Pillar' });
export type Pillar = z.infer<typeof PillarSchema>;

export const ObjectiveSchema = z
  .object({ id, code: slug, position: z.number().int(), text: LocalizedTextSchema, sources: z.array(SourceSchema) })
  .meta({ id: 'Objective' });
export type Objective = z.infer<typeof ObjectiveSchema>;

export const MemberStateSchema = MemberStateRefSchema.extend({
  iso3: z.string().length(3),
  isoNumeric: z.string().length(3),
  subregion: SubregionSchema,
}).meta({ id: 'MemberState' });
export type MemberState = z.infer<typeof MemberStateSchema>;

export const MemberStateDetailSchema = MemberStateSchema.extend({
  meetingsHosted: z.array(MeetingRefSchema),
  groupsLed: z.array(TechnicalGroupRefSchema),
  sources: z.array(SourceSchema),
}).meta({ id: 'MemberStateDetail' });
export type MemberStateDetail = z.infer<typeof MemberStateDetailSchema>;

export const BodyCreatedSchema = z
  .object({
    kind: z.enum(['technical-group', 'network', 'program']),
    relation: z.enum(['created', 'presented']),
    id,
    slug,
    acronym: z.string().nullable(),
    name: LocalizedTextSchema,
  })
  .meta({ id: 'BodyCreated' });

export const MeetingSchema = MeetingRefSchema.extend({
  number: z.string().meta({ description: 'Roman numeral of the ministerial meeting' }),
  ordinal: z.number().int(),
  name: LocalizedTextSchema,
  hostState: MemberStateRefSchema.nullable(),
  city: z.string().nullable().meta({ description: 'Null when not recorded' }),
  startDate: IsoDateSchema.nullable(),
  endDate: IsoDateSchema.nullable(),
  documents: z.array(DocumentRefSchema),
  bodies: z.array(BodyCreatedSchema),
  ...meetingOperationalFields,
  technicalGroup: TechnicalGroupRefSchema.nullable().meta({ description: 'The group of a technical-group meeting' }),
}).meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingDetailSchema = MeetingSchema.extend({
  summary: LocalizedTextSchema.nullable(),
  pillars: z.array(PillarRefSchema),
  sources: z.array(SourceSchema),
  editable: MeetingEditableSchema.nullable().meta({
    description: 'The meeting as the secretariat typed it (names per language, wall-clock times); null when read-only',
  }),
}).meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

/** A refused change: a stale version or a transition the lifecycle does not allow now. */
export const MeetingConflictSchema = ProblemSchema.extend({
  currentVersion: z.number().int().optional().meta({ description: 'The version the meeting is at now' }),
  currentStatus: MeetingStatusSchema.optional(),
  allowedTransitions: z.array(TransitionSchema).optional(),
  current: MeetingDetailSchema.optional().meta({ description: 'The meeting as it is now' }),
}).meta({ id: 'MeetingConflict' });

export const DocumentSchema = DocumentRefSchema.extend({
  meeting: MeetingRefSchema,
  adoptedOn: IsoDateSchema.nullable(),
  description: LocalizedTextSchema.nullable(),
  pillars: z.array(PillarRefSchema),
  sources: z.array(SourceSchema),
}).meta({ id: 'Document' });
export type Document = z.infer<typeof DocumentSchema>;

export const TechnicalGroupSchema = TechnicalGroupRefSchema.extend({
  createdAt: MeetingRefSchema.nullable().meta({ description: 'The meeting that created the group' }),
  leadState: MemberStateRefSchema.nullable(),
  pillars: z.array(PillarRefSchema),
  description: LocalizedTextSchema.nullable(),
  sources: z.array(SourceSchema),
}).meta({ id: 'TechnicalGroup' });
export type TechnicalGroup = z.infer<typeof TechnicalGroupSchema>;

export const NetworkSchema = NetworkRefSchema.extend({
  origin: z.object({ meeting: MeetingRefSchema, relation: z.enum(['created', 'presented']) }).nullable(),
  parent: NetworkRefSchema.nullable().meta({ description: 'The network a program belongs to' }),
  description: LocalizedTextSchema.nullable(),
  sources: z.array(SourceSchema),
}).meta({ id: 'Network' });
export type Network = z.infer<typeof NetworkSchema>;

export const TeamMemberSchema = z
  .object({ id, slug, name: z.string(), role: LocalizedTextSchema, sources: z.array(SourceSchema) })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const PartnerSchema = z
  .object({
    id,
    slug,
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

export const DatasetSourceSchema = z
  .object({
    entityType: z.string(),
    entitySlug: z.string(),
    field: z.string().nullable(),
    url: z.url(),
    note: z.string().nullable(),
  })
  .meta({ id: 'DatasetSource' });
export type DatasetSource = z.infer<typeof DatasetSourceSchema>;

// Filters of the lists. Each names the other records by slug, as the URLs do.
const yearError = reason('reason.year');
const yearFilter = z.coerce
  .number({ error: yearError })
  .int({ error: yearError })
  .min(2000, { error: yearError })
  .max(2100, { error: yearError })
  .optional()
  .meta({ description: 'Calendar year' });
const slugFilter = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'a slug: lower-case letters, digits and hyphens')
    .optional()
    .meta({ description: `Only those of this ${what} (its slug)` });

export const MemberStateListQuerySchema = PageQuerySchema.extend({ subregion: SubregionSchema.optional() });
export const MeetingListQuerySchema = PageQuerySchema.extend({
  pillar: slugFilter('pillar'),
  memberState: slugFilter('host member state'),
  year: yearFilter,
  kind: MeetingKindSchema.optional().meta({ description: 'Only meetings of this kind' }),
});
export const DocumentListQuerySchema = PageQuerySchema.extend({
  pillar: slugFilter('pillar'),
  memberState: slugFilter('host member state of the adopting meeting'),
  meeting: slugFilter('meeting'),
  year: yearFilter,
});
export const TechnicalGroupListQuerySchema = PageQuerySchema.extend({
  pillar: slugFilter('pillar'),
  memberState: slugFilter('lead member state'),
  meeting: slugFilter('creating meeting'),
});
export const NetworkListQuerySchema = PageQuerySchema.extend({ meeting: slugFilter('meeting of origin') });
export const PartnerListQuerySchema = PageQuerySchema.extend({ pillar: slugFilter('pillar') });
