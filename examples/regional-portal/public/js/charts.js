import { h, s } from './dom.js';

/**
 * Horizontal bars, one per item: `{ label, value, display, note }`, longest first when `sort` is set.
 * The scale runs from 0 to `max` (the largest value by default); the value is written after its bar.
 */
export const horizontalBars = ({ items, max, colour = '#0b5cab', sort = true, title }) => {
  const list = sort ? [...items].sort((a, b) => b.value - a.value) : items;
  const top = max ?? Math.max(1, ...list.map((item) => item.value));
  const rowHeight = 26;
  const labelWidth = 280;
  const barWidth = list.some((item) => item.note) ? 220 : 380;
  const width = 780;
  const height = Math.max(rowHeight, list.length * rowHeight) + 8;
  return s(
    'svg',
    { class: 'chart chart--bars', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title ?? '' },
    list.map((item, i) => {
      const y = i * rowHeight + 4;
      const length = Math.max(item.value > 0 ? 2 : 0, (item.value / top) * barWidth);
      return s(
        'g',
        { class: 'chart__row' },
        s('text', { class: 'chart__label', x: labelWidth - 8, y: y + 15, 'text-anchor': 'end' }, item.label),
        s('rect', {
          class: 'chart__track',
          x: labelWidth,
          y: y + 3,
          width: barWidth,
          height: rowHeight - 10,
          rx: 3,
        }),
        s('rect', {
          x: labelWidth,
          y: y + 3,
          width: length,
          height: rowHeight - 10,
          rx: 3,
          fill: item.colour ?? colour,
        }),
        s(
          'text',
          { class: 'chart__value', x: labelWidth + length + 6, y: y + 15 },
          item.display ?? String(item.value),
        ),
        item.note
          ? s('text', { class: 'chart__note', x: width - 4, y: y + 15, 'text-anchor': 'end' }, item.note)
          : null,
      );
    }),
  );
};

/**
 * Vertical bars grouped by category (`groups: [{ label, values: [n, …] }]`), one colour per series
 * (`series: [{ label, colour }]`), with a legend above and a few grid lines.
 */
export const groupedColumns = ({ groups, series, title, format = String, width = 560, height = 240 }) => {
  const left = 44;
  const bottom = 28;
  const top = 16;
  const plotHeight = height - bottom - top;
  const max = Math.max(1, ...groups.flatMap((group) => group.values));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const groupWidth = (width - left) / Math.max(1, groups.length);
  const barWidth = Math.min(48, (groupWidth * 0.7) / series.length);
  const y = (value) => top + plotHeight - (value / ceiling) * plotHeight;
  const grid = [];
  for (let value = 0; value <= ceiling; value += step) {
    grid.push(
      s('line', { class: 'chart__grid', x1: left, x2: width, y1: y(value), y2: y(value) }),
      s('text', { class: 'chart__axis', x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, format(value)),
    );
  }
  return h(
    'figure',
    { class: 'chart-figure' },
    h(
      'div',
      { class: 'chart-legend' },
      series.map((item) =>
        h('span', {}, h('i', { class: 'swatch', style: { background: item.colour } }), item.label),
      ),
    ),
    s(
      'svg',
      { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title ?? '' },
      grid,
      groups.map((group, g) => {
        const x0 = left + g * groupWidth + (groupWidth - barWidth * series.length) / 2;
        return s(
          'g',
          {},
          group.values.map((value, i) =>
            s(
              'g',
              {},
              s('rect', {
                x: x0 + i * barWidth + 2,
                y: y(value),
                width: barWidth - 4,
                height: Math.max(0, top + plotHeight - y(value)),
                rx: 3,
                fill: series[i]?.colour ?? '#0b5cab',
              }),
              s(
                'text',
                {
                  class: 'chart__value',
                  x: x0 + i * barWidth + barWidth / 2,
                  y: y(value) - 4,
                  'text-anchor': 'middle',
                },
                format(value),
              ),
            ),
          ),
          s(
            'text',
            {
              class: 'chart__axis',
              x: left + g * groupWidth + groupWidth / 2,
              y: height - 8,
              'text-anchor': 'middle',
            },
            group.label,
          ),
        );
      }),
    ),
  );
};

/** A step of 1, 2 or 5 times a power of ten that gives four or five grid lines up to `max`. */
const niceStep = (max) => {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const ratio = rough / power;
  return (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10) * power;
};
