import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../src/server/testing/harness.js';
import { mapOfTheAmericas } from './map-projection.js';

it('the committed map of the Americas is what the script makes from world-atlas', () => {
  const committed = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'src/web/features/observatory/americas-map.json'), 'utf8'),
  ) as unknown;
  expect(committed).toEqual(mapOfTheAmericas());
});

it('draws every member state, and makes every small state visible in the inset or with a marker', () => {
  const map = mapOfTheAmericas();
  expect(map.states).toHaveLength(35);
  for (const state of map.states) expect(state.d.length, state.slug).toBeGreaterThan(0);
  const insetOrMarker = map.states.filter((s) => s.inset !== null || s.marker !== null).map((s) => s.slug);
  for (const small of ['ag', 'bb', 'dm', 'gd', 'kn', 'lc', 'vc', 'tt', 'jm', 'bs'])
    expect(insetOrMarker).toContain(small);
});
