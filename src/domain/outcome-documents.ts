import { DOCUMENT_TYPES } from './reference.js';

/**
 * Outcome documents: the texts a meeting adopts (a commitment, a consensus, recommendations…).
 * The lifecycle, the body's outline (sections and paragraphs) with its automatic numbering, and
 * what is left to translate, as pure rules the server and the portal share.
 */

/** The types a new outcome document may have (issue 13); the historic "institutional document" of
 * MISPA III keeps its own type in the reference data. */
export const OUTCOME_DOCUMENT_TYPES = [
  'commitment',
  'consensus',
  'declaration',
  'recommendations',
  'rules-of-procedure',
  'work-plan',
] as const;
export type OutcomeDocumentType = (typeof OUTCOME_DOCUMENT_TYPES)[number];

/** Every type a document may carry: the reference data's and the new ones, each once. */
export const ALL_DOCUMENT_TYPES = [...new Set([...OUTCOME_DOCUMENT_TYPES, ...DOCUMENT_TYPES])] as [
  OutcomeDocumentType | (typeof DOCUMENT_TYPES)[number],
  ...Array<OutcomeDocumentType | (typeof DOCUMENT_TYPES)[number]>,
];

export const OUTCOME_STATUSES = ['draft', 'under-negotiation', 'agreed-ad-referendum', 'adopted', 'withdrawn'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** The steps of the lifecycle: the draft is negotiated, agreed ad referendum (pending the
 * capitals' confirmation), then adopted; anything not yet adopted may be withdrawn, and an agreement
 * ad referendum a capital does not confirm goes back to negotiation. Adopted and withdrawn are final. */
export const OUTCOME_TRANSITIONS: Record<OutcomeStatus, readonly OutcomeStatus[]> = {
  draft: ['under-negotiation', 'withdrawn'],
  'under-negotiation': ['agreed-ad-referendum', 'withdrawn'],
  'agreed-ad-referendum': ['adopted', 'under-negotiation', 'withdrawn'],
  adopted: [],
  withdrawn: [],
};

export function canTransition(from: OutcomeStatus, to: OutcomeStatus): boolean {
  return OUTCOME_TRANSITIONS[from].includes(to);
}

/** Whose text may still change: a draft, and a text under negotiation. */
export function isEditable(status: OutcomeStatus): boolean {
  return status === 'draft' || status === 'under-negotiation';
}

/** Whom a document is shown to: the public sees adopted ones only; the others are the
 * secretariat's and the delegations of their meeting. */
export function isPublicStatus(status: OutcomeStatus): boolean {
  return status === 'adopted';
}

/** Whether the document carries a symbol in its meeting's series: from negotiation on. */
export function carriesSymbol(status: OutcomeStatus): boolean {
  return status !== 'draft';
}

export const NODE_KINDS = ['section', 'preambular', 'operative'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export type ParagraphKind = Exclude<NodeKind, 'section'>;
export const PARAGRAPH_KINDS = ['preambular', 'operative'] as const satisfies readonly ParagraphKind[];

/** What an operative paragraph asks of the member states, which the follow-up reports on. */
export const PARAGRAPH_MARKS = ['recommendation', 'commitment', 'mandate'] as const;
export type ParagraphMark = (typeof PARAGRAPH_MARKS)[number];

export const TRANSLATION_STATES = ['pending', 'done'] as const;
export type TranslationState = (typeof TRANSLATION_STATES)[number];

export const LINK_RELATIONS = ['reaffirms', 'supersedes', 'implements'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export const OUTCOME_TITLE_MAX = 500;
export const PARAGRAPH_TEXT_MAX = 20_000;
/** A body larger than this is not a ministerial document: a guard against runaway inserts. */
export const OUTLINE_NODES_MAX = 2_000;
/** How deep sections may nest (a section within a section within a section). */
export const SECTION_DEPTH_MAX = 3;

/** One node of a body's outline: a section (which holds nodes) or a paragraph. */
export interface OutlineNode {
  id: string;
  kind: NodeKind;
  /** The section holding it; null at the top of the body. */
  parentId: string | null;
}

/** A body: its nodes and, for the body (key null) and each section, its children in order. */
export interface Outline {
  nodes: ReadonlyMap<string, OutlineNode>;
  children: ReadonlyMap<string | null, readonly string[]>;
}

/** Why an outline operation cannot be made, for the service to say (a field and a reason key). */
export type OutlineProblem = 'parent' | 'index' | 'cycle' | 'depth' | 'size' | 'unknown';

export class OutlineError extends Error {
  constructor(readonly problem: OutlineProblem) {
    super(problem);
  }
}

/** Builds the outline from rows (a parent and a position under it), ordered by position. */
export function outlineOf(rows: ReadonlyArray<OutlineNode & { position: number }>): Outline {
  const nodes = new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, parentId: r.parentId }]));
  const children = new Map<string | null, string[]>([[null, []]]);
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    const list = children.get(row.parentId) ?? [];
    list.push(row.id);
    children.set(row.parentId, list);
  }
  return { nodes, children };
}

export const emptyOutline = (): Outline => ({ nodes: new Map(), children: new Map([[null, []]]) });

/** Every node in document order: a section before what it holds. */
export function documentOrder(outline: Outline): string[] {
  const order: string[] = [];
  const visit = (parent: string | null) => {
    for (const id of outline.children.get(parent) ?? []) {
      order.push(id);
      visit(id);
    }
  };
  visit(null);
  return order;
}

/**
 * The numbers of the paragraphs, preambular and operative counted apart as in intergovernmental
 * texts: each kind is numbered 1..n in document order, whatever section holds it.
 */
