import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  documentOrder,
  emptyOutline,
  insertNode,
  isEditable,
  isPublicStatus,
  leftToTranslate,
  moveNode,
  type NodeKind,
  numbering,
  OUTCOME_STATUSES,
  type OutcomeStatus,
  type Outline,
  OutlineError,
  outlineOf,
  placesOf,
  removeNode,
  SECTION_DEPTH_MAX,
} from './outcome-documents.js';

describe('outcome document lifecycle', () => {
  // Every pair of statuses, with the answer the lifecycle must give: written out, not derived.
  const allowed = new Set([
    'draft>under-negotiation',
    'draft>withdrawn',
    'under-negotiation>agreed-ad-referendum',
    'under-negotiation>withdrawn',
    'agreed-ad-referendum>adopted',
    'agreed-ad-referendum>under-negotiation',
    'agreed-ad-referendum>withdrawn',
  ]);
  const pairs = OUTCOME_STATUSES.flatMap((from) => OUTCOME_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('from %s to %s is allowed only where the lifecycle says', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('leaves adopted and withdrawn documents final', () => {
    for (const to of OUTCOME_STATUSES) {
      expect(canTransition('adopted', to)).toBe(false);
      expect(canTransition('withdrawn', to)).toBe(false);
    }
  });

  it.each<[OutcomeStatus, boolean, boolean]>([
    ['draft', true, false],
    ['under-negotiation', true, false],
    ['agreed-ad-referendum', false, false],
    ['adopted', false, true],
    ['withdrawn', false, false],
  ])('a %s text is editable: %s, public: %s', (status, editable, isPublic) => {
    expect(isEditable(status)).toBe(editable);
    expect(isPublicStatus(status)).toBe(isPublic);
  });
});

const build = (nodes: Array<[string, NodeKind, string | null]>): Outline =>
  nodes.reduce((outline, [id, kind, parentId]) => insertNode(outline, { id, kind, parentId }), emptyOutline());

describe('numbering', () => {
  it('numbers preambular and operative paragraphs apart, in document order across sections', () => {
    const outline = build([
      ['p1', 'preambular', null],
      ['p2', 'preambular', null],
      ['s1', 'section', null],
      ['o1', 'operative', 's1'],
      ['s2', 'section', null],
      ['o2', 'operative', 's2'],
      ['p3', 'preambular', 's2'],
    ]);
    expect(Object.fromEntries(numbering(outline))).toEqual({ p1: 1, p2: 2, o1: 1, o2: 2, p3: 3 });
  });

  it('renumbers when a paragraph is inserted before others, keeping each id', () => {
    const before = build([
      ['a', 'operative', null],
      ['b', 'operative', null],
    ]);
    const after = insertNode(before, { id: 'new', kind: 'operative', parentId: null }, 0);
    expect(Object.fromEntries(numbering(after))).toEqual({ new: 1, a: 2, b: 3 });
  });

  it('moves a section with what it holds, and removes a section with what it holds', () => {
    const outline = build([
      ['s1', 'section', null],
      ['a', 'operative', 's1'],
      ['s2', 'section', null],
      ['b', 'operative', 's2'],
    ]);
    const moved = moveNode(outline, 's2', null, 0);
    expect(documentOrder(moved)).toEqual(['s2', 'b', 's1', 'a']);
    expect(Object.fromEntries(numbering(moved))).toEqual({ b: 1, a: 2 });
    const { outline: left, removed } = removeNode(moved, 's2');
    expect(removed).toEqual(['s2', 'b']);
    expect(documentOrder(left)).toEqual(['s1', 'a']);
    expect(Object.fromEntries(numbering(left))).toEqual({ a: 1 });
  });

  it('refuses a paragraph as a parent, a section moved into itself, an index out of range and sections too deep', () => {
    const outline = build([
      ['s1', 'section', null],
      ['s2', 'section', 's1'],
      ['a', 'operative', 's2'],
    ]);
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as OutlineError).problem;
      }
      return null;
    };
    expect(problem(() => insertNode(outline, { id: 'x', kind: 'operative', parentId: 'a' }))).toBe('parent');
    expect(problem(() => moveNode(outline, 's1', 's2', 0))).toBe('cycle');
    expect(problem(() => moveNode(outline, 'a', null, 2))).toBe('index');
    expect(problem(() => insertNode(outline, { id: 'x', kind: 'operative', parentId: null }, -1))).toBe('index');
    expect(problem(() => moveNode(outline, 'nope', null, 0))).toBe('unknown');
    let deep = outline;
    let parent = 's2';
    for (let depth = 2; depth < SECTION_DEPTH_MAX; depth++) {
      deep = insertNode(deep, { id: `d${depth}`, kind: 'section', parentId: parent });
      parent = `d${depth}`;
    }
    expect(problem(() => insertNode(deep, { id: 'too-deep', kind: 'section', parentId: parent }))).toBe('depth');
    expect(problem(() => moveNode(deep, 's2', 's1', 0))).toBeNull();
    const other = insertNode(deep, { id: 'top', kind: 'section', parentId: null });
    expect(problem(() => moveNode(other, 's1', 'top', 0))).toBe('depth');
  });

  it('gives back the places rows keep, and rebuilds the same outline from them', () => {
    const outline = build([
      ['s1', 'section', null],
      ['a', 'operative', 's1'],
      ['b', 'preambular', null],
    ]);
    const rows = [...placesOf(outline)].map(([id, place]) => ({
      id,
      kind: outline.nodes.get(id)?.kind as NodeKind,
      ...place,
    }));
    expect(documentOrder(outlineOf(rows.reverse()))).toEqual(documentOrder(outline));
  });
});

