import sanitizeHtml from 'sanitize-html';
import { reason } from '../../../domain/reasons.js';
import { InvalidParameterError } from '../../http/problems.js';

/**
 * The text of the minutes and the report is HTML, made safe here on every write whatever the client
 * sent: an allow-list of the few elements the portal's editor writes (paragraphs, two levels of
 * headings, lists, bold, italic, links), every other element dropped (the text of a script, a style
 * and the like with it), every attribute dropped but a link's address, and that only on http, https
 * or mailto. What is stored can thus be put into a page as it is (docs/api.md, Minutes and reports).
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h4', 'h5', 'ul', 'ol', 'li', 'strong', 'em', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // The page's own headings go down to the version's (h3): a text's headings sit under it, and
  // the same elements written otherwise keep their meaning.
  transformTags: {
    h1: 'h4',
    h2: 'h4',
    h3: 'h4',
    h6: 'h5',
    b: 'strong',
    i: 'em',
    // A link leaves the platform without handing it the reader's page or lending it rank.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

const NO_MARKUP: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

/** `html` with only what the allow-list keeps. */
export const sanitizeRecordHtml = (html: string) => sanitizeHtml(html, ALLOWED);

/** The text to store for `body`: sanitised, refused (400 naming `body`) when nothing readable is left. */
export function recordBody(body: string): string {
  const clean = sanitizeRecordHtml(body).trim();
  if (!/\S/u.test(sanitizeHtml(clean, NO_MARKUP)))
    throw new InvalidParameterError('body', 'body', reason('reason.record.noText'));
  return clean;
}
