import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { language, LANGUAGES, t } from '../i18n.js';
import { createMap } from '../mapView.js';
import { receiptView } from './receiptView.js';
import { categoryOptions, regionOptions } from './mapPage.js';

/** Which form field shows the server's message for an issue's path (`point.lat` → `point`). */
const fieldOf = (path) => {
  if (path.startsWith('point')) return 'point';
  if (path.startsWith('description')) return 'description';
  if (path === 'budgetObject.amount') return 'amount';
  if (path.startsWith('budgetObject')) return 'budgetName';
  if (path === 'reporter.name') return 'name';
  if (path === 'reporter.phone') return 'phone';
  if (path.startsWith('reporter')) return 'reporter';
  return ['region', 'category'].includes(path) ? path : 'form';
};

/** Whole tenge (spaces allowed, up to two decimals) as tiyn; anything else goes as typed, for the server to name. */
const tiyn = (typed) => {
  const text = typed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (match === null) return typed;
  return (BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))).toString();
};

/** The smallest region whose extent holds the point: the likeliest one when the visitor picks on the map. */
const regionAt = (regions, { lat, lon }) =>
  regions
    .filter(
      ({ extent: [south, west, north, east] }) => lat >= south && lat <= north && lon >= west && lon <= east,
    )
    .sort((a, b) => area(a.extent) - area(b.extent))[0]?.code;
const area = ([south, west, north, east]) => (north - south) * (east - west);

/**
 * The report form. An anonymous report shows its receipt once, with a copy button and the signed
 * acknowledgement; the server's validation errors appear next to their fields.
 */
