/** A copy of `items` in the order a reader of `lang` expects names in: accents and case as that
 * language sorts them ("Panamá" before "Perú"; Spanish puts "ñ" after "n"), never by code or slug. */
export function byName<T>(items: readonly T[], nameOf: (item: T) => string, lang: string): T[] {
  const collator = new Intl.Collator(lang);
  return [...items].sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
}

/** Select options for named records (states, groups, partners), sorted by name in `lang`. */
export function nameOptions(
  records: readonly { slug: string; name: { text: string } }[],
  lang: string,
): { value: string; label: string }[] {
  return byName(
    records.map((record) => ({ value: record.slug, label: record.name.text })),
    (option) => option.label,
    lang,
  );
}
