/** Rules every text typed into the platform follows. Texts show in lists, exports, e-mails and the
 * audit trail, where a control character or a line break could fake a line or a cell. */

// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) count as control characters:
// they reorder what a reader sees, so a name or a figure could read otherwise than it is stored.
const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_EXCEPT_LINE_BREAKS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069](?<![\n\t])/u;

/** A one-line text: no control characters, no line or paragraph separators. */
export function isOneLine(text: string): boolean {
  return !CONTROL.test(text);
}

/** A text of several lines: line breaks and tabs are the only control characters it may hold. */
export function isMultiline(text: string): boolean {
  return !CONTROL_EXCEPT_LINE_BREAKS.test(text);
}

/** PostgreSQL cannot hold NUL in text, so a value with one can match nothing. */
export function hasNul(text: string): boolean {
  return text.includes('\0');
}

/** The longest e-mail address SMTP can carry (RFC 5321). */
export const EMAIL_MAX = 254;

/** A text put inside HTML or XML (an e-mail's body, the sitemap): its markup characters escaped,
 * so it can never close an element or an attribute. */
export const escapeMarkup = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
