/* global DOMPoint */
import { s } from './dom.js';
import { categoryLabel, regionLabel, statusLabel } from './i18n.js';

/** Colours of the statuses: open ones cool, answered green, refusals warm; the legend uses the same. */
export const STATUS_COLOURS = {
  submitted: '#2563eb',
  registered: '#7c3aed',
  assigned: '#0891b2',
  answered: '#16a34a',
  closed: '#64748b',
  redirected: '#d97706',
  duplicate: '#a8a29e',
  rejected: '#dc2626',
  escalated: '#9f1239',
  withdrawn: '#cbd5e1',
};

// An equirectangular projection scaled for the middle of Kazakhstan (48° N): distances east–west shrink
// by cos(48°), which keeps the country's shape without a projection library.
const SCALE = 20;
const LON0 = 44;
const LAT0 = 57.5;
const SHRINK = Math.cos((48 * Math.PI) / 180);
const project = ([lon, lat]) => [(lon - LON0) * SHRINK * SCALE, (LAT0 - lat) * SCALE];
const unproject = ([x, y]) => [x / (SHRINK * SCALE) + LON0, LAT0 - y / SCALE];
const FULL = (() => {
  const [x0, y0] = project([46, 56.2]);
  const [x1, y1] = project([88, 40.2]);
  return [x0, y0, x1 - x0, y1 - y0];
})();

const ringPath = (ring) =>
  ring
    .map(
      (position, i) =>
        `${i === 0 ? 'M' : 'L'}${project(position)
          .map((n) => n.toFixed(1))
          .join(',')}`,
    )
    .join('') + 'Z';
const multiPolygonPath = (coordinates) => coordinates.flatMap((polygon) => polygon.map(ringPath)).join('');

/**
 * Draws the base map (neighbours, Kazakhstan, region labels) and the reports on it, as one SVG.
 * `onSelect(feature)` is called when a marker is chosen; `onPick({ lat, lon })`, when given, makes a click on
 * the map pick a point (the report form).
 */
