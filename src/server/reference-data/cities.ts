import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Lang } from '../../contract/common.js';
import { LANGS } from '../../domain/languages.js';
import { repoRoot } from '../paths.js';

/**
 * Cities by the standard name each language gives them (data/reference/cities.json, sources in
 * docs/data.md): "Mexico City" reads "Ciudad de México" in Spanish. A city is stored once, in any of
 * its names (a form saved in Spanish keeps the Spanish one); a city without a standard name in a
 * language keeps the name it was given.
 */
export const CitiesSchema = z.array(
  z
    .object({
      name: z.string().trim().min(1),
      names: z.partialRecord(z.enum(LANGS), z.string().trim().min(1)),
      source: z.object({ title: z.string().min(1), publisher: z.string().min(1), url: z.url() }).strict(),
    })
    .strict(),
);

const CITIES_FILE = path.join(repoRoot, 'data/reference/cities.json');

type Names = Partial<Record<Lang, string>> & { en: string };
let byName: Map<string, Names> | undefined;

/** Every name of every city, each leading to the city's names per language (English its own). */
function cities(): Map<string, Names> {
  if (!byName) {
    const list = CitiesSchema.parse(JSON.parse(fs.readFileSync(CITIES_FILE, 'utf8')));
    byName = new Map();
    for (const city of list) {
      const names = { en: city.name, ...city.names };
      for (const name of Object.values(names)) byName.set(key(name), names);
    }
  }
  return byName;
}

/** Names compare as people write them: case, accents and the apostrophe's form aside. */
const key = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[’']/g, "'")
    .toLocaleLowerCase('en')
    .trim();

/** The city's name in `lang` where a standard one is recorded, else its recorded (English) name, and
 * a city not recorded as given. */
export function cityIn(city: string, lang: Lang): string;
export function cityIn(city: string | null, lang: Lang): string | null;
export function cityIn(city: string | null, lang: Lang): string | null {
  if (city === null) return null;
  const names = cities().get(key(city));
  return names ? (names[lang] ?? names.en) : city;
}
