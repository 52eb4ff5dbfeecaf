import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AmendmentShape, applyAmendment, canonicalJson, isAdoptable } from './negotiation.js';
import { documentOrder, emptyOutline, insertNode, numbering, type Outline, OutlineError } from './outcome-documents.js';

/** A body: a preambular paragraph, a section holding two operative ones, one more operative. */
function body(): Outline {
  let outline = emptyOutline();
  outline = insertNode(outline, { id: 'p1', kind: 'preambular', parentId: null });
  outline = insertNode(outline, { id: 's1', kind: 'section', parentId: null });
  outline = insertNode(outline, { id: 'o1', kind: 'operative', parentId: 's1' });
  outline = insertNode(outline, { id: 'o2', kind: 'operative', parentId: 's1' });
  return insertNode(outline, { id: 'o3', kind: 'operative', parentId: null });
}

const numbered = (outline: Outline) => {
  const numbers = numbering(outline);
  return documentOrder(outline).map((id) => `${id}${numbers.has(id) ? `:${numbers.get(id)}` : ''}`);
};

const shape = (s: Partial<AmendmentShape> & Pick<AmendmentShape, 'kind' | 'nodeId'>): AmendmentShape => ({
  afterId: null,
  paragraphKind: null,
  ...s,
});

describe('applyAmendment', () => {
  it('inserts after the paragraph named, in its section, and renumbers', () => {
    const { outline } = applyAmendment(body(), shape({ kind: 'insert', nodeId: 'o1' }), 'new');
    expect(numbered(outline)).toEqual(['p1:1', 's1', 'o1:1', 'new:2', 'o2:3', 'o3:4']);
  });

  it('inserts a paragraph of another kind when told', () => {
    const { outline } = applyAmendment(
      body(),
      shape({ kind: 'insert', nodeId: 'p1', paragraphKind: 'operative' }),
      'n',
    );
    expect(numbered(outline)).toEqual(['p1:1', 'n:1', 's1', 'o1:2', 'o2:3', 'o3:4']);
  });

  it('deletes, and the numbers close up', () => {
    const { outline, removed } = applyAmendment(body(), shape({ kind: 'delete', nodeId: 'o1' }), 'x');
    expect(removed).toEqual(['o1']);
    expect(numbered(outline)).toEqual(['p1:1', 's1', 'o2:1', 'o3:2']);
  });

  it('moves after another node, across sections, or to the first place of its own', () => {
    expect(numbered(applyAmendment(body(), shape({ kind: 'move', nodeId: 'o3', afterId: 'o1' }), 'x').outline)).toEqual(
      ['p1:1', 's1', 'o1:1', 'o3:2', 'o2:3'],
    );
    expect(numbered(applyAmendment(body(), shape({ kind: 'move', nodeId: 'o2', afterId: null }), 'x').outline)).toEqual(
      ['p1:1', 's1', 'o2:1', 'o1:2', 'o3:3'],
    );
  });

  it('leaves the outline to a replacement, and refuses a section or a paragraph that is gone', () => {
    const outline = body();
    expect(applyAmendment(outline, shape({ kind: 'replace', nodeId: 'o1' }), 'x').outline).toBe(outline);
    expect(() => applyAmendment(outline, shape({ kind: 'delete', nodeId: 's1' }), 'x')).toThrow(OutlineError);
    expect(() => applyAmendment(outline, shape({ kind: 'replace', nodeId: 'gone' }), 'x')).toThrow(OutlineError);
    expect(() => applyAmendment(outline, shape({ kind: 'move', nodeId: 'o1', afterId: 'o1' }), 'x')).toThrow(
      OutlineError,
    );
  });

  it('keeps each kind numbered 1..n and loses no paragraph but those deleted, whatever amendments are accepted', () => {
    const kinds = ['replace', 'insert', 'delete', 'move'] as const;
    const amendment = fc.record({
      kind: fc.constantFrom(...kinds),
      node: fc.nat(),
      after: fc.option(fc.nat()),
      paragraphKind: fc.option(fc.constantFrom('preambular' as const, 'operative' as const)),
    });
    fc.assert(
      fc.property(fc.array(amendment, { maxLength: 40 }), (amendments) => {
        let outline = body();
        let expected = new Set(outline.nodes.keys());
        for (const [step, a] of amendments.entries()) {
          const ids = [...outline.nodes.keys()];
          if (ids.length === 0) break;
          const nodeId = ids[a.node % ids.length] as string;
          const afterId = a.after === null ? null : (ids[a.after % ids.length] as string);
          try {
            const result = applyAmendment(
              outline,
              { kind: a.kind, nodeId, afterId, paragraphKind: a.paragraphKind },
              `n${step}`,
            );
            outline = result.outline;
            for (const id of result.removed) expected.delete(id);
            if (a.kind === 'insert') expected = new Set([...expected, `n${step}`]);
          } catch (error) {
            // A refused amendment (a section named, a node moved after itself) changes nothing.
            expect(error).toBeInstanceOf(OutlineError);
          }
          expect(new Set(documentOrder(outline))).toEqual(expected);
          const numbers = numbering(outline);
          for (const kind of ['preambular', 'operative'] as const) {
            const ofKind = documentOrder(outline).filter((id) => outline.nodes.get(id)?.kind === kind);
            expect(ofKind.map((id) => numbers.get(id))).toEqual(ofKind.map((_, i) => i + 1));
          }
        }
      }),
    );
  });
});

describe('adoption', () => {
  it('is possible only with nothing pending, bracketed or objected', () => {
    expect(isAdoptable({ pendingAmendments: 0, openBrackets: 0, standingObjections: 0 })).toBe(true);
    expect(isAdoptable({ pendingAmendments: 1, openBrackets: 0, standingObjections: 0 })).toBe(false);
    expect(isAdoptable({ pendingAmendments: 0, openBrackets: 1, standingObjections: 0 })).toBe(false);
    expect(isAdoptable({ pendingAmendments: 0, openBrackets: 0, standingObjections: 1 })).toBe(false);
  });

  it('serialises a text one way whatever the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