export function numbering(outline: Outline): Map<string, number> {
  const counters: Record<ParagraphKind, number> = { preambular: 0, operative: 0 };
  const numbers = new Map<string, number>();
  for (const id of documentOrder(outline)) {
    const kind = outline.nodes.get(id)?.kind;
    if (kind === 'preambular' || kind === 'operative') numbers.set(id, ++counters[kind]);
  }
  return numbers;
}

/** How many sections hold `parentId` (0 at the top). */
function depthOf(outline: Outline, parentId: string | null): number {
  let depth = 0;
  for (let at = parentId; at !== null; at = outline.nodes.get(at)?.parentId ?? null) depth++;
  return depth;
}

/** How deep the sections inside `id` go (0 for a paragraph or an empty section). */
function heightOf(outline: Outline, id: string): number {
  const below = (outline.children.get(id) ?? []).filter((c) => outline.nodes.get(c)?.kind === 'section');
  return below.length === 0 ? 0 : 1 + Math.max(...below.map((c) => heightOf(outline, c)));
}

function checkPlace(outline: Outline, parentId: string | null, index: number, length: number) {
  if (parentId !== null && outline.nodes.get(parentId)?.kind !== 'section') throw new OutlineError('parent');
  if (!Number.isInteger(index) || index < 0 || index > length) throw new OutlineError('index');
}

function withChildren(outline: Outline, changes: Array<[string | null, string[]]>): Map<string | null, string[]> {
  const children = new Map([...outline.children].map(([k, v]) => [k, [...v]]));
  for (const [key, list] of changes) {
    if (list.length === 0 && key !== null) children.delete(key);
    else children.set(key, list);
  }
  return children;
}

/** Inserts `node` at `index` among the children of its parent (the end when index is omitted). */
export function insertNode(outline: Outline, node: OutlineNode, index?: number): Outline {
  if (outline.nodes.size >= OUTLINE_NODES_MAX) throw new OutlineError('size');
  if (outline.nodes.has(node.id)) throw new OutlineError('unknown');
  const siblings = outline.children.get(node.parentId) ?? [];
  const at = index ?? siblings.length;
  checkPlace(outline, node.parentId, at, siblings.length);
  if (node.kind === 'section' && depthOf(outline, node.parentId) >= SECTION_DEPTH_MAX) throw new OutlineError('depth');
  const list = [...siblings];
  list.splice(at, 0, node.id);
  return {
    nodes: new Map([...outline.nodes, [node.id, { ...node }]]),
    children: withChildren(outline, [[node.parentId, list]]),
  };
}

/** Moves node `id` (with what it holds) to `index` among the children of `parentId`, the index
 * counted once the node has left its place. */
export function moveNode(outline: Outline, id: string, parentId: string | null, index: number): Outline {
  const node = outline.nodes.get(id);
  if (!node) throw new OutlineError('unknown');
  for (let at = parentId; at !== null; at = outline.nodes.get(at)?.parentId ?? null) {
    if (at === id) throw new OutlineError('cycle');
  }
  const from = (outline.children.get(node.parentId) ?? []).filter((c) => c !== id);
  const to = node.parentId === parentId ? from : [...(outline.children.get(parentId) ?? [])];
  checkPlace(outline, parentId, index, to.length);
  if (node.kind === 'section' && depthOf(outline, parentId) + heightOf(outline, id) >= SECTION_DEPTH_MAX) {
    throw new OutlineError('depth');
  }
  to.splice(index, 0, id);
  const changes: Array<[string | null, string[]]> =
    node.parentId === parentId
      ? [[parentId, to]]
      : [
          [node.parentId, from],
          [parentId, to],
        ];
  return {
    nodes: new Map([...outline.nodes, [id, { ...node, parentId }]]),
    children: withChildren(outline, changes),
  };
}

/** Removes node `id` and everything it holds; the ids removed come back with the outline. */
export function removeNode(outline: Outline, id: string): { outline: Outline; removed: string[] } {
  const node = outline.nodes.get(id);
  if (!node) throw new OutlineError('unknown');
  const removed: string[] = [];
  const collect = (at: string) => {
    removed.push(at);
    for (const child of outline.children.get(at) ?? []) collect(child);
  };
  collect(id);
  const gone = new Set(removed);
  const nodes = new Map([...outline.nodes].filter(([key]) => !gone.has(key)));
  const children = new Map(
    [...outline.children]
      .filter(([key]) => key === null || !gone.has(key))
      .map(([key, list]) => [key, list.filter((c) => !gone.has(c))] as const),
  );
  return { outline: { nodes, children }, removed };
}

/** Each node's parent and position as the outline has them, for the rows to follow. */
export function placesOf(outline: Outline): Map<string, { parentId: string | null; position: number }> {
  const places = new Map<string, { parentId: string | null; position: number }>();
  for (const [parentId, list] of outline.children) {
    for (const [position, id] of list.entries()) places.set(id, { parentId, position });
  }
  return places;
}

/** A node's text in one language, as far as translation goes. */
export interface NodeText {
  lang: string;
  state: TranslationState;
}

/**
 * What is left to translate, per language other than the original: the nodes (section headings
 * and paragraphs) whose text in that language is missing or still pending. The original language's
 * text is the source, so it is never counted.
 */
export function leftToTranslate<L extends string>(
  nodeIds: readonly string[],
  texts: ReadonlyMap<string, readonly NodeText[]>,
  originalLang: L,
  langs: readonly L[],
): Record<L, string[]> {
  const left = Object.fromEntries(langs.map((l) => [l, [] as string[]])) as Record<L, string[]>;
  for (const id of nodeIds) {
    const given = texts.get(id) ?? [];
    for (const lang of langs) {
      if (lang === originalLang) continue;
      if (given.find((t) => t.lang === lang)?.state !== 'done') left[lang].push(id);
    }
  }
  return left;
}
