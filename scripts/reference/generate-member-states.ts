/**
 * Generates data/reference/member-states.json, the 35 member states of the MISPA process.
 *
 * Why this script exists: the names of the states in en/es/fr/pt are not typed by hand. The Spanish,
 * French and Portuguese names come from the Unicode CLDR, through Node's `Intl.DisplayNames` (the
 * CLDR version of the Node build that runs the script). CLDR's English short names abbreviate
 * ("St. Kitts & Nevis"), so English comes from the ISO 3166 short names packaged by
 * i18n-iso-countries ("Saint Kitts and Nevis"), as OAS texts write them.
 * The ISO 3166-1 codes and the order of the states come from ../shared/reference/data/country_codes.csv
 * (Debian's iso-codes); the subregion of each state is the table below.
 *
 * Run from the repository root, after changing the CSV, the table or the Node version:
 *   npx tsx scripts/reference/generate-member-states.ts
 * The rows are validated against the reference-data schema before the file is written.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Subregion } from '../../src/contract/reference.js';
import { LANGS } from '../../src/domain/languages.js';
import { MemberStateRowSchema } from '../../src/server/reference-data/schema.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CSV_PATH = path.resolve(ROOT, '../shared/reference/data/country_codes.csv');
const OUT_PATH = path.resolve(ROOT, 'data/reference/member-states.json');

const CLDR_URL = 'https://cldr.unicode.org/';
const ISO_NAMES_URL = 'https://www.npmjs.com/package/i18n-iso-countries';
const require = createRequire(import.meta.url);
const isoCountries = require('i18n-iso-countries') as typeof import('i18n-iso-countries');
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
const ROW_SOURCES = [
  {
    url: 'https://salsa.debian.org/iso-codes-team/iso-codes',
    title: 'iso-codes (ISO 3166-1 country codes)',
    publisher: 'Debian iso-codes team',
    field: 'iso',
    note: "ISO 3166-1 codes from Debian's iso-codes",
  },
  {
    url: 'https://www.oas.org/ext/en/security/mispa',
    title: 'MISPA overview',
    publisher: 'OAS Department of Public Security',
    field: 'membership',
    note: 'listed among the MISPA beneficiary countries',
  },
];

/** The subregion of each member state, by ISO 3166-1 alpha-2 code. */
const SUBREGION_OF: Record<string, Subregion> = {
  CA: 'north-america',
  US: 'north-america',
  MX: 'north-america',
  BZ: 'central-america',
  CR: 'central-america',
  SV: 'central-america',
  GT: 'central-america',
  HN: 'central-america',
  NI: 'central-america',
  PA: 'central-america',
  AG: 'caribbean',
  BS: 'caribbean',
  BB: 'caribbean',
  CU: 'caribbean',
  DM: 'caribbean',
  DO: 'caribbean',
  GD: 'caribbean',
  HT: 'caribbean',
  JM: 'caribbean',
  KN: 'caribbean',
  LC: 'caribbean',
  VC: 'caribbean',
  TT: 'caribbean',
  AR: 'south-america',
  BO: 'south-america',
  BR: 'south-america',
  CL: 'south-america',
  CO: 'south-america',
  EC: 'south-america',
  GY: 'south-america',
  PY: 'south-america',
  PE: 'south-america',
  SR: 'south-america',
  UY: 'south-america',
  VE: 'south-america',
};

/** Parses a small RFC 4180 CSV (quoted fields may hold commas and doubled quotes) into records. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) throw new Error(`${CSV_PATH} is empty`);
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

function stateName(lang: string, iso2: string): { text: string; official: true; source: string } {
  const name =
    lang === 'en'
      ? isoCountries.getName(iso2, 'en')
      : new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(iso2);
  if (!name) throw new Error(`no ${lang} name for ${iso2}`);
  return { text: name, official: true, source: lang === 'en' ? ISO_NAMES_URL : CLDR_URL };
}

const records = parseCsv(fs.readFileSync(CSV_PATH, 'utf8'));
const rows = records.map((record) => {
  const { iso2, iso3, iso_numeric: isoNumeric } = record;
  if (!iso2 || !iso3 || !isoNumeric) throw new Error(`incomplete row in ${CSV_PATH}: ${JSON.stringify(record)}`);
  const subregion = SUBREGION_OF[iso2];
  if (!subregion) throw new Error(`no subregion for ${iso2}: add it to SUBREGION_OF`);
  const name = Object.fromEntries(LANGS.map((lang) => [lang, stateName(lang, iso2)]));
  return MemberStateRowSchema.parse({
    slug: iso2.toLowerCase(),
    iso2,
    iso3,
    isoNumeric,
    subregion,
    name,
    sources: ROW_SOURCES,
  });
});

const unused = Object.keys(SUBREGION_OF).filter((iso2) => !rows.some((r) => r.iso2 === iso2));
if (unused.length > 0) throw new Error(`SUBREGION_OF names states missing from the CSV: ${unused.join(', ')}`);

fs.mkdirSync(path.dirname(OUT_PATH), { recursive: true });
fs.writeFileSync(OUT_PATH, `${JSON.stringify(rows, null, 2)}\n`, 'utf8');
console.log(`wrote ${rows.length} member states to ${path.relative(ROOT, OUT_PATH)} (CLDR ${process.versions.cldr})`);
