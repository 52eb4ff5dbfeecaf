import {
  insertNode,
  moveNode,
  type Outline,
  OutlineError,
  type ParagraphKind,
  removeNode,
} from './outcome-documents.js';

/**
 * Negotiating an outcome document (issue 13): what an amendment does to the body's outline, the
 * word-level differences between two texts, what still blocks adoption and the canonical form of
 * an adopted text, as pure rules the server and the portal share.
 */

export const AMENDMENT_KINDS = ['replace', 'insert', 'delete', 'move'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export const AMENDMENT_STATUSES = ['pending', 'accepted', 'rejected', 'merged', 'withdrawn'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const STANCES = ['support', 'object'] as const;
export type Stance = (typeof STANCES)[number];

/** A paragraph is open until the chair records it agreed, or agreed ad referendum (pending a
 * capital's confirmation). */
export const AGREEMENTS = ['open', 'agreed', 'agreed-ad-referendum'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

export const FOOTNOTE_KINDS = ['reservation', 'interpretative-statement'] as const;
export type FootnoteKind = (typeof FOOTNOTE_KINDS)[number];
/** The part of a text a historic footnote's paragraph numbers belong to, as its source cites them
 * (the platform does not hold the text, so it cannot point at the paragraph itself). */
export const FOOTNOTE_PARTS = ['preamble', 'recommendations', 'follow-up'] as const;
export type FootnotePart = (typeof FOOTNOTE_PARTS)[number];

export const RATIONALE_MAX = 5_000;
export const COMMENT_MAX = 5_000;
/** Alternative wordings of one bracket: two at least (else it is no dispute), a handful at most. */
export const ALTERNATIVES_MIN = 2;
export const ALTERNATIVES_MAX = 6;
/** How many amendments the chair merges into one text at most. */
export const MERGE_MAX = 20;

/** What an amendment changes in the outline: its kind, the paragraph it names, where a moved one goes. */
export interface AmendmentShape {
  kind: AmendmentKind;
  /** The paragraph replaced, deleted or moved; for an insertion, the one the new paragraph follows. */
  nodeId: string;
  /** A move: the node it goes after, in that node's section; null for the first place of its own. */
  afterId: string | null;
  /** An insertion: the new paragraph's kind. */
  paragraphKind: ParagraphKind | null;
}

/** The place just after `afterId` (null: the first place of `fallbackParent`), counted with `without` left out. */
function placeAfter(outline: Outline, afterId: string | null, fallbackParent: string | null, without?: string) {
  if (afterId === null) return { parentId: fallbackParent, index: 0 };
  const after = outline.nodes.get(afterId);
  if (!after) throw new OutlineError('unknown');
  const siblings = (outline.children.get(after.parentId) ?? []).filter((id) => id !== without);
  return { parentId: after.parentId, index: siblings.indexOf(afterId) + 1 };
}

/**
 * The outline once the amendment is applied (a replacement changes text only, so the same outline),
 * with the nodes it removes. `newId` is the id an insertion gives its paragraph. Throws OutlineError
 * when the paragraph it names is gone or is not a paragraph.
 */
export function applyAmendment(
  outline: Outline,
  amendment: AmendmentShape,
  newId: string,
): { outline: Outline; removed: string[] } {
  const node = outline.nodes.get(amendment.nodeId);
  if (!node || node.kind === 'section') throw new OutlineError('unknown');
  switch (amendment.kind) {
    case 'replace':
      return { outline, removed: [] };
    case 'delete':
      return removeNode(outline, node.id);
    case 'insert': {
      const { parentId, index } = placeAfter(outline, node.id, node.parentId);
      const kind = amendment.paragraphKind ?? node.kind;
      return { outline: insertNode(outline, { id: newId, kind, parentId }, index), removed: [] };
    }
    case 'move': {
      if (amendment.afterId === node.id) throw new OutlineError('cycle');
      const { parentId, index } = placeAfter(outline, amendment.afterId, node.parentId, node.id);
      return { outline: moveNode(outline, node.id, parentId, index), removed: [] };
    }
  }
}

export const DIFF_OPS = ['same', 'added', 'removed'] as const;
export interface DiffPart {
  op: (typeof DIFF_OPS)[number];
  text: string;
}

/** What stands in the way of adopting a text: all must be zero. */
export interface Blockers {
  pendingAmendments: number;
  openBrackets: number;
  standingObjections: number;
}

export const isAdoptable = (blockers: Blockers) =>
  blockers.pendingAmendments === 0 && blockers.openBrackets === 0 && blockers.standingObjections === 0;

/** JSON with object keys sorted at every level: one text, one serialisation, one hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
