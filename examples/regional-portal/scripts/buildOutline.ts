/**
 * Builds `public/kazakhstan.geojson`, the base map the portal draws under its markers: Kazakhstan's outline
 * and its neighbours' (clipped to the map's frame) from Natural Earth's 1:50m countries (public domain, via
 * the `world-atlas` package), and one point per region of `REGIONS` (the centre of its extent) to place its
 * label, with the extent itself.
 *
 * Region outlines are not drawn: the public-domain admin-1 data reachable here (Natural Earth's, also as
 * repackaged on npm) predates the 2018 and 2022 reforms (no Shymkent, Abai, Jetisu or Ulytau), and a portal
 * of the anti-corruption service must not show wrong borders. Labels and extents come from the SDK instead.
 *
 * Run it with `pnpm --filter @adal/example-regional-portal run build:outline`; the output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { REGION_CODES, REGIONS } from '@adal/core';
import { format } from 'prettier';
import { feature } from 'topojson-client';

type Position = readonly number[];
type Ring = readonly Position[];
type Polygons = readonly (readonly Ring[])[];
interface Feature {
  readonly type: 'Feature';
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry:
    | { readonly type: 'MultiPolygon'; readonly coordinates: Polygons }
    | { readonly type: 'Point'; readonly coordinates: Position };
}
type Topology = Parameters<typeof feature>[0];
type Countries = Parameters<typeof feature>[1];

/** What the map shows, `[west, south, east, north]`: a little wider than the country, for context. */
const FRAME: readonly [number, number, number, number] = [44, 38.5, 90, 57.5];
/** Degrees a simplified line may stray from the original (about 3 km): plenty for a page-wide map. */
const TOLERANCE = 0.03;
const KAZAKHSTAN = '398';
const NEIGHBOURS = new Set(['643', '156', '860', '417', '795', '496', '031', '004', '364', '762']);

const require = createRequire(import.meta.url);
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Topology & {
  readonly objects: { readonly countries: Countries };
};
const countries = feature(topology, topology.objects.countries);

const round = (n: number) => Math.round(n * 100) / 100;

/** Squared distance from `p` to the segment `a`–`b`. */
const segmentDistance2 = (p: Position, a: Position, b: Position): number => {
  const [px = 0, py = 0] = p;
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
};

/** Douglas–Peucker, iteratively (a ring of Russia's coast would overflow a recursive one). */
const simplify = (ring: Ring): Ring => {
  if (ring.length < 5) return ring;
  const keep = ring.map(() => false);
  keep[0] = true;
  keep[ring.length - 1] = true;
  const stack: [number, number][] = [[0, ring.length - 1]];
  const tolerance2 = TOLERANCE * TOLERANCE;
  for (let span = stack.pop(); span !== undefined; span = stack.pop()) {
    const [first, last] = span;
    const a = ring[first];
    const b = ring[last];
    if (a === undefined || b === undefined) continue;
    let farthest = -1;
    let distance = tolerance2;
    for (let i = first + 1; i < last; i++) {
      const p = ring[i];
      const d = p === undefined ? 0 : segmentDistance2(p, a, b);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest > 0) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return ring.filter((_, i) => keep[i]);
};

/** Sutherland–Hodgman against the frame: what lies outside is cut off along the frame's edges. */
const clip = (ring: Ring): Ring => {
  const [west, south, east, north] = FRAME;
  const edges: ((p: Position) => boolean)[] = [
    ([x = 0]) => x >= west,
    ([x = 0]) => x <= east,
    ([, y = 0]) => y >= south,
    ([, y = 0]) => y <= north,
  ];
  const crossings: ((a: Position, b: Position) => Position)[] = [
    (a, b) => atX(a, b, west),
    (a, b) => atX(a, b, east),
    (a, b) => atY(a, b, south),
    (a, b) => atY(a, b, north),
  ];
  let output: Ring = ring;
  edges.forEach((inside, index) => {
    const cross = crossings[index];
    if (cross === undefined) return;
    const input = output;
    const next: Position[] = [];
    output = next;
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length];
      if (previous === undefined) return;
      if (inside(current)) {
        if (!inside(previous)) next.push(cross(previous, current));
        next.push(current);
      } else if (inside(previous)) next.push(cross(previous, current));
    });
  });
  return output;
};
const atX = ([ax = 0, ay = 0]: Position, [bx = 0, by = 0]: Position, x: number): Position => [
  x,
  ay + ((by - ay) * (x - ax)) / (bx - ax),
];
const atY = ([ax = 0, ay = 0]: Position, [bx = 0, by = 0]: Position, y: number): Position => [
  ax + ((bx - ax) * (y - ay)) / (by - ay),
  y,
];

