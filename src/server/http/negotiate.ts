/**
 * The format a reply is given in: `format=` wins; else the first media type of the Accept header
 * that `types` (format → media type) offers; else the first format of `types`.
 */
export function negotiateFormat<F extends string>(
  format: F | undefined,
  accept: string | undefined,
  types: Readonly<Record<F, string>>,
): F {
  if (format) return format;
  const offered = Object.entries(types) as Array<[F, string]>;
  const wanted = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((type) => type !== '');
  for (const type of wanted) {
    const match = offered.find(([, media]) => media === type);
    if (match) return match[0];
  }
  return (offered[0] as [F, string])[0];
}