export const reportPage = ({ meta, outline, state }) => {
  const form = (state.report ??= {
    values: {
      region: '',
      lat: '',
      lon: '',
      category: 'procurement',
      text: '',
      language: language(),
      budgetName: '',
      amount: '',
      kind: 'anonymous',
      name: '',
      phone: '',
    },
    errors: {},
    result: undefined,
  });
  const element = h('section', { class: 'page page--report' });
  const map = createMap({
    outline,
    regions: meta.regions,
    label: t('pickOnMap'),
    onPick: (point) => {
      read();
      form.values.lat = String(point.lat);
      form.values.lon = String(point.lon);
      const inside = meta.regions.find((region) => region.code === form.values.region);
      if (inside === undefined || regionAt([inside], point) === undefined)
        form.values.region = regionAt(meta.regions, point) ?? form.values.region;
      render();
    },
  });

  const input = (name, attributes = {}) =>
    h('input', {
      id: `field-${name}`,
      name,
      value: form.values[name],
      'aria-describedby': `error-${name}`,
      ...attributes,
    });
  const error = (name) => {
    const messages = form.errors[name] ?? [];
    return h(
      'p',
      {
        class: 'field__error',
        id: `error-${name}`,
        dataset: { errorFor: name },
        hidden: messages.length === 0,
      },
      messages.join(' '),
    );
  };
  const field = (name, label, control) =>
    h(
      'div',
      { class: `field${form.errors[name] ? ' field--invalid' : ''}` },
      h('label', { for: `field-${name}` }, label),
      control,
      error(name),
    );

  /** Copies what was typed into the state, so a redraw (a new language, a picked point) keeps it. */
  const read = () => {
    for (const name of Object.keys(form.values)) {
      const control = element.querySelector(`[name="${name}"]${name === 'kind' ? ':checked' : ''}`);
      if (control !== null) form.values[name] = control.value;
    }
  };

  const submit = async (event) => {
    event.preventDefault();
    read();
    const v = form.values;
    const button = element.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = t('submitting');
    const number = (text) => (text.trim() === '' ? null : Number(text));
    const budget =
      v.budgetName.trim() === '' && v.amount.trim() === ''
        ? undefined
        : {
            name: v.budgetName,
            ...(v.amount.trim() === '' ? {} : { amount: tiyn(v.amount) }),
          };
    const answer = await api('/api/reports', {
      method: 'POST',
      body: {
        region: v.region,
        point: { lat: number(v.lat), lon: number(v.lon) },
        category: v.category,
        description: { text: v.text, language: v.language },
        ...(budget === undefined ? {} : { budgetObject: budget }),
        reporter:
          v.kind === 'identified'
            ? { kind: 'identified', name: v.name, ...(v.phone.trim() === '' ? {} : { phone: v.phone }) }
            : { kind: 'anonymous' },
      },
    });
    form.errors = {};
    if (answer.ok) form.result = answer.body;
    else if (answer.body.error?.tag === 'ValidationError') {
      for (const [path, messages] of Object.entries(answer.body.error.fields ?? {}))
        (form.errors[fieldOf(path)] ??= []).push(...messages);
    } else
      form.errors.form = [
        answer.status === 429 ? t('tooMany') : answer.body.error?.message || t('errorGeneric'),
      ];
    render();
    if (!answer.ok)
      element
        .querySelector('.field--invalid input, .field--invalid select, .field--invalid textarea')
        ?.focus();
  };

  const render = () => {
    const v = form.values;
    const result = form.result;
    const formView = h(
      'form',
      { class: 'card report-form', novalidate: true, onsubmit: submit },
      form.errors.form
        ? h('p', { class: 'alert alert--error', role: 'alert' }, form.errors.form.join(' '))
        : null,
      Object.keys(form.errors).length > 0 && !form.errors.form
        ? h('p', { class: 'alert alert--error', role: 'alert' }, t('fixErrors'))
        : null,
      h(
        'div',
        { class: 'grid-2' },
        field(
          'region',
          t('region'),
          h(
            'select',
            {
              id: 'field-region',
              name: 'region',
              onchange: (e) => {
                read();
                map.setRegion(e.target.value || undefined);
              },
            },
            regionOptions(meta, v.region, '—'),
          ),
        ),
        field(
          'category',
          t('category'),
          h('select', { id: 'field-category', name: 'category' }, categoryOptions(meta, v.category)),
        ),
      ),
      h(
        'div',
        { class: `field${form.errors.point ? ' field--invalid' : ''}` },
        h('span', { class: 'label' }, t('point')),
        h(
          'div',
          { class: 'grid-2' },
          h(
            'label',
            { class: 'sub' },
            t('latitude'),
            input('lat', {
              type: 'number',
              step: 'any',
              inputmode: 'decimal',
              onchange: () => {
                read();
                map.setPick(v.lat && v.lon ? { lat: Number(v.lat), lon: Number(v.lon) } : undefined);
              },
            }),
          ),
          h(
            'label',
            { class: 'sub' },
            t('longitude'),
            input('lon', {
              type: 'number',
              step: 'any',
              inputmode: 'decimal',
              onchange: () => {
                read();
                map.setPick(v.lat && v.lon ? { lat: Number(v.lat), lon: Number(v.lon) } : undefined);
              },
            }),
          ),
        ),
        h('p', { class: 'hint' }, t('pickOnMap')),
        error('point'),
      ),
      field(
        'description',
        t('description'),
        h(
          'textarea',
          {
            id: 'field-description',
            name: 'text',
            rows: 4,
            maxlength: 5000,
            'aria-describedby': 'error-description',
          },
          v.text,
        ),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'field-language' }, t('descriptionLanguage')),
        h(
          'select',
          { id: 'field-language', name: 'language' },
          LANGUAGES.map((lang) =>
            h(
              'option',
              { value: lang, selected: lang === v.language },
              { kk: 'Қазақша', ru: 'Русский', en: 'English' }[lang],
            ),
          ),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t('budgetObject')),
        field('budgetName', t('budgetObjectName'), input('budgetName', { maxlength: 300 })),
        field('amount', t('amount'), input('amount', { inputmode: 'decimal', placeholder: '1 500 000' })),
      ),
      h(
        'fieldset',
        { class: form.errors.reporter ? 'field--invalid' : '' },
        h('legend', {}, t('reporter')),
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: 'kind',
            value: 'anonymous',
            checked: v.kind === 'anonymous',
            onchange: () => {
              read();
              render();
            },
          }),
          t('anonymous'),
        ),
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: 'kind',
            value: 'identified',
            checked: v.kind === 'identified',
            onchange: () => {
              read();
              render();
            },
          }),
          t('identified'),
        ),
        v.kind === 'identified'
          ? h(
              'div',
              { class: 'grid-2' },
              field('name', t('name'), input('name', { autocomplete: 'name' })),
              field('phone', t('phone'), input('phone', { type: 'tel', autocomplete: 'tel' })),
            )
          : null,
        error('reporter'),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'button', id: 'submit-report' }, t('submit')),
      ),
    );
    replace(
      element,
      h(
        'div',
        { class: 'page-head' },
        h('h1', {}, t('reportTitle')),
        h('p', { class: 'lead' }, t('reportLead')),
      ),
      result === undefined
        ? h(
            'div',
            { class: 'report-layout' },
            formView,
            h('div', { class: 'map-frame map-frame--pick' }, map.element),
          )
        : result.kind === 'anonymous'
          ? receiptView(result)
          : h(
              'div',
              { class: 'card' },
              h('p', {}, t('identifiedDone')),
              h('p', { class: 'mono' }, result.reportId),
            ),
    );
    map.relabel();
    if (v.lat && v.lon) map.setPick({ lat: Number(v.lat), lon: Number(v.lon) });
  };

  render();
  map.setRegion(form.values.region || undefined);
  return {
    element,
    relabel: () => {
      if (form.result === undefined) read();
      render();
    },
    // The receipt is shown once: leaving the page forgets it, and the form starts afresh next time.
    leave: () => {
      if (form.result !== undefined) state.report = undefined;
    },
  };
};
