import { z } from 'zod';
import { ALL_DOCUMENT_TYPES, OUTCOME_STATUSES } from '../domain/outcome-documents.js';
import { CHAIR_SELECTIONS, NETWORK_KINDS, SUBREGIONS } from '../domain/reference.js';
import {
  IsoDateSchema,
  LangSchema,
  LocalizedTextSchema,
  PageQuerySchema,
  RecordIdSchema,
  RecordSlugSchema,
  SourceSchema,
  slugFilter,
  yearFilter,
} from './common.js';

/** The read-only reference data of the process (pillars, objectives, member states, outcome
 * documents, technical groups, networks, the team, sources), and the small references every reply
 * uses to point at one of its records. Meetings and partners have their own files. */

export const SubregionSchema = z.enum(SUBREGIONS);
export type Subregion = z.infer<typeof SubregionSchema>;
export const DocumentTypeSchema = z.enum(ALL_DOCUMENT_TYPES);
export const OutcomeStatusSchema = z
  .enum(OUTCOME_STATUSES)
  .meta({ description: 'draft → under-negotiation → agreed-ad-referendum → adopted, or withdrawn' });
export const NetworkKindSchema = z.enum(NETWORK_KINDS);

const id = RecordIdSchema;
const slug = RecordSlugSchema;

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

/** A state chairing a technical group for a period: named on the group's page and on the state's. */
export const ChairSchema = z
  .object({
    group: TechnicalGroupRefSchema,
    state: MemberStateRefSchema,
    selection: z.enum(CHAIR_SELECTIONS).meta({ description: 'Whether the source says elected or designated' }),
    from: MeetingRefSchema.meta({ description: 'The meeting that elected or designated the state' }),
    until: MeetingRefSchema.nullable().meta({
      description: 'The meeting that chose the next chair; null while no source records one',
    }),
    sources: z.array(SourceSchema),
  })
  .meta({ id: 'Chair' });
export type Chair = z.infer<typeof ChairSchema>;

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
  meetingsAttended: z.array(MeetingRefSchema).meta({
    description: 'Meetings whose published list of participants shows the state’s accredited delegation',
  }),
  meetingsHosted: z.array(MeetingRefSchema),
  groupsLed: z.array(TechnicalGroupRefSchema),
  chairs: z.array(ChairSchema).meta({ description: 'The technical groups the state chaired, in meeting order' }),
  documentsFootnoted: z.array(DocumentRefSchema).meta({
    description: 'Adopted texts the state attached a reservation or interpretative statement to',
  }),
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

export const DocumentSchema = DocumentRefSchema.extend({
  meeting: MeetingRefSchema,
  adoptedOn: IsoDateSchema.nullable(),
  description: LocalizedTextSchema.nullable(),
  pillars: z.array(PillarRefSchema),
  sources: z.array(SourceSchema),
  status: OutcomeStatusSchema.meta({
    description:
      'Only adopted documents are public; the others answer 404 to all but the secretariat and the delegations of their meeting',
  }),
  historic: z.boolean().meta({
    description:
      'A document of the reference data, adopted before the platform: its follow-up items are imported by the secretariat',
  }),
  textHeld: z.boolean().meta({
    description: 'False for the historic documents whose text the platform does not hold yet: read it at textSource',
  }),
  textSource: z
    .url()
    .nullable()
    .meta({ description: 'Where the public reads the text when the platform does not hold it' }),
  originalLang: LangSchema.nullable().meta({
    description: 'The language the text was negotiated in; null when not recorded',
  }),
  languages: z.array(LangSchema).meta({
    description: 'The languages the whole text is available in (the original, and those fully translated)',
  }),
  version: z.number().int().meta({ description: 'Name it in writes; a stale one is answered 409' }),
}).meta({ id: 'Document' });
export type Document = z.infer<typeof DocumentSchema>;

export const TechnicalGroupSchema = TechnicalGroupRefSchema.extend({
  createdAt: MeetingRefSchema.nullable().meta({ description: 'The meeting that created the group' }),
  leadState: MemberStateRefSchema.nullable().meta({
    description: 'The state the MISPA overview names as leading the group; chairs are elected over time',
  }),
  chairs: z.array(ChairSchema).meta({ description: 'The states that chaired the group, in meeting order' }),
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

export const DatasetSourceSchema = z
  .object({
    entityType: z.string(),
    entitySlug: z.string(),
    ...SourceSchema.shape,
  })
  .meta({ id: 'DatasetSource' });
export type DatasetSource = z.infer<typeof DatasetSourceSchema>;

export const MemberStateListQuerySchema = PageQuerySchema.extend({ subregion: SubregionSchema.optional() });
export const DocumentListQuerySchema = PageQuerySchema.extend({
  type: DocumentTypeSchema.optional().meta({ description: 'Only documents of this type' }),
  language: LangSchema.optional().meta({
    description: 'Only documents whose whole text is available in this language',
  }),
  pillar: slugFilter('pillar (of the document or of one of its paragraphs)'),
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
