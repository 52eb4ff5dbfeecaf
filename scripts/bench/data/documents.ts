import type { Insertable } from 'kysely';
import type { Lang } from '../../../src/contract/common.js';
import { LANGS } from '../../../src/domain/languages.js';
import { OUTCOME_DOCUMENT_TYPES, type OutcomeStatus, PARAGRAPH_MARKS } from '../../../src/domain/outcome-documents.js';
import type { Database } from '../../../src/server/db/schema.js';
import type { VersionedNode } from '../../../src/server/modules/documents/versions.js';
import { documentSymbol } from '../../../src/server/modules/meeting-documents/symbols.js';
import { type Generator, type GeneratorContext, stamped } from './context.js';
import { translations } from './meetings.js';
import type { Random } from './random.js';
import { THEMES } from './texts.js';

type Rows<T extends keyof Database> = Insertable<Database[T]>[];
type Tables = { [T in keyof Database]?: Rows<T> };

const DAY = 86_400_000;
/** The slug of the document under negotiation that the bench opens and compares. */
export const NEGOTIATED_SLUG = 'bench-outcome-negotiation';
/** Its versions: the first when negotiation opened, then one per amendment accepted. */
export const NEGOTIATED_VERSIONS = 6;
/** Its pending amendments, each with supporters and objectors. */
const NEGOTIATED_PENDING = 40;
/** Twenty documents' worth of statuses: most adopted, as on a platform some years old. */
const STATUSES: OutcomeStatus[] = [
  'adopted',
  'adopted',
  'under-negotiation',
  'adopted',
  'draft',
  'adopted',
  'adopted',
  'agreed-ad-referendum',
  'adopted',
  'under-negotiation',
  'adopted',
  'adopted',
  'draft',
  'adopted',
  'adopted',
  'under-negotiation',
  'adopted',
  'adopted',
  'withdrawn',
  'adopted',
];
/** Documents flushed to the database at once: enough for large batches, little memory. */
const DOCUMENTS_PER_FLUSH = 100;

/** Paragraph texts are three clauses, index-aligned across the languages, so each has four texts. */
const OPENINGS: Record<Lang, readonly string[]> = {
  en: [
    'Recognizing that public security is a shared responsibility of the States of the region,',
    'Reaffirming the commitments adopted at previous meetings of ministers,',
    'Encourages the member States to strengthen',
    'Requests the General Secretariat to support',
    'Calls upon the competent authorities to promote',
    'Underlining the importance of cooperation among institutions,',
  ],
  es: [
    'Reconociendo que la seguridad pública es una responsabilidad compartida de los Estados de la región,',
    'Reafirmando los compromisos adoptados en reuniones anteriores de ministros,',
    'Alienta a los Estados miembros a fortalecer',
    'Solicita a la Secretaría General que apoye',
    'Exhorta a las autoridades competentes a promover',
    'Subrayando la importancia de la cooperación entre instituciones,',
  ],
  fr: [
    'Reconnaissant que la sécurité publique est une responsabilité partagée des États de la région,',
    'Réaffirmant les engagements adoptés lors des réunions précédentes des ministres,',
    'Encourage les États membres à renforcer',
    'Prie le Secrétariat général d’appuyer',
    'Invite les autorités compétentes à promouvoir',
    'Soulignant l’importance de la coopération entre les institutions,',
  ],
  pt: [
    'Reconhecendo que a segurança pública é uma responsabilidade compartilhada dos Estados da região,',
    'Reafirmando os compromissos adotados em reuniões anteriores de ministros,',
    'Incentiva os Estados membros a fortalecer',
    'Solicita à Secretaria-Geral que apoie',
    'Exorta as autoridades competentes a promover',
    'Sublinhando a importância da cooperação entre instituições,',
  ],
};
const MIDDLES: Record<Lang, readonly string[]> = {
  en: [
    'the exchange of information and good practices on',
    'national policies and programmes of',
    'the training of officials responsible for',
    'the collection of comparable statistics on',
    'regional mechanisms of technical assistance in',
  ],
  es: [
    'el intercambio de información y buenas prácticas sobre',
    'las políticas y programas nacionales de',
    'la capacitación de los funcionarios responsables de',
    'la recopilación de estadísticas comparables sobre',
    'los mecanismos regionales de asistencia técnica en',
  ],
  fr: [
    'l’échange d’informations et de bonnes pratiques sur',
    'les politiques et programmes nationaux de',
    'la formation des fonctionnaires chargés de',
    'la collecte de statistiques comparables sur',
    'les mécanismes régionaux d’assistance technique en matière de',
  ],
  pt: [
    'o intercâmbio de informações e boas práticas sobre',
    'as políticas e programas nacionais de',
    'a capacitação dos funcionários responsáveis por',
    'a coleta de estatísticas comparáveis sobre',
    'os mecanismos regionais de assistência técnica em',
  ],
};
const ENDINGS: Record<Lang, readonly string[]> = {
  en: [
    'with full respect for human rights and the rule of law.',
    'in coordination with civil society and academia.',
    'taking into account the differentiated needs of women and young people.',
    'within the resources available and in accordance with domestic law.',
  ],
  es: [
    'con pleno respeto de los derechos humanos y del Estado de derecho.',
    'en coordinación con la sociedad civil y la academia.',
    'teniendo en cuenta las necesidades diferenciadas de las mujeres y los jóvenes.',
    'dentro de los recursos disponibles y de conformidad con el derecho interno.',
  ],
  fr: [
    'dans le plein respect des droits de la personne et de l’État de droit.',
    'en coordination avec la société civile et le milieu universitaire.',
    'en tenant compte des besoins différenciés des femmes et des jeunes.',
    'dans la limite des ressources disponibles et conformément au droit interne.',
  ],
  pt: [
    'com pleno respeito aos direitos humanos e ao Estado de direito.',
    'em coordenação com a sociedade civil e a academia.',
    'levando em conta as necessidades diferenciadas das mulheres e dos jovens.',
    'dentro dos recursos disponíveis e em conformidade com o direito interno.',
  ],
};