export const createMap = ({ outline, regions, onSelect, onPick, label }) => {
  const byCode = new Map(regions.map((region) => [region.code, region]));
  const markers = s('g', { class: 'markers' });
  const extentLayer = s('g', { class: 'extent' });
  const pickLayer = s('g', { class: 'pick' });
  const labels = s('g', { class: 'labels' });
  const svg = s(
    'svg',
    {
      class: `map${onPick ? ' map--pick' : ''}`,
      viewBox: FULL.join(' '),
      role: 'img',
      'aria-label': label ?? 'Map',
      preserveAspectRatio: 'xMidYMid meet',
    },
    s('rect', { class: 'map__water', x: -100, y: -100, width: 1200, height: 800 }),
    outline.features
      .filter((f) => f.properties.kind === 'neighbour')
      .map((f) => s('path', { class: 'map__neighbour', d: multiPolygonPath(f.geometry.coordinates) })),
    outline.features
      .filter((f) => f.properties.kind === 'country')
      .map((f) => s('path', { class: 'map__country', d: multiPolygonPath(f.geometry.coordinates) })),
    extentLayer,
    labels,
    markers,
    pickLayer,
  );
  let view = FULL;
  let reports = [];
  let selected;
  let picked;
  const zoom = () => view[2] / FULL[2];

  const drawLabels = () => {
    labels.replaceChildren();
    for (const feature of outline.features.filter((f) => f.properties.kind === 'region')) {
      const region = byCode.get(feature.properties.code);
      const [x, y] = project(feature.geometry.coordinates);
      const city = region?.kind === 'city';
      const size = (city ? 8 : 8.5) * zoom();
      if (city) labels.append(s('circle', { class: 'map__city', cx: x, cy: y, r: 2.2 * zoom() }));
      labels.append(
        s(
          'text',
          {
            class: city ? 'map__label map__label--city' : 'map__label',
            x: city ? x + 4 * zoom() : x,
            y: city ? y + 3 * zoom() : y,
            'font-size': size.toFixed(2),
            // The halo that keeps labels readable over the outline, as thick on screen at every zoom.
            'stroke-width': (2 * zoom()).toFixed(2),
            'text-anchor': city ? 'start' : 'middle',
          },
          regionLabel(region),
        ),
      );
    }
  };

  const drawMarkers = () => {
    markers.replaceChildren();
    const r = 5 * zoom();
    for (const feature of reports) {
      const [x, y] = project(feature.geometry.coordinates);
      const { status, category, overdue } = feature.properties;
      const group = s(
        'g',
        {
          class: `marker${feature.id === selected ? ' marker--selected' : ''}`,
          tabindex: 0,
          role: 'button',
          dataset: { id: feature.id, status },
          onclick: (event) => {
            event.stopPropagation();
            selected = feature.id;
            drawMarkers();
            onSelect?.(feature);
          },
          onkeydown: (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              selected = feature.id;
              drawMarkers();
              onSelect?.(feature);
            }
          },
        },
        s('title', {}, `${categoryLabel(category)} — ${statusLabel(status)}`),
        overdue
          ? s('circle', { class: 'marker__overdue', cx: x, cy: y, r: r * 1.7, 'stroke-width': 1.6 * zoom() })
          : null,
        s('circle', {
          cx: x,
          cy: y,
          r,
          fill: STATUS_COLOURS[status] ?? '#334155',
          stroke: '#fff',
          'stroke-width': 1.4 * zoom(),
        }),
      );
      markers.append(group);
    }
  };

  const drawPick = () => {
    pickLayer.replaceChildren();
    if (picked === undefined) return;
    const [x, y] = project([picked.lon, picked.lat]);
    const z = zoom();
    pickLayer.append(
      s('path', {
        class: 'map__pin',
        d: `M${x},${y} l${-6 * z},${-11 * z} a${7 * z},${7 * z} 0 1 1 ${12 * z},0 z`,
        'stroke-width': 1.2 * z,
      }),
      s('circle', { cx: x, cy: y - 14.5 * z, r: 2.6 * z, fill: '#fff' }),
    );
  };

  const redraw = () => {
    svg.setAttribute('viewBox', view.map((n) => n.toFixed(1)).join(' '));
    drawLabels();
    drawMarkers();
    drawPick();
  };

  if (onPick) {
    svg.addEventListener('click', (event) => {
      const matrix = svg.getScreenCTM();
      if (matrix === null) return;
      const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
      const [lon, lat] = unproject([point.x, point.y]);
      picked = { lat: Math.round(lat * 10000) / 10000, lon: Math.round(lon * 10000) / 10000 };
      drawPick();
      onPick(picked);
    });
  }

  return {
    element: svg,
    /** Shows these GeoJSON features as markers. */
    setReports: (features) => {
      reports = features;
      drawMarkers();
    },
    /** Zooms to a region's extent and outlines it; `undefined` shows the whole country. */
    setRegion: (code) => {
      extentLayer.replaceChildren();
      const region = code === undefined ? undefined : byCode.get(code);
      if (region === undefined) view = FULL;
      else {
        const [south, west, north, east] = region.extent;
        const [x0, y0] = project([west, north]);
        const [x1, y1] = project([east, south]);
        // A city's box is a few kilometres wide: never zoom closer than two fifths of the country, so the
        // outline and the neighbouring regions stay in sight.
        const width = Math.max((x1 - x0) * 1.5, FULL[2] / 2.5);
        const height = Math.max((y1 - y0) * 1.5, FULL[3] / 2.5);
        view = [(x0 + x1) / 2 - width / 2, (y0 + y1) / 2 - height / 2, width, height];
        extentLayer.append(
          s('rect', { class: 'map__extent', x: x0, y: y0, width: x1 - x0, height: y1 - y0 }),
        );
      }
      redraw();
    },
    /** Shows the picked point (the form typed it). */
    setPick: (point) => {
      picked = point;
      drawPick();
    },
    /** Redraws the labels in the language now shown. */
    relabel: redraw,
  };
};