/** Simplified, clipped and rounded rings; rings that shrink to nothing are dropped. */
const polygons = (
  geometry:
    | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: Polygons },
  clipped: boolean,
): Polygons => {
  const list: Polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return list
    .map((polygon) =>
      polygon
        .map((ring) => (clipped ? clip(ring) : ring))
        .map(simplify)
        .map((ring) => ring.map(([x = 0, y = 0]) => [round(x), round(y)]))
        .filter((ring) => ring.length >= 4),
    )
    .filter((polygon) => polygon.length > 0);
};

const countryFeatures = ('features' in countries ? countries.features : [countries]) as readonly {
  readonly id?: string | number;
  readonly properties: { readonly name?: string } | null;
  readonly geometry: { readonly type: string; readonly coordinates: unknown } | null;
}[];
const outlines: Feature[] = countryFeatures.flatMap((country): Feature[] => {
  const id = String(country.id);
  const geometry = country.geometry as Parameters<typeof polygons>[0] | { readonly type: 'other' } | null;
  if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') return [];
  if (id !== KAZAKHSTAN && !NEIGHBOURS.has(id)) return [];
  const coordinates = polygons(geometry, id !== KAZAKHSTAN);
  if (coordinates.length === 0) return [];
  return [
    {
      type: 'Feature',
      properties: { kind: id === KAZAKHSTAN ? 'country' : 'neighbour', name: country.properties?.name ?? id },
      geometry: { type: 'MultiPolygon', coordinates },
    },
  ];
});

// The extents are generous and overlap around Almaty, so these labels would sit on one another at the
// centres of their boxes; they move to a clear spot inside their region instead. `[lon, lat]`.
const LABEL_AT: Partial<Record<string, readonly [number, number]>> = {
  'KZ-19': [75.3, 44.6],
  'KZ-33': [79.9, 45.7],
  'KZ-10': [79.0, 48.4],
  'KZ-63': [84.2, 47.9],
  'KZ-31': [71.6, 44.4],
  'KZ-61': [67.4, 43.9],
  'KZ-55': [76.0, 51.5],
  'KZ-23': [52.6, 47.9],
  'KZ-47': [54.2, 44.3],
};

// REGIONS' extents are [south, west, north, east]; GeoJSON's boxes are [west, south, east, north].
const regions: Feature[] = REGION_CODES.map((code) => {
  const [south, west, north, east] = REGIONS[code].extent;
  return {
    type: 'Feature',
    properties: { kind: 'region', code, extent: [west, south, east, north] },
    geometry: {
      type: 'Point',
      coordinates: LABEL_AT[code] ?? [round((west + east) / 2), round((south + north) / 2)],
    },
  };
});

const out = fileURLToPath(new URL('../public/kazakhstan.geojson', import.meta.url));
// Written as the repository's Prettier writes JSON, so that `pnpm lint` leaves the generated file alone.
const json = await format(
  JSON.stringify({ type: 'FeatureCollection', bbox: FRAME, features: [...outlines, ...regions] }),
  {
    parser: 'json',
    printWidth: 110,
  },
);
writeFileSync(out, json);
console.log(
  `${out}: ${(json.length / 1024).toFixed(1)} KB, ${outlines.length} outlines, ${regions.length} regions`,
);