/** A random edit of an outline, named by indexes into what exists when it is applied. */
type Edit =
  | { op: 'insert'; kind: NodeKind; parent: number; index: number }
  | { op: 'move'; node: number; parent: number; index: number }
  | { op: 'remove'; node: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    kind: fc.constantFrom<NodeKind>('section', 'preambular', 'operative'),
    parent: fc.nat(),
    index: fc.nat(),
  }),
  fc.record({ op: fc.constant('move' as const), node: fc.nat(), parent: fc.nat(), index: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), node: fc.nat() }),
);

describe('numbering under any sequence of inserts, moves and removals', () => {
  it('numbers each kind 1..n in document order, and loses no paragraph it did not remove', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 60 }), (edits) => {
        let outline = emptyOutline();
        let next = 0;
        const alive = new Set<string>();
        for (const e of edits) {
          const ids = documentOrder(outline);
          const sections = [null, ...ids.filter((id) => outline.nodes.get(id)?.kind === 'section')];
          try {
            if (e.op === 'insert') {
              const parentId = sections[e.parent % sections.length] ?? null;
              const siblings = outline.children.get(parentId)?.length ?? 0;
              const id = `n${next++}`;
              outline = insertNode(outline, { id, kind: e.kind, parentId }, e.index % (siblings + 1));
              alive.add(id);
            } else if (e.op === 'move' && ids.length > 0) {
              const id = ids[e.node % ids.length] as string;
              const parentId = sections[e.parent % sections.length] ?? null;
              const siblings = (outline.children.get(parentId) ?? []).filter((c) => c !== id).length;
              outline = moveNode(outline, id, parentId, e.index % (siblings + 1));
            } else if (e.op === 'remove' && ids.length > 0) {
              const result = removeNode(outline, ids[e.node % ids.length] as string);
              outline = result.outline;
              for (const id of result.removed) alive.delete(id);
            }
          } catch (error) {
            // A refused edit (a cycle, too deep) must leave the outline as it was: it is immutable.
            if (!(error instanceof OutlineError)) throw error;
          }
        }
        const order = documentOrder(outline);
        expect(new Set(order)).toEqual(alive);
        expect(order.length).toBe(alive.size);
        const numbers = numbering(outline);
        for (const kind of ['preambular', 'operative'] as const) {
          const ofKind = order.filter((id) => outline.nodes.get(id)?.kind === kind);
          expect(ofKind.map((id) => numbers.get(id))).toEqual(ofKind.map((_, i) => i + 1));
        }
        for (const id of order) {
          const parent = outline.nodes.get(id)?.parentId ?? null;
          expect(parent === null || outline.nodes.get(parent)?.kind === 'section').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('leftToTranslate', () => {
  it('lists per language the nodes missing or pending there, never the original language', () => {
    const texts = new Map([
      [
        'a',
        [
          { lang: 'es', state: 'done' as const },
          { lang: 'en', state: 'done' as const },
          { lang: 'fr', state: 'pending' as const },
        ],
      ],
      ['b', [{ lang: 'es', state: 'pending' as const }]],
    ]);
    expect(leftToTranslate(['a', 'b'], texts, 'es', ['en', 'es', 'fr', 'pt'])).toEqual({
      en: ['b'],
      es: [],
      fr: ['a', 'b'],
      pt: ['a', 'b'],
    });
  });
});