/** A paragraph's wording: which clause of each list, the theme, and its number in the document. */
interface Wording {
  opening: number;
  middle: number;
  theme: number;
  ending: number;
  n: number;
}
const drawWording = (random: Random, n: number): Wording => ({
  opening: random.int(0, OPENINGS.en.length - 1),
  middle: random.int(0, MIDDLES.en.length - 1),
  theme: random.int(0, THEMES.en.length - 1),
  ending: random.int(0, ENDINGS.en.length - 1),
  n,
});
/** An amendment's wording: the paragraph's with one clause or its theme redrawn, as delegations
 * amend a phrase rather than rewrite a paragraph (and a word diff then shows a change, not a new text). */
function amendWording(random: Random, w: Wording): Wording {
  const part = random.pick(['opening', 'middle', 'theme', 'ending'] as const);
  const size = {
    opening: OPENINGS.en.length,
    middle: MIDDLES.en.length,
    theme: THEMES.en.length,
    ending: ENDINGS.en.length,
  }[part];
  return { ...w, [part]: (w[part] + random.int(1, size - 1)) % size };
}
const say = (w: Wording, lang: Lang) =>
  `${OPENINGS[lang][w.opening]} ${MIDDLES[lang][w.middle]} ${(THEMES[lang][w.theme] ?? '').toLowerCase()} (${w.n}), ${ENDINGS[lang][w.ending]}`;
const sectionTitle = (w: Wording, lang: Lang) => `${w.n}. ${THEMES[lang][w.theme]}`;

interface Node {
  id: string;
  kind: 'section' | 'preambular' | 'operative';
  parentId: string | null;
  position: number;
  wording: Wording;
}

/** A body of `paragraphs` paragraphs: a third preambular at the top, the rest operative in sections of ten. */
function outline(random: Random, paragraphs: number, time: number): Node[] {
  const nodes: Node[] = [];
  const preambular = Math.floor(paragraphs / 3);
  for (let i = 0; i < preambular; i++) {
    nodes.push({
      id: random.uuid(time),
      kind: 'preambular',
      parentId: null,
      position: i + 1,
      wording: drawWording(random, i + 1),
    });
  }
  let section: Node | null = null;
  for (let i = 0; i < paragraphs - preambular; i++) {
    if (i % 10 === 0) {
      section = {
        id: random.uuid(time),
        kind: 'section',
        parentId: null,
        position: preambular + 1 + i / 10,
        wording: drawWording(random, i / 10 + 1),
      };
      nodes.push(section);
    }
    nodes.push({
      id: random.uuid(time),
      kind: 'operative',
      parentId: section?.id ?? null,
      position: (i % 10) + 1,
      wording: drawWording(random, i + 1),
    });
  }
  return nodes;
}

/** The body as a version keeps it (versions.ts): document order, numbered, in the original language. */
function snapshot(nodes: readonly Node[], textOf: (node: Node) => string): VersionedNode[] {
  const counters = { preambular: 0, operative: 0 };
  return nodes.map((node) => ({
    id: node.id,
    kind: node.kind,
    parentId: node.parentId,
    number: node.kind === 'section' ? null : ++counters[node.kind],
    mark: null,
    text: textOf(node),
  }));
}

interface Meeting {
  id: string;
  ordinal: number;
  number: string;
  slug: string;
  starts_at: string | null;
  start_date: string | null;
}

