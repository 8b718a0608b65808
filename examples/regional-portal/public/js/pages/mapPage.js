/* global window */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import {
  categoryLabel,
  formatDate,
  formatNumber,
  outcomeLabel,
  regionLabel,
  statusLabel,
  t,
} from '../i18n.js';
import { createMap, STATUS_COLOURS } from '../mapView.js';

/** How often the map asks for new reports while it is shown. */
const REFRESH_MS = 5_000;

/** A `<select>` of the regions (by their names in the language shown) or the categories. */
export const regionOptions = (meta, selected, allLabel) => [
  h('option', { value: '' }, allLabel),
  ...[...meta.regions]
    .sort((a, b) => regionLabel(a).localeCompare(regionLabel(b)))
    .map((region) =>
      h('option', { value: region.code, selected: region.code === selected }, regionLabel(region)),
    ),
];

export const categoryOptions = (meta, selected, allLabel) => [
  ...(allLabel === undefined ? [] : [h('option', { value: '' }, allLabel)]),
  ...meta.categories.map((category) =>
    h('option', { value: category, selected: category === selected }, categoryLabel(category)),
  ),
];

/** The map of reports: filters by region and category, a legend by status, details of a chosen marker. */
export const mapPage = ({ meta, outline, state }) => {
  const page = (state.map ??= { region: '', category: '', features: [], selected: undefined });
  // A new page draws a new map: the first answer must be drawn even when it is what was shown last time.
  page.signature = undefined;
  const regions = new Map(meta.regions.map((region) => [region.code, region]));
  const map = createMap({
    outline,
    regions: meta.regions,
    label: t('mapTitle'),
    onSelect: (feature) => {
      page.selected = feature;
      renderDetails();
    },
  });
  const panel = h('aside', { class: 'panel' });
  const details = h('div', { class: 'details', 'aria-live': 'polite' });
  const summary = h('p', { class: 'map-summary', 'aria-live': 'polite' });
  const head = h('div', { class: 'page-head' });
  const note = h('p', { class: 'map-note' });
  const element = h(
    'section',
    { class: 'page page--map' },
    head,
    h('div', { class: 'map-layout' }, panel, h('div', { class: 'map-frame' }, map.element, summary, note)),
  );

  const renderDetails = () => {
    const feature = page.selected;
    if (feature === undefined) {
      replace(details, h('p', { class: 'muted' }, t('clickMarker')));
      return;
    }
    const p = feature.properties;
    replace(
      details,
      h('h3', {}, categoryLabel(p.category)),
      h(
        'p',
        {},
        h('span', { class: 'badge', style: { background: STATUS_COLOURS[p.status] } }, statusLabel(p.status)),
        p.overdue ? h('span', { class: 'badge badge--overdue' }, t('overdue')) : null,
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('region')),
        h('dd', {}, regionLabel(regions.get(p.region))),
        h('dt', {}, t('submittedOn')),
        h('dd', {}, formatDate(p.submittedOn)),
        p.dueOn ? [h('dt', {}, t('dueOn')), h('dd', {}, formatDate(p.dueOn))] : null,
        p.outcome ? [h('dt', {}, t('outcome')), h('dd', {}, outcomeLabel(p.outcome))] : null,
        h('dt', {}, t('reportId')),
        h('dd', { class: 'mono small' }, feature.id),
      ),
    );
  };

  const renderPanel = () => {
    const counts = {};
    for (const feature of page.features)
      counts[feature.properties.status] = (counts[feature.properties.status] ?? 0) + 1;
    const overdue = page.features.filter((feature) => feature.properties.overdue).length;
    const regionSelect = h(
      'select',
      {
        id: 'filter-region',
        name: 'region',
        onchange: (event) => {
          page.region = event.target.value;
          page.selected = undefined;
          void load();
        },
      },
      regionOptions(meta, page.region, t('allRegions')),
    );
    const categorySelect = h(
      'select',
      {
        id: 'filter-category',
        name: 'category',
        onchange: (event) => {
          page.category = event.target.value;
          page.selected = undefined;
          void load();
        },
      },
      categoryOptions(meta, page.category, t('allCategories')),
    );
    replace(
      panel,
      h('div', { class: 'field' }, h('label', { for: 'filter-region' }, t('region')), regionSelect),
      h('div', { class: 'field' }, h('label', { for: 'filter-category' }, t('category')), categorySelect),
      h(
        'div',
        { class: 'legend' },
        h('h2', {}, t('legend')),
        h(
          'ul',
          {},
          meta.statuses.map((status) =>
            h(
              'li',
              { class: counts[status] ? '' : 'legend__empty' },
              h('i', { class: 'dot', style: { background: STATUS_COLOURS[status] } }),
              h('span', {}, statusLabel(status)),
              h('b', {}, formatNumber(counts[status] ?? 0)),
            ),
          ),
          h(
            'li',
            { class: overdue ? '' : 'legend__empty' },
            h('i', { class: 'dot dot--overdue' }),
            h('span', {}, t('overdue')),
            h('b', {}, formatNumber(overdue)),
          ),
        ),
      ),
      details,
    );
    renderDetails();
  };

  const render = () => {
    replace(head, h('h1', {}, t('mapTitle')), h('p', { class: 'lead' }, t('mapLead')));
    replace(
      summary,
      page.features.length === 0
        ? t('noReports')
        : t('reportsShown', { n: formatNumber(page.features.length) }),
    );
    replace(note, t('regionExtentNote'));
    renderPanel();
    map.relabel();
  };

  const load = async () => {
    const query = new URLSearchParams();
    if (page.region) query.set('region', page.region);
    if (page.category) query.set('category', page.category);
    const answer = await api(`/api/reports/map?${query}`);
    if (!answer.ok) {
      replace(summary, h('span', { class: 'alert alert--error' }, t('errorGeneric')));
      return;
    }
    // The map refreshes every few seconds: redraw only when something changed, so an open list stays open.
    const signature = JSON.stringify([
      page.region,
      page.category,
      answer.body.features.map((f) => [f.id, f.properties.status, f.properties.overdue]),
    ]);
    if (signature === page.signature) return;
    page.signature = signature;
    page.features = answer.body.features;
    map.setReports(page.features);
    map.setRegion(page.region || undefined);
    element.dataset.loaded = String(page.features.length);
    render();
  };

  render();
  map.setRegion(page.region || undefined);
  void load();
  const timer = window.setInterval(() => void load(), REFRESH_MS);
  return { element, relabel: render, leave: () => window.clearInterval(timer) };
};
