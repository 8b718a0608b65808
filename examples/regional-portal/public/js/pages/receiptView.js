/* global document */
import { h } from '../dom.js';
import { formatDate, t } from '../i18n.js';

/**
 * An anonymous submission's answer: the receipt, shown once, with a copy button and the warning to keep it,
 * and a summary of the signed acknowledgement that the reporter can download.
 */
export const receiptView = (result) => {
  const statement = result.acknowledgement.statement;
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'button button--secondary',
      id: 'copy-receipt',
      onclick: async () => {
        await navigator.clipboard?.writeText(result.receipt).catch(() => undefined);
        copy.textContent = t('copied');
      },
    },
    t('copy'),
  );
  const download = () => {
    const link = h('a', {
      href: URL.createObjectURL(
        new Blob([JSON.stringify(result.acknowledgement, null, 2)], { type: 'application/json' }),
      ),
      download: `acknowledgement-${statement.reportId}.json`,
    });
    document.body.append(link);
    link.click();
    link.remove();
  };
  return h(
    'div',
    { class: 'card receipt-card', id: 'receipt-card' },
    h('h2', {}, t('receiptTitle')),
    h('div', { class: 'receipt' }, h('code', { id: 'receipt-code' }, result.receipt), copy),
    h('p', { class: 'alert alert--warning', role: 'alert' }, t('receiptWarning')),
    h('h3', {}, t('acknowledgement')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('reportId')),
      h('dd', { class: 'mono small' }, statement.reportId),
      h('dt', {}, t('receivedAt')),
      h('dd', {}, formatDate(statement.receivedAt)),
      h('dt', {}, t('dueRule')),
      h('dd', {}, statement.dueDate ? formatDate(statement.dueDate) : statement.dueRule),
      h('dt', {}, t('keyId')),
      h('dd', { class: 'mono small' }, statement.keyId),
      h('dt', {}, t('signature')),
      h('dd', { class: 'mono small' }, `${result.acknowledgement.signature.slice(0, 32)}…`),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'button button--secondary', onclick: download }, t('download')),
      h('a', { class: 'button', href: '#/follow-up' }, t('followUpNow')),
    ),
  );
};
