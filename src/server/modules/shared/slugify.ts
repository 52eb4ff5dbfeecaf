/**
 * A readable slug from a name: ASCII letters and digits joined by hyphens, at most 50 characters;
 * `fallback` when the name has no ASCII letter or digit to work with (a name in another script).
 */
export function slugify(text: string, fallback: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= 50) return ascii || fallback;
  // Cut at a word boundary when one is near; a single long word is cut where it must be.
  const cut = ascii.slice(0, 51).replace(/-[^-]*$/, '');
  return (cut.length >= 20 ? cut : ascii.slice(0, 50)).replace(/-+$/, '');
}
