import type { DocumentNode } from '../../../contract/outcome-documents.js';
import type { Document } from '../../../contract/reference.js';
import type { LinkRelation, NodeKind, ParagraphMark } from '../../../domain/outcome-documents.js';
import type { TFunction } from '../../i18n/translator.js';

export function documentTypeLabel(t: TFunction, type: Document['type']): string {
  switch (type) {
    case 'commitment':
      return t('documents.type.commitment');
    case 'consensus':
      return t('documents.type.consensus');
    case 'recommendations':
      return t('documents.type.recommendations');
    case 'institutional-document':
      return t('documents.type.institutional');
    case 'declaration':
      return t('documents.type.declaration');
    case 'rules-of-procedure':
      return t('documents.type.rulesOfProcedure');
    case 'work-plan':
      return t('documents.type.workPlan');
  }
}

export function documentStatusLabel(t: TFunction, status: Document['status']): string {
  switch (status) {
    case 'draft':
      return t('documents.status.draft');
    case 'under-negotiation':
      return t('documents.status.underNegotiation');
    case 'agreed-ad-referendum':
      return t('documents.status.agreedAdReferendum');
    case 'adopted':
      return t('documents.status.adopted');
    case 'withdrawn':
      return t('documents.status.withdrawn');
  }
}

export function paragraphMarkLabel(t: TFunction, mark: ParagraphMark): string {
  switch (mark) {
    case 'recommendation':
      return t('documents.mark.recommendation');
    case 'commitment':
      return t('documents.mark.commitment');
    case 'mandate':
      return t('documents.mark.mandate');
  }
}

/** A paragraph's number as negotiators cite it: PP3 (preambular), OP12 (operative), per language. */
export function paragraphNumber(t: TFunction, kind: 'preambular' | 'operative', number: number): string {
  return kind === 'preambular'
    ? t('documents.body.preambularNumber', { number })
    : t('documents.body.operativeNumber', { number });
}

/** A link's relation as read from one side: what this document does to the other, or what the
 * other (later) document does to it. */
export function relationLabel(t: TFunction, relation: LinkRelation, side: 'outgoing' | 'incoming'): string {
  switch (relation) {
    case 'reaffirms':
      return side === 'outgoing' ? t('documents.links.reaffirms') : t('documents.links.reaffirmedBy');
    case 'supersedes':
      return side === 'outgoing' ? t('documents.links.supersedes') : t('documents.links.supersededBy');
    case 'implements':
      return side === 'outgoing' ? t('documents.links.implements') : t('documents.links.implementedBy');
  }
}

/** What names a node in lists: its kind and number ("Operative paragraph 3"), or "Section". */
export function nodeLabel(t: TFunction, node: Pick<DocumentNode, 'kind' | 'number'>): string {
  if (node.kind === 'section') return t('documents.edit.kind.section');
  return paragraphNumber(t, node.kind, node.number ?? 0);
}

export function kindLabel(t: TFunction, kind: NodeKind): string {
  switch (kind) {
    case 'section':
      return t('documents.edit.kind.section');
    case 'preambular':
      return t('documents.edit.kind.preambular');
    case 'operative':
      return t('documents.edit.kind.operative');
  }
}
