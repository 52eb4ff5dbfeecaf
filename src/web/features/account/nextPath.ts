/** A `next` parameter, kept only when it is a path of this portal: an address such as
 * `//evil.example` or `https://…` would turn the sign-in page into an open redirect. */
export function safeNext(value: string | null): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  return value;
}

export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
