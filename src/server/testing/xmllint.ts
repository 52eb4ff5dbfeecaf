import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Debian's libxml2-utils. A developer's run without it skips the schema checks and says so; CI
// (.ci/run installs it and sets MISPA_REQUIRE_XMLLINT=1; or CI=true) fails instead.
export const hasXmllint = !spawnSync('xmllint', ['--version']).error;
export const xmllintRequired = process.env.MISPA_REQUIRE_XMLLINT === '1' || process.env.CI === 'true';
/** Whether a schema check runs here: skipped only when xmllint is missing and not required. */
export const schemaCheckRuns = hasXmllint || xmllintRequired;

/** The title of a test that checks `what` against its schema, saying so when it is skipped. */
export function schemaCheckTitle(what: string, title: string) {
  if (schemaCheckRuns) return title;
  console.warn(`The ${what} schema check was skipped: xmllint was not found (apt-get install -y libxml2-utils).`);
  return `${title} — skipped: xmllint not found`;
}

/** xmllint's verdict on `xml` against the XML Schema at `schema`. */
export function validateXml(xml: string, schema: string): { status: number | null; output: string } {
  if (!hasXmllint) throw new Error('xmllint is required here (apt-get install -y libxml2-utils) and was not found.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-xml-'));
  try {
    const file = path.join(dir, 'document.xml');
    fs.writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
