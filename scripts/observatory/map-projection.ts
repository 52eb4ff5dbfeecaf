import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GeoPermissibleObjects, geoAzimuthalEqualArea, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** The map's drawing area, in SVG user units; the page scales it to its width. */
export const MAP_SIZE = { width: 600, height: 760 };
/** The inset of the Lesser Antilles (in the empty Pacific, bottom left), where eight member states are too small to see or click on
 * the map of the continent: its box on the page, and the area of the globe it shows. */
const INSET = { x: 20, y: 470, width: 200, height: 260 };
const INSET_AREA = { west: -63.2, east: -59.2, south: 11.9, north: 17.8 };
/** A state drawn smaller than this many square units also gets a marker, so it can be seen and clicked. */
const MARKER_BELOW = 40;
/** A state drawn larger than this many square units is drawn from the coarser shapes. */
const COARSE_ABOVE = 2000;

interface StateRef {
  slug: string;
  isoNumeric: string;
}

export interface MapState {
  slug: string;
  /** The outline on the map of the continent (SVG path data). */
  d: string;
  /** Where a marker goes when the outline is too small to see (the outline's centroid); null when not needed. */
  marker: [number, number] | null;
  /** The outline in the inset, for the states it shows. */
  inset: string | null;
}

export interface AmericasMap {
  source: string;
  width: number;
  height: number;
  inset: typeof INSET;
  states: MapState[];
}

/** Every member state's outline, in the order of the reference list. */
export function mapOfTheAmericas(): AmericasMap {
  const states = JSON.parse(
    fs.readFileSync(path.join(root, 'data/reference/member-states.json'), 'utf8'),
  ) as StateRef[];
  const fine = countries('50m');
  const coarse = countries('110m');
  const shapes = states.map((s) => {
    const shape = fine.get(s.isoNumeric);
    if (!shape) throw new Error(`world-atlas has no shape for ${s.slug} (${s.isoNumeric})`);
    return { slug: s.slug, shape, coarse: coarse.get(s.isoNumeric) };
  });
  // Equal areas, centred on the continent, so no state looks larger than it is.
  const projection = geoAzimuthalEqualArea()
    .rotate([80, -10])
    .fitSize([MAP_SIZE.width, MAP_SIZE.height], {
      type: 'FeatureCollection',
      features: shapes.map((s) => s.shape),
    } as GeoPermissibleObjects);
  const draw = geoPath(projection).digits(1);
  const { west, east, south, north } = INSET_AREA;
  const insetProjection = geoAzimuthalEqualArea()
    .rotate([-(west + east) / 2, -(south + north) / 2])
    .fitExtent(
      [
        [INSET.x + 10, INSET.y + 24],
        [INSET.x + INSET.width - 10, INSET.y + INSET.height - 10],
      ],
      {
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [west, north],
            [east, north],
            [east, south],
            [west, south],
          ],
        ],
      } as GeoPermissibleObjects,
    );
  const drawInset = geoPath(insetProjection).digits(1);
  return {
    source:
      'Natural Earth 1:50m countries (public domain) via the world-atlas package, projected with d3-geo by scripts/observatory/americas-map.ts',
    ...MAP_SIZE,
    inset: INSET,
    states: shapes.map(({ slug, shape, coarse }) => {
      const [x, y] = draw.centroid(shape);
      const [lon, lat] = projection.invert?.([x, y]) ?? [0, 0];
      const inInset = lon >= west && lon <= east && lat >= south && lat <= north;
      // Large states are drawn from the 1:110m shapes: the 1:50m detail of their coasts is finer
      // than a pixel here and would make the file ten times larger.
      const outline = coarse && draw.area(shape) > COARSE_ABOVE ? coarse : shape;
      return {
        slug,
        d: draw(outline) ?? '',
        marker: !inInset && draw.area(shape) < MARKER_BELOW ? [round(x), round(y)] : null,
        inset: inInset ? (drawInset(shape) ?? null) : null,
      };
    }),
  };
}

function countries(scale: '50m' | '110m'): Map<string, Feature<Geometry>> {
  const topology = require(`world-atlas/countries-${scale}.json`) as Topology<{ countries: GeometryCollection }>;
  const world = feature(topology, topology.objects.countries).features as Array<Feature<Geometry>>;
  return new Map(world.map((f) => [String(f.id), f]));
}

const round = (n: number) => Math.round(n * 10) / 10;
