import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatNumber, regionLabel, t } from '../i18n.js';
import { groupedColumns, horizontalBars } from '../charts.js';

const BLUE = '#0b5cab';
const GOLD = '#e0a100';

/** Tiyn (a decimal string) as billions of tenge, the unit the agency reports damage in. */
const billions = (tiyn) => Number(BigInt(tiyn) / 100_000_000n) / 10;

/**
 * The statistics page: the case statistics by year and, for a chosen year, by region; deadline
 * compliance by region; the quality of public services by region and by score. Plain SVG charts.
 */
export const statisticsPage = ({ meta, state }) => {
  const page = (state.statistics ??= {
    year: undefined,
    cases: undefined,
    compliance: undefined,
    quality: undefined,
    failed: false,
  });
  const regions = new Map(meta.regions.map((region) => [region.code, region]));
  const element = h('section', { class: 'page page--statistics' });
  const name = (code) => regionLabel(regions.get(code));

  const load = async () => {
    const [cases, compliance, quality] = await Promise.all([
      api(`/api/statistics/cases${page.year === undefined ? '' : `?year=${page.year}`}`),
      api('/api/statistics/compliance'),
      api('/api/statistics/quality'),
    ]);
    page.failed = !cases.ok || !compliance.ok || !quality.ok;
    if (!page.failed) {
      page.cases = cases.body;
      page.year = cases.body.year ?? undefined;
      page.compliance = compliance.body;
      page.quality = quality.body;
    }
    render();
    element.dataset.loaded = 'true';
  };

  const casesCard = () => {
    const { years, year, regions: byRegion } = page.cases;
    if (years.length === 0)
      return h(
        'div',
        { class: 'card' },
        h('h2', {}, t('casesByYear')),
        h('p', { class: 'muted' }, t('noData')),
      );
    const chosen = years.find((figures) => figures.year === year) ?? years[years.length - 1];
    return [
      h(
        'div',
        { class: 'card card--wide' },
        h('h2', {}, t('casesByYear')),
        h(
          'div',
          { class: 'kpis' },
          h(
            'div',
            { class: 'kpi' },
            h('span', {}, `${t('damage')}, ${chosen.year}`),
            h('strong', {}, `${formatNumber(billions(chosen.damage), 1)} ${t('billionTenge')}`),
          ),
          h(
            'div',
            { class: 'kpi' },
            h('span', {}, t('recovered')),
            h('strong', {}, `${formatNumber(chosen.recoveryRate, 1)} %`),
          ),
          h(
            'div',
            { class: 'kpi' },
            h('span', {}, t('headsDetained')),
            h('strong', {}, formatNumber(chosen.headsDetained.total)),
            h(
              'small',
              {},
              `${t('republican')} ${chosen.headsDetained.republican} · ${t('regional')} ${chosen.headsDetained.regional} · ${t('cityDistrict')} ${chosen.headsDetained.cityDistrict}`,
            ),
          ),
        ),
        groupedColumns({
          title: t('casesByYear'),
          groups: years.map((figures) => ({
            label: String(figures.year),
            values: [figures.offencesRegistered, figures.personsExposed],
          })),
          series: [
            { label: t('offencesRegistered'), colour: BLUE },
            { label: t('personsExposed'), colour: GOLD },
          ],
          format: (n) => formatNumber(n),
          width: 1100,
          height: 260,
        }),
      ),
      h(
        'div',
        { class: 'card' },
        h(
          'div',
          { class: 'card__head' },
          h('h2', {}, t('byRegionIn', { year: chosen.year })),
          h(
            'label',
            { class: 'inline' },
            t('year'),
            ' ',
            h(
              'select',
              {
                id: 'statistics-year',
                onchange: (event) => {
                  page.year = Number(event.target.value);
                  void load();
                },
              },
              years.map((figures) =>
                h(
                  'option',
                  { value: figures.year, selected: figures.year === chosen.year },
                  String(figures.year),
                ),
              ),
            ),
          ),
        ),
        horizontalBars({
          title: t('byRegionIn', { year: chosen.year }),
          items: byRegion
            .filter((figures) => figures.personsExposed > 0)
            .map((figures) => ({
              label: name(figures.region),
              value: figures.personsExposed,
              display: formatNumber(figures.personsExposed),
            })),
          colour: GOLD,
        }),
      ),
    ];
  };

  const complianceCard = () => {
    const { national, regions: byRegion } = page.compliance;
    const active = byRegion.filter(
      (figures) => figures.open + figures.answeredOnTime + figures.answeredLate > 0,
    );
    return h(
      'div',
      { class: 'card' },
      h(
        'div',
        { class: 'card__head' },
        h('h2', {}, t('compliance')),
        national.onTimePercent === undefined
          ? null
          : h('span', { class: 'pill' }, `${formatNumber(national.onTimePercent, 1)} %`),
      ),
      active.length === 0
        ? h('p', { class: 'muted' }, t('noData'))
        : horizontalBars({
            title: t('compliance'),
            max: 100,
            items: active.map((figures) => ({
              label: name(figures.region),
              value: figures.onTimePercent ?? 0,
              display:
                figures.onTimePercent === undefined ? '—' : `${formatNumber(figures.onTimePercent, 1)} %`,
              note: t('openReports', { open: figures.open, overdue: figures.overdue }),
              colour:
                (figures.onTimePercent ?? 0) >= 80
                  ? '#16a34a'
                  : (figures.onTimePercent ?? 0) >= 50
                    ? GOLD
                    : '#dc2626',
            })),
          }),
      h('p', { class: 'muted small' }, t('onTime')),
    );
  };

  const qualityCard = () => {
    const quality = page.quality;
    const rated = quality.regions.filter((figures) => figures.ratings > 0);
    return h(
      'div',
      { class: 'card' },
      h(
        'div',
        { class: 'card__head' },
        h('h2', {}, t('quality')),
        quality.meanScore === null
          ? null
          : h('span', { class: 'pill' }, `${formatNumber(quality.meanScore, 2)} / 5`),
      ),
      rated.length === 0
        ? h('p', { class: 'muted' }, t('noData'))
        : [
            h('h3', {}, t('meanScore')),
            horizontalBars({
              title: t('meanScore'),
              max: 5,
              items: rated.map((figures) => ({
                label: name(figures.region),
                value: figures.meanScore ?? 0,
                display: formatNumber(figures.meanScore ?? 0, 2),
                note: t('ratings', { n: figures.ratings }),
              })),
            }),
            h('h3', {}, t('scoreDistribution')),
            groupedColumns({
              title: t('scoreDistribution'),
              groups: [1, 2, 3, 4, 5].map((score) => ({
                label: `${score} ★`,
                values: [quality.distribution[score] ?? 0],
              })),
              series: [{ label: t('ratings', { n: formatNumber(quality.ratings) }), colour: BLUE }],
              format: (n) => formatNumber(n),
            }),
          ],
    );
  };

  const render = () => {
    replace(
      element,
      h(
        'div',
        { class: 'page-head' },
        h('h1', {}, t('statsTitle')),
        h('p', { class: 'lead' }, t('statsLead')),
      ),
      page.failed
        ? h('p', { class: 'alert alert--error' }, t('errorGeneric'))
        : page.cases === undefined
          ? h('p', { class: 'loading' }, '…')
          : h('div', { class: 'stats-grid' }, casesCard(), complianceCard(), qualityCard()),
    );
  };

  render();
  void load();
  return { element, relabel: render };
};
