import mammoth from 'mammoth';
import { v7 as uuidv7 } from 'uuid';
import type { DocumentImport, DocumentImportProposal } from '../../../contract/outcome-documents.js';
import {
  classifyParagraphs,
  numberImport,
  paragraphsOfText,
  type SourceParagraph,
} from '../../../domain/document-import.js';
import { OUTLINE_NODES_MAX } from '../../../domain/outcome-documents.js';
import { reason } from '../../../domain/reasons.js';
import type { ErrorLog, FileStore } from '../../files/index.js';
import { InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { contentHash } from './adoption.js';
import { documentsPolicy } from './policy.js';
import { type DocumentRow, insertNode, nodesOf, patchDocument, putText } from './queries.js';
import type { DocumentsDeps, DocumentsReads } from './service.js';
import { documentEditor } from './writes.js';

/** The largest file a document's text is started from: a long DOCX with pictures stays far below. */
export const DOCUMENT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Starting a draft's text from a DOCX or a plain text (issue 13): `propose` reads the file and
 * answers the body it proposes — paragraphs split, classed and numbered — writing nothing;
 * `save` writes the body as the secretariat corrected it, in one transaction, into a draft whose
 * body is still empty. Both are the drafting secretariat's (outcome-documents.draft).
 *
 * A historic document of the reference data (adopted, its text not held) takes the same import while
 * its body is empty: saved, its text is frozen as adoption freezes it (the content hash of
 * adoption.ts), so that no write changes it afterwards (every other write is 409 on it).
 */
export function documentsImport(deps: DocumentsDeps & { reads: DocumentsReads; files: FileStore }) {
  const { db, reads, files } = deps;
  const { edit, refuse } = documentEditor(deps);

  /** A body is started once: a file never overwrites paragraphs written, negotiated or linked. */
  async function requireEmpty(row: DocumentRow) {
    if ((await nodesOf(db, row.id)).length > 0)
      throw new ProblemError(409, 'body-not-empty', 'outcomeDocuments.importNotEmpty');
  }

  async function paragraphsOf(bytes: Buffer, type: 'docx' | 'text', log: ErrorLog): Promise<SourceParagraph[]> {
    if (type === 'text') {
      try {
        return paragraphsOfText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        throw new InvalidParameterError('body', 'body', reason('reason.import.text'));
      }
    }
    // The uploads' own checks first: the type from the bytes (a renamed program or spreadsheet is
    // a 415) and the archive's declared sizes (a zip bomb is a 422), before mammoth inflates it.
    const upload = await files.receiveBytes(bytes, 'import.docx', ['docx'], log);
    await upload.release();
    const paragraphs = await paragraphsOfDocx(bytes);
    if (!paragraphs) throw new InvalidParameterError('body', 'body', reason('reason.import.docx'));
    return paragraphs;
  }

  return {
    async propose(
      ctx: RequestContext,
      idOrSlug: string,
      file: { bytes: Buffer; type: 'docx' | 'text' },
      log: ErrorLog,
    ): Promise<DocumentImportProposal> {
      const row = await reads.visible(ctx, idOrSlug);
      documentsPolicy.require(ctx, 'outcome-documents.draft');
      refuse(row, true, true);
      await requireEmpty(row);
      if (file.bytes.length === 0) throw new InvalidParameterError('body', 'body', reason('reason.files.empty'));
      const nodes = classifyParagraphs(await paragraphsOf(file.bytes, file.type, log));
      if (nodes.length === 0) throw new InvalidParameterError('body', 'body', reason('reason.import.noText'));
      if (nodes.length > OUTLINE_NODES_MAX)
        throw new InvalidParameterError('body', 'body', reason('reason.outline.size', { max: OUTLINE_NODES_MAX }));
      return { nodes: numberImport(nodes) };
    },

    /** Writes the corrected body: sections at the top, each paragraph in the section before it. */
    save(ctx: RequestContext, idOrSlug: string, input: DocumentImport) {
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        historicText: true,
        async prepare(row) {
          await requireEmpty(row);
          // The reference data does not record the language a historic text was adopted in: the
          // secretariat says it with the text.
          const lang = row.original_lang ?? input.originalLang;
          if (!lang) throw new InvalidParameterError('originalLang', 'body', reason('reason.required'));
          return lang;
        },
        async change(trx, row, lang, at) {
          let section: string | null = null;
          const positions = new Map<string | null, number>();
          for (const node of input.nodes) {
            const id = uuidv7();
            const parentId = node.kind === 'section' ? null : section;
            const position = positions.get(parentId) ?? 0;
            positions.set(parentId, position + 1);
            await insertNode(trx, {
              id,
              document_id: row.id,
              parent_id: parentId,
              position,
              kind: node.kind,
              mark: null,
              created_at: at,
              updated_at: at,
            });
            await putText(trx, { node_id: id, lang, text: node.text, state: 'done' }, at);
            if (node.kind === 'section') section = id;
          }
          if (row.managed_by !== 'platform') {
            // Adopted already: frozen here with the hash adoption gives. The row is updated in place
            // because the version recorded after this reads its text in the row's original language.
            row.original_lang = lang;
            row.content_hash = await contentHash(trx, row);
            await patchDocument(trx, row.id, { original_lang: lang, content_hash: row.content_hash });
          }
          return {
            action: 'outcome-documents.import',
            before: { version: row.version },
            after: {
              version: row.version + 1,
              nodes: input.nodes.length,
              ...(row.content_hash && row.managed_by !== 'platform' ? { contentHash: row.content_hash } : {}),
            },
          };
        },
      });
    },
  };
}

/**
 * The paragraphs of a DOCX, read by mammoth (the file's type and its archive's declared sizes were
 * checked before: files/detect.ts). Its document model is walked rather than its HTML parsed: each
 * paragraph in document order (those in tables too) with its style and list numbering. Null when
 * mammoth cannot read it (no word/document.xml, a broken archive or XML).
 */
export async function paragraphsOfDocx(bytes: Buffer): Promise<SourceParagraph[] | null> {
  const paragraphs: SourceParagraph[] = [];
  try {
    await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // Pictures are not read at all: only the text is wanted.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument(document: DocxElement) {
          collect(document, paragraphs);
          return document;
        },
      },
    );
  } catch {
    return null;
  }
  return paragraphs;
}

/** The part of mammoth's document model read here (its typings leave it `any`). */
interface DocxElement {
  type: string;
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  children?: DocxElement[];
}

/** Heading styles, as Word names them in any language version (their ids stay English). */
const HEADING_STYLE = /^(?:heading|title|subtitle|titre|t[íi]tulo|subt[íi]tulo|encabezado|berschrift)/i;

function collect(element: DocxElement, into: SourceParagraph[]) {
  if (element.type === 'paragraph') {
    const style = `${element.styleId ?? ''} ${element.styleName ?? ''}`.trim();
    into.push({
      text: textOf(element),
      heading: style.split(' ').some((word) => HEADING_STYLE.test(word)),
      listed: element.numbering?.isOrdered === true,
    });
    return;
  }
  for (const child of element.children ?? []) collect(child, into);
}

function textOf(element: DocxElement): string {
  if (element.type === 'text') return element.value ?? '';
  if (element.type === 'tab' || element.type === 'break') return ' ';
  return (element.children ?? []).map(textOf).join('');
}

export type DocumentsImport = ReturnType<typeof documentsImport>;