/** How many paragraphs document `index` (after the negotiated one) has: the rest shared out evenly. */
function paragraphsOf(scale: GeneratorContext['scale'], index: number): number {
  const others = scale.outcomeDocuments - 1;
  const rest = scale.outcomeParagraphs - scale.negotiatedParagraphs;
  return Math.floor((rest * index) / others) - Math.floor((rest * (index - 1)) / others);
}

/**
 * Outcome documents (issue 13), written as the documents module stores them: titles as
 * translations, a body of sections and paragraphs (`document_node`) with a text per language
 * (`document_node_text`), versions holding the body as it was, amendments and the states' positions
 * on them. Document 1 is the one the bench measures: under negotiation, `negotiatedParagraphs`
 * paragraphs, NEGOTIATED_VERSIONS versions (one per amendment accepted) and pending amendments.
 */
export const documentsGenerator: Generator = {
  name: 'documents',
  planned: (scale) => scale.outcomeDocuments,
  async run(ctx) {
    const { db, scale, random, epoch, world, insert, advance } = ctx;
    const meetings: Meeting[] = await db
      .selectFrom('meeting')
      .select(['id', 'ordinal', 'number', 'slug', 'starts_at', 'start_date'])
      .where('id', 'in', world.meetingIds)
      .orderBy('ordinal')
      .execute();
    const counts: Record<string, number> = {};
    let pending: Tables = {};
    const add = <T extends keyof Database>(table: T, rows: Rows<T>) => {
      (pending[table] as Rows<T> | undefined) ??= [];
      (pending[table] as Rows<T>).push(...rows);
      counts[table] = (counts[table] ?? 0) + rows.length;
    };
    // Parents before children: the foreign keys hold inside each transaction.
    const ORDER: Array<keyof Database> = [
      'document',
      'translation',
      'document_node',
      'document_node_text',
      'document_version',
      'document_amendment',
      'document_amendment_position',
    ];
    const flush = async () => {
      for (const table of ORDER) await insert(table, (pending[table] ?? []) as never);
      pending = {};
    };
    const positions = new Map<string, number>();
    const focalPointOf = (state: string) => world.focalPointByState.get(state) ?? world.adminUserId;

    for (let d = 0; d < scale.outcomeDocuments; d++) {
      const negotiated = d === 0;
      const meeting = meetings[d % meetings.length] as Meeting;
      const status = negotiated ? 'under-negotiation' : (STATUSES[d % STATUSES.length] as OutcomeStatus);
      const time = epoch - random.int(negotiated ? 20 : 30, 900) * DAY;
      const at = new Date(time).toISOString();
      const id = random.uuid(time);
      const original: Lang = random.chance(0.7) ? 'es' : 'en';
      const position = (positions.get(meeting.id) ?? 0) + 1;
      positions.set(meeting.id, position);
      const sequence = 100 + position;
      const theme = random.int(0, THEMES.en.length - 1);
      const type = random.pick(OUTCOME_DOCUMENT_TYPES);
      const nodes = outline(random, negotiated ? scale.negotiatedParagraphs : paragraphsOf(scale, d), time);
      const paragraphs = nodes.filter((n) => n.kind !== 'section');
      const versioned = status !== 'draft';
      const textOf = (node: Node, lang: Lang) =>
        node.kind === 'section' ? sectionTitle(node.wording, lang) : say(node.wording, lang);

      // The negotiated document's history: each later version replaces some paragraphs' wording
      // through an accepted amendment. Bodies are kept as they were at each version.
      const versions: VersionedNode[][] = [];
      const accepted: Rows<'document_amendment'> = [];
      const wordingNow = new Map(nodes.map((n) => [n.id, n.wording]));
      const history = negotiated ? NEGOTIATED_VERSIONS : versioned ? 1 : 0;
      for (let v = 1; v <= history; v++) {
        if (v > 1) {
          const target = random.pick(paragraphs);
          const wording = amendWording(random, wordingNow.get(target.id) ?? target.wording);
          wordingNow.set(target.id, wording);
          const decided = new Date(time + v * DAY).toISOString();
          const state = random.pick(world.stateIds);
          accepted.push({
            id: random.uuid(time + v * DAY),
            document_id: id,
            member_state_id: state,
            proposed_by: focalPointOf(state),
            kind: 'replace',
            node_id: target.id,
            after_id: null,
            paragraph_kind: null,
            text: say(wording, original),
            rationale: 'Clearer wording.',
            status: 'accepted',
            merged_into: null,
            new_node_id: null,
            based_on_version: v - 1,
            decided_by: world.adminUserId,
            decided_at: decided,
            ...stamped(decided),
          });
        }
        versions.push(snapshot(nodes, (n) => textOf({ ...n, wording: wordingNow.get(n.id) ?? n.wording }, original)));
      }
      const current = (n: Node) => ({ ...n, wording: wordingNow.get(n.id) ?? n.wording });

      const symbol =
        status === 'draft'
          ? null
          : documentSymbol({ ...meeting, symbol_pattern: null }, 'working', sequence, new Date(time));
      add('document', [
        {
          id,
          slug: negotiated ? NEGOTIATED_SLUG : `bench-outcome-${d + 1}`,
          meeting_id: meeting.id,
          position,
          type,
          symbol,
          adopted_on: status === 'adopted' ? at.slice(0, 10) : null,
          managed_by: 'platform',
          status,
          original_lang: original,
          created_by: world.adminUserId,
          sequence: status === 'draft' ? null : sequence,
          version: Math.max(1, history),
          revision: 0,
          content_hash: null,
          silence_deadline: null,
          silence_status: null,
          silence_objection_id: null,
          ...stamped(at),
        },
      ]);
      add(
        'translation',
        translations('document', id, 'title', (l) => `${THEMES[l][theme]}: ${type} ${d + 1}`, at),
      );
      const open = status === 'under-negotiation' || status === 'draft';
      add(
        'document_node',
        nodes.map((n) => ({
          id: n.id,
          document_id: id,
          parent_id: n.parentId,
          position: n.position,
          kind: n.kind,
          // Marked paragraphs of adopted documents become follow-up items (issue 15), which the
          // follow-up generator makes for its own documents: marks here stay on texts not adopted.
          mark:
            status !== 'adopted' && n.kind === 'operative' && random.chance(0.5) ? random.pick(PARAGRAPH_MARKS) : null,
          agreement: open && random.chance(0.6) ? ('open' as const) : ('agreed' as const),
          ...stamped(at),
        })),
      );
      add(
        'document_node_text',
        nodes.flatMap((n) =>
          LANGS.map((lang) => ({
            node_id: n.id,
            lang,
            text: textOf(current(n), lang),
            // A text under negotiation waits for some of its translations.
            state: open && lang !== original && random.chance(0.2) ? ('pending' as const) : ('done' as const),
            ...stamped(at),
          })),
        ),
      );
      add(
        'document_version',
        versions.map((body, i) => {
          const made = new Date(time + (i + 1) * DAY).toISOString();
          return {
            id: random.uuid(time + (i + 1) * DAY),
            document_id: id,
            number: i + 1,
            revision: 0,
            action: i === 0 ? 'outcome-documents.status' : 'outcome-documents.amendment-accept',
            made_by: world.adminUserId,
            amendment_id: i === 0 ? null : (accepted[i - 1]?.id ?? null),
            body: JSON.stringify(body),
            ...stamped(made),
          };
        }),
      );

      // Pending amendments: many on the negotiated document, a few on the others under negotiation.
      const proposals = negotiated ? NEGOTIATED_PENDING : status === 'under-negotiation' ? random.int(0, 5) : 0;
      const amendments: Rows<'document_amendment'> = [...accepted];
      const stances: Rows<'document_amendment_position'> = [];
      for (let a = 0; a < proposals; a++) {
        const target = random.pick(paragraphs);
        const kind = random.pick(['replace', 'replace', 'replace', 'insert', 'delete'] as const);
        const state = random.pick(world.stateIds);
        const proposed = time + (history + 1) * DAY + a * 3_600_000;
        const amendmentId = random.uuid(proposed);
        amendments.push({
          id: amendmentId,
          document_id: id,
          member_state_id: state,
          proposed_by: focalPointOf(state),
          kind,
          node_id: target.id,
          after_id: null,
          paragraph_kind: kind === 'insert' ? 'operative' : null,
          text:
            kind === 'delete'
              ? null
              : say(
                  kind === 'insert'
                    ? drawWording(random, target.wording.n)
                    : amendWording(random, wordingNow.get(target.id) ?? target.wording),
                  original,
                ),
          rationale: 'Proposed by the delegation after consultation.',
          status: 'pending',
          merged_into: null,
          new_node_id: null,
          based_on_version: Math.max(1, history),
          decided_by: null,
          decided_at: null,
          ...stamped(new Date(proposed).toISOString()),
        });
        const others = random.shuffle(world.stateIds.filter((s) => s !== state)).slice(0, random.int(0, 8));
        for (const other of others) {
          stances.push({
            amendment_id: amendmentId,
            member_state_id: other,
            stance: random.chance(0.75) ? 'support' : 'object',
            comment: random.chance(0.3) ? 'As discussed in the working group.' : null,
            user_id: focalPointOf(other),
            ...stamped(new Date(proposed + DAY).toISOString()),
          });
        }
      }
      add('document_amendment', amendments);
      add('document_amendment_position', stances);
      advance(1);
      if ((d + 1) % DOCUMENTS_PER_FLUSH === 0) await flush();
    }
    await flush();
    return counts;
  },
};
