/**
 * Writes src/web/features/observatory/americas-map.json: the outlines of the 35 member states,
 * projected once here with d3-geo from Natural Earth's 1:50m countries (the `world-atlas` package),
 * so the observatory's map ships a few dozen kilobytes of SVG paths instead of the world's
 * TopoJSON and a projection library, and the server and the browser draw the same markup.
 * Run `npx tsx scripts/observatory/americas-map.ts` after changing the projection or the states;
 * americas-map.test.ts fails while the committed file differs from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapOfTheAmericas } from './map-projection.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = path.join(root, 'src/web/features/observatory/americas-map.json');
fs.writeFileSync(target, `${JSON.stringify(mapOfTheAmericas(), null, 0)}\n`);
console.log(`wrote ${path.relative(root, target)} (${fs.statSync(target).size} bytes)`);
