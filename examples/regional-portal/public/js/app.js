/* global document, window */
import { api } from './api.js';
import { h, replace } from './dom.js';
import { language, LANGUAGES, setLanguage, t } from './i18n.js';
import { followUpPage } from './pages/followUpPage.js';
import { mapPage } from './pages/mapPage.js';
import { reportPage } from './pages/reportPage.js';
import { statisticsPage } from './pages/statisticsPage.js';

/**
 * The portal's single page: a hash route per page (`#/map`, `#/report`, `#/follow-up`, `#/statistics`),
 * so the receipt never appears in a URL, and a language switch that redraws the page in place.
 */
const PAGES = { map: mapPage, report: reportPage, 'follow-up': followUpPage, statistics: statisticsPage };
const main = document.getElementById('page');

const boot = async () => {
  const [meta, outline] = await Promise.all([api('/api/meta'), api('/kazakhstan.geojson')]);
  if (!meta.ok || !outline.ok) {
    replace(main, h('p', { class: 'alert alert--error' }, t('errorGeneric')));
    return;
  }
  const context = { meta: meta.body, outline: outline.body, state: {} };
  let current;

  const translateChrome = () => {
    document.documentElement.lang = language();
    for (const element of document.querySelectorAll('[data-i18n]'))
      element.textContent = t(element.dataset.i18n);
    for (const button of document.querySelectorAll('[data-lang]'))
      button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
    document.title = `${t('brand')} — ${t('brandSubtitle')}`;
  };

  const route = () => {
    const name = window.location.hash.replace(/^#\//, '') || 'map';
    const page = PAGES[name] ?? mapPage;
    for (const link of document.querySelectorAll('[data-page]')) {
      if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    current?.leave?.();
    current = page(context);
    replace(main, current.element);
    main.focus({ preventScroll: true });
  };

  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      if (!LANGUAGES.includes(button.dataset.lang)) return;
      setLanguage(button.dataset.lang);
      translateChrome();
      // A page that holds what the visitor typed (a receipt shown once) relabels itself in place.
      if (current?.relabel) current.relabel();
      else route();
    });
  }
  window.addEventListener('hashchange', route);
  translateChrome();
  route();
};

void boot();
