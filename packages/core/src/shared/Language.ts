import * as t from 'io-ts/lib/index.js';
import { strict } from '../strict.js';
import { boundedText } from '../primitives.js';

/**
 * The languages of Adal's texts: Kazakh, Russian, English.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const Language = t.keyof({ kk: null, ru: null, en: null }, 'Language');

/**
 * @category shared kernel
 * @since 0.1.0
 */
export type Language = t.TypeOf<typeof Language>;

/**
 * A text with the language it is written in, at most 5,000 characters.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const TextIn = strict({ text: boundedText(5000), language: Language }, {}, 'TextIn');

/**
 * @category shared kernel
 * @since 0.1.0
 */
export type TextIn = t.TypeOf<typeof TextIn>;

/**
 * A name or label in up to three languages; at least one must be given.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const LocalizedText = t.refinement(
  strict({}, { kk: boundedText(500), ru: boundedText(500), en: boundedText(500) }, 'LocalizedText'),
  (text) => text.kk !== undefined || text.ru !== undefined || text.en !== undefined,
  'LocalizedText (at least one of kk, ru, en)',
);

/**
 * @category shared kernel
 * @since 0.1.0
 */
export type LocalizedText = t.TypeOf<typeof LocalizedText>;

/**
 * The text in the wanted language, else in Kazakh, Russian or English, whichever exists first.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const pickLanguage = (text: LocalizedText, language: Language): string =>
  text[language] ?? text.kk ?? text.ru ?? text.en ?? '';
