import type { NodeKind, ParagraphKind } from './outcome-documents.js';

/**
 * Starting an outcome document's text from a file (issue 13): the paragraphs a DOCX or a plain
 * text gives, classed as sections (headings), preambular or operative paragraphs, and numbered as
 * the platform numbers them, for the secretariat to correct before anything is saved. Pure rules
 * the server (the proposal) and the portal (numbering after each correction) share.
 */

/** A paragraph as the file gives it: its text, and what its form says about it. */
export interface SourceParagraph {
  text: string;
  /** A heading style in the DOCX (Heading 1, Title…). */
  heading?: boolean;
  /** Numbered by the word processor's own list numbering (the number is not in the text). */
  listed?: boolean;
}

/** One node of the proposed body: flat, a section holding the paragraphs after it until the next. */
export interface ImportedNode {
  kind: NodeKind;
  text: string;
}

/** One proposed node with the number it will have (null for a section). */
export interface NumberedImport extends ImportedNode {
  number: number | null;
}

/** A heading, when not styled as one: a short line in capitals without a closing full stop. */
const HEADING_MAX = 120;

/** A number or letter the author typed before a paragraph: "1.", "2)", "(a)", "b.", "IV." … */
const LEADING_NUMBER = /^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]|\(\d{1,3}\)|\(?[a-z]\))\s+/i;

/**
 * The openings of preambular paragraphs in the four languages: a participle or adjective
 * ("Recognizing…", "Reconociendo…", "Reconnaissant…", "Reconhecendo…", "Bearing in mind…",
 * "Convinced…"), compared without accents or case.
 */
const PREAMBULAR_OPENINGS = [
  // en
  'bearing in mind',
  'taking into account',
  'taking note',
  'aware',
  'mindful',
  'convinced',
  'concerned',
  'deeply concerned',
  'cognizant',
  'in view of',
  'whereas',
  // es
  'teniendo en cuenta',
  'teniendo presente',
  'tomando nota',
  'tomando en cuenta',
  'convencidos',
  'convencidas',
  'preocupados',
  'conscientes',
  'persuadidos',
  // fr
  'ayant a l esprit',
  'tenant compte',
  'prenant note',
  'convaincus',
  'preoccupes',
  'conscients',
  'se felicitant',
  // pt
  'tendo presente',
  'tendo em conta',
  'levando em conta',
  'tomando nota',
  'convictos',
  'convencidos',
  'preocupados',
];

/**
 * The openings of operative paragraphs: a verb in the infinitive or the present ("Adopt…",
 * "Resolve to…", "Recomendar…", "Encouragent…", "Incentivar…").
 */
const OPERATIVE_OPENINGS = [
  // en
  'adopt',
  'resolve',
  'recommend',
  'encourage',
  'request',
  'urge',
  'call upon',
  'call on',
  'decide',
  'agree',
  'commit',
  'instruct',
  'invite',
  'reaffirm',
  'reiterate',
  'support',
  'promote',
  'strengthen',
  'establish',
  'entrust',
  'declare',
  'endorse',
  'approve',
  'thank',
  'welcome',
  // es / pt infinitives and present forms that the suffix rule below does not reach
  'encomendar',
  'instar',
  'alentar',
  'acuerdan',
  'deciden',
  'resuelven',
  'recomiendan',
  // fr
  'decident',
  'recommandent',
  'encouragent',
  'invitent',
  'demandent',
  'reaffirment',
  'adoptent',
  'chargent',
  'prient',
];

/** Text without accents, in lower case, words kept apart by single spaces (apostrophes too). */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const startsWithAny = (text: string, openings: readonly string[]) =>
  openings.some((opening) => text === opening || text.startsWith(`${opening} `));

/** A line set in capitals (at least two letters, none in lower case), short, without a full stop. */
function looksLikeHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return (
    text.length <= HEADING_MAX &&
    letters.length >= 2 &&
    letters === letters.toLocaleUpperCase() &&
    letters !== letters.toLocaleLowerCase() &&
    !/[.;:]$/.test(text)
  );
}

/**
 * The kind a paragraph's opening words say: a participle (English -ing, Spanish -ando/-endo,
 * Portuguese -ando/-endo/-indo, French -ant) or a listed opening for a preambular one; an
 * infinitive (-ar/-er/-ir) or a listed verb for an operative one; null when they say neither.
 */
export function kindFromOpening(text: string): ParagraphKind | null {
  const words = folded(text);
  if (startsWithAny(words, PREAMBULAR_OPENINGS)) return 'preambular';
  if (startsWithAny(words, OPERATIVE_OPENINGS)) return 'operative';
  const first = words.split(' ')[0] ?? '';
  if (first.length < 5) return null;
  if (/(?:ing|ando|endo|iendo|indo|ant)$/.test(first)) return 'preambular';
  if (/(?:ar|er|ir)$/.test(first)) return 'operative';
  return null;
}

/**
 * Splits a plain text into paragraphs: where blank lines part them, at the blank lines (a
 * paragraph wrapped over several lines is joined again); else one per line.
 */
export function paragraphsOfText(text: string): SourceParagraph[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n|\r|\n/);
  const blocks = lines.some((line) => line.trim() === '') ? lines.join('\n').split(/\n\s*\n/) : lines;
  return blocks
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '')
    .map((block) => ({ text: block }));
}

/**
 * Classes the paragraphs of a file: a heading (styled, or a short line in capitals) becomes a
 * section; a paragraph numbered by hand or by the word processor is operative (the number the
 * author typed is dropped: the platform numbers); else its opening words decide; else it follows
 * the paragraph before (preambular until the first operative one).
 */
export function classifyParagraphs(paragraphs: readonly SourceParagraph[]): ImportedNode[] {
  const nodes: ImportedNode[] = [];
  let previous: ParagraphKind = 'preambular';
  for (const paragraph of paragraphs) {
    const text = paragraph.text.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (paragraph.heading || looksLikeHeading(text)) {
      nodes.push({ kind: 'section', text });
      continue;
    }
    const unnumbered = text.replace(LEADING_NUMBER, '');
    const numbered = paragraph.listed === true || (unnumbered !== text && unnumbered !== '');
    const kind: ParagraphKind = numbered ? 'operative' : (kindFromOpening(unnumbered) ?? previous);
    nodes.push({ kind, text: unnumbered === '' ? text : unnumbered });
    previous = kind;
  }
  return nodes;
}

/** Numbers the paragraphs as the platform will: preambular and operative apart, 1..n in order. */
export function numberImport(nodes: readonly ImportedNode[]): NumberedImport[] {
  const counters: Record<ParagraphKind, number> = { preambular: 0, operative: 0 };
  return nodes.map((node) => ({ ...node, number: node.kind === 'section' ? null : ++counters[node.kind] }));
}
