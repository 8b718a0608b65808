import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { answerLabel, formatDate, language, LANGUAGES, outcomeLabel, statusLabel, t } from '../i18n.js';
import { STATUS_COLOURS } from '../mapView.js';

/**
 * The follow-up page: the receipt opens the report's status and the office's answers, and a form posts a
 * follow-up with it. The receipt stays in this page's memory only (never in the URL or storage).
 */
export const followUpPage = () => {
  const page = {
    receipt: '',
    view: undefined,
    error: undefined,
    notice: undefined,
    text: '',
    language: language(),
  };
  const element = h('section', { class: 'page page--follow-up' });

  const explain = (answer) => {
    if (answer.body.error?.tag === 'ReceiptNotRecognised') return t('receiptUnknown');
    if (answer.status === 429) return t('tooMany');
    if (answer.status === 400 || answer.status === 409)
      return answer.body.error?.message ?? t('errorGeneric');
    return t('errorGeneric');
  };

  const open = async (event) => {
    event.preventDefault();
    page.receipt = element.querySelector('#receipt-input').value;
    setBusy(true);
    const answer = await api('/api/receipts/status', { method: 'POST', body: { receipt: page.receipt } });
    page.view = answer.ok ? answer.body : undefined;
    page.error = answer.ok ? undefined : answer;
    page.notice = undefined;
    render();
  };

  const post = async (event) => {
    event.preventDefault();
    page.text = element.querySelector('#follow-up-text').value;
    page.language = element.querySelector('#follow-up-language').value;
    setBusy(true);
    const answer = await api('/api/receipts/follow-ups', {
      method: 'POST',
      body: { receipt: page.receipt, text: page.text, language: page.language },
    });
    if (answer.ok) {
      page.view = { status: answer.body.status, answers: answer.body.answers };
      page.text = '';
      page.notice = 'followUpPosted';
      page.error = undefined;
    } else page.error = answer;
    render();
  };

  const setBusy = (busy) => {
    for (const button of element.querySelectorAll('button')) button.disabled = busy;
  };

  const statusView = ({ status, answers }) =>
    h(
      'div',
      { class: 'card', id: 'report-status' },
      h(
        'h2',
        {},
        t('status'),
        ' ',
        h(
          'span',
          { class: 'badge', id: 'status-badge', style: { background: STATUS_COLOURS[status.status] } },
          statusLabel(status.status),
        ),
        status.overdue ? h('span', { class: 'badge badge--overdue' }, t('overdue')) : null,
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('reportId')),
        h('dd', { class: 'mono small' }, status.reportId),
        h('dt', {}, t('receivedAt')),
        h('dd', {}, formatDate(status.receivedAt)),
        status.registrationNumber
          ? [h('dt', {}, t('registrationNumber')), h('dd', {}, status.registrationNumber)]
          : null,
        status.dueOn
          ? [
              h('dt', {}, t('dueOn')),
              h('dd', {}, formatDate(status.dueOn), status.extended ? ` (${t('extended')})` : ''),
            ]
          : null,
        status.outcome ? [h('dt', {}, t('outcome')), h('dd', {}, outcomeLabel(status.outcome))] : null,
      ),
      h(
        'p',
        { class: 'muted', id: 'follow-up-counts' },
        t('followUps', { r: status.followUps.fromReporter, o: status.followUps.fromOffice }),
      ),
      h('h3', {}, t('answers')),
      answers.length === 0
        ? h('p', { class: 'muted' }, t('noAnswers'))
        : h(
            'ol',
            { class: 'timeline' },
            answers.map((answer) =>
              h(
                'li',
                {},
                h(
                  'div',
                  { class: 'timeline__head' },
                  h('strong', {}, answerLabel(answer.kind)),
                  h('time', {}, formatDate(answer.at)),
                  answer.late ? h('span', { class: 'badge badge--overdue' }, t('late')) : null,
                ),
                h('p', {}, (answer.text ?? answer.reason)?.text ?? ''),
                answer.kind === 'extension'
                  ? h('p', { class: 'muted' }, `${t('dueOn')}: ${formatDate(answer.newDueOn)}`)
                  : null,
                answer.kind === 'redirect' ? h('p', { class: 'muted' }, answer.competentBody) : null,
              ),
            ),
          ),
      h(
        'form',
        { class: 'follow-up-form', onsubmit: post },
        h('h3', {}, t('postFollowUp')),
        h(
          'textarea',
          { id: 'follow-up-text', name: 'text', rows: 3, maxlength: 5000, 'aria-label': t('postFollowUp') },
          page.text,
        ),
        h(
          'div',
          { class: 'actions' },
          h(
            'select',
            { id: 'follow-up-language', name: 'language', 'aria-label': t('descriptionLanguage') },
            LANGUAGES.map((lang) =>
              h(
                'option',
                { value: lang, selected: lang === page.language },
                { kk: 'Қазақша', ru: 'Русский', en: 'English' }[lang],
              ),
            ),
          ),
          h('button', { type: 'submit', class: 'button', id: 'send-follow-up' }, t('send')),
        ),
      ),
    );

  const render = () => {
    replace(
      element,
      h(
        'div',
        { class: 'page-head' },
        h('h1', {}, t('followTitle')),
        h('p', { class: 'lead' }, t('followLead')),
      ),
      h(
        'form',
        { class: 'card receipt-form', onsubmit: open },
        h('label', { for: 'receipt-input' }, t('receipt')),
        h(
          'div',
          { class: 'receipt-input' },
          h('input', {
            id: 'receipt-input',
            name: 'receipt',
            value: page.receipt,
            autocomplete: 'off',
            spellcheck: 'false',
            placeholder: 'XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX',
          }),
          h('button', { type: 'submit', class: 'button', id: 'open-receipt' }, t('open')),
        ),
      ),
      page.error
        ? h('p', { class: 'alert alert--error', role: 'alert', id: 'receipt-error' }, explain(page.error))
        : null,
      page.notice
        ? h('p', { class: 'alert alert--success', role: 'status', id: 'follow-up-notice' }, t(page.notice))
        : null,
      page.view ? statusView(page.view) : null,
    );
  };

  render();
  return {
    element,
    relabel: () => {
      const typed = element.querySelector('#follow-up-text');
      if (typed !== null) page.text = typed.value;
      page.receipt = element.querySelector('#receipt-input')?.value ?? page.receipt;
      render();
    },
  };
};
