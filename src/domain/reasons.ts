/**
 * Why a field is refused, named by its key in the server's messages with its values, e.g.
 * `reason.limit?max=100`: the problem document says it in the reader's language.
 */
export function reason(key: string, values: Record<string, string | number> = {}): string {
  const query = new URLSearchParams(Object.entries(values).map(([name, value]) => [name, String(value)])).toString();
  return query ? `${key}?${query}` : key;
}
