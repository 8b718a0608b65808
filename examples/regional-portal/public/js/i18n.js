/* global document */
import { TEXT } from './text.js';
/**
 * The portal's labels in Kazakh, Russian and English. Region names come from the SDK (`/api/meta`), so
 * they are not repeated here. `{name}` marks a value filled in by `t(key, { name })`.
 */

const STATUS = {
  kk: {
    submitted: 'Жіберілді',
    registered: 'Тіркелді',
    assigned: 'Орындаушыға берілді',
    answered: 'Жауап берілді',
    closed: 'Жабылды',
    redirected: 'Басқа органға жіберілді',
    duplicate: 'Қайталама',
    rejected: 'Қабылданбады',
    escalated: 'Қылмыстық іс қозғалды',
    withdrawn: 'Кері қайтарылды',
  },
  ru: {
    submitted: 'Подано',
    registered: 'Зарегистрировано',
    assigned: 'Передано исполнителю',
    answered: 'Дан ответ',
    closed: 'Закрыто',
    redirected: 'Перенаправлено',
    duplicate: 'Дубликат',
    rejected: 'Отклонено',
    escalated: 'Возбуждено уголовное дело',
    withdrawn: 'Отозвано',
  },
  en: {
    submitted: 'Submitted',
    registered: 'Registered',
    assigned: 'Assigned',
    answered: 'Answered',
    closed: 'Closed',
    redirected: 'Redirected',
    duplicate: 'Duplicate',
    rejected: 'Rejected',
    escalated: 'Escalated to a case',
    withdrawn: 'Withdrawn',
  },
};

const CATEGORY = {
  kk: {
    procurement: 'Мемлекеттік сатып алу',
    constructionQuality: 'Құрылыс сапасы',
    misuseOfFunds: 'Қаражатты мақсатсыз пайдалану',
    briberyOrExtortion: 'Пара немесе қорқытып алу',
    publicServiceQuality: 'Мемлекеттік қызмет сапасы',
    other: 'Басқа',
  },
  ru: {
    procurement: 'Госзакупки',
    constructionQuality: 'Качество строительства',
    misuseOfFunds: 'Нецелевое использование средств',
    briberyOrExtortion: 'Взятка или вымогательство',
    publicServiceQuality: 'Качество госуслуг',
    other: 'Другое',
  },
  en: {
    procurement: 'Procurement',
    constructionQuality: 'Construction quality',
    misuseOfFunds: 'Misuse of funds',
    briberyOrExtortion: 'Bribery or extortion',
    publicServiceQuality: 'Public service quality',
    other: 'Other',
  },
};

const OUTCOME = {
  kk: {
    confirmed: 'Расталды',
    partlyConfirmed: 'Ішінара расталды',
    notConfirmed: 'Расталмады',
    referred: 'Жіберілді',
  },
  ru: {
    confirmed: 'Подтвердилось',
    partlyConfirmed: 'Подтвердилось частично',
    notConfirmed: 'Не подтвердилось',
    referred: 'Передано',
  },
  en: {
    confirmed: 'Confirmed',
    partlyConfirmed: 'Partly confirmed',
    notConfirmed: 'Not confirmed',
    referred: 'Referred',
  },
};

const ANSWER = {
  kk: {
    answer: 'Жауап',
    followUp: 'Кеңсенің хабары',
    extension: 'Мерзім ұзартылды',
    redirect: 'Басқа органға жіберілді',
    rejection: 'Қабылданбады',
  },
  ru: {
    answer: 'Ответ',
    followUp: 'Сообщение ведомства',
    extension: 'Срок продлён',
    redirect: 'Перенаправлено',
    rejection: 'Отклонено',
  },
  en: {
    answer: 'Answer',
    followUp: 'Message from the office',
    extension: 'Deadline extended',
    redirect: 'Redirected',
    rejection: 'Rejected',
  },
};

export const LANGUAGES = ['kk', 'ru', 'en'];
const STORAGE_KEY = 'adal-portal-language';

const initial = () => {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(saved)) return saved;
  const browser = (navigator.language ?? 'en').slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : 'kk';
};

let current = initial();

/** The language shown. */
export const language = () => current;

/** Switches the language and remembers it. */
export const setLanguage = (lang) => {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
};

/** A label, with `{name}` placeholders filled in. */
export const t = (key, values = {}) =>
  (TEXT[current][key] ?? TEXT.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));

export const statusLabel = (status) => STATUS[current][status] ?? status;
export const categoryLabel = (category) => CATEGORY[current][category] ?? category;
export const outcomeLabel = (outcome) => OUTCOME[current][outcome] ?? outcome;
export const answerLabel = (kind) => ANSWER[current][kind] ?? kind;
/** A region's name from the SDK's `REGIONS`, in the language shown. */
export const regionLabel = (region) => (region === undefined ? '' : (region[current] ?? region.en));

/** Numbers and dates in the language's conventions. */
export const formatNumber = (n, digits = 0) =>
  new Intl.NumberFormat(current === 'kk' ? 'kk-KZ' : current === 'ru' ? 'ru-RU' : 'en-GB', {
    maximumFractionDigits: digits,
  }).format(n);
export const formatDate = (iso) =>
  new Intl.DateTimeFormat(current === 'kk' ? 'kk-KZ' : current === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'medium',
    ...(iso.length > 10 ? { timeStyle: 'short' } : {}),
    timeZone: 'Asia/Almaty',
  }).format(new Date(iso.length === 10 ? `${iso}T12:00:00+05:00` : iso));
