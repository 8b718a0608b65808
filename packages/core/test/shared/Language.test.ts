import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { Language, LocalizedText, TextIn, pickLanguage, toValidationError } from '../../src/index.js';

const messageOf = (codec: t.Decoder<unknown, unknown>, input: unknown): string | undefined => {
  const result = codec.decode(input);
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

const LANGUAGES = ['kk', 'ru', 'en'] as const;

describe('Language', () => {
  it('is Kazakh, Russian or English', () => {
    for (const language of LANGUAGES) expect(Language.is(language)).toBe(true);
    expect(messageOf(Language, 'de')).toBe('expected Language, got "de"');
    expect(messageOf(Language, 'KK')).toBe('expected Language, got "KK"');
  });
});

describe('TextIn', () => {
  it('is a text with its language', () => {
    expect(TextIn.decode({ text: 'Мектеп құрылысы тоқтап тұр', language: 'kk' })).toEqual(
      E.right({ text: 'Мектеп құрылысы тоқтап тұр', language: 'kk' }),
    );
  });

  it('takes up to 5,000 characters', () => {
    expect(E.isRight(TextIn.decode({ text: 'a'.repeat(5000), language: 'en' }))).toBe(true);
    expect(messageOf(TextIn, { text: 'a'.repeat(5001), language: 'en' })).toBe(
      'text: must be at most 5000 characters, got 5001',
    );
  });

  it('refuses an empty or blank-edged text, an unknown language, a missing language and unknown fields', () => {
    expect(messageOf(TextIn, { text: '', language: 'en' })).toBe('text: must not be empty');
    expect(messageOf(TextIn, { text: '   ', language: 'en' })).toBe('text: must not be empty');
    expect(messageOf(TextIn, { text: ' padded ', language: 'en' })).toBe(
      'text: must not start or end with blanks',
    );
    expect(messageOf(TextIn, { text: 'Geld', language: 'de' })).toBe('language: expected Language, got "de"');
    expect(messageOf(TextIn, { text: 'Geld' })).toBe('language: expected Language, got nothing');
    expect(messageOf(TextIn, { text: 'Geld', language: 'en', translated: true })).toBe(
      'translated: unknown field',
    );
    expect(messageOf(TextIn, 'just a string')).toBe('expected an object, got string');
  });
});

describe('LocalizedText', () => {
  it('needs at least one language', () => {
    expect(messageOf(LocalizedText, {})).toBe('expected LocalizedText (at least one of kk, ru, en), got {}');
    expect(LocalizedText.is({})).toBe(false);
  });

  it('takes any non-empty combination of the three languages', () => {
    fc.assert(
      fc.property(fc.subarray([...LANGUAGES], { minLength: 1 }), (languages) => {
        const text = Object.fromEntries(languages.map((language) => [language, `name in ${language}`]));
        expect(LocalizedText.decode(text)).toEqual(E.right(text));
      }),
    );
  });

  it('refuses another language, and an empty name in a language that is present', () => {
    expect(messageOf(LocalizedText, { kk: 'Астана', de: 'Astana' })).toBe('de: unknown field');
    expect(messageOf(LocalizedText, { kk: '' })).toBe('kk: must not be empty');
    expect(messageOf(LocalizedText, { ru: 'a'.repeat(501) })).toBe(
      'ru: must be at most 500 characters, got 501',
    );
  });
});

describe('pickLanguage', () => {
  const name = { kk: 'Астана қаласы', ru: 'г. Астана', en: 'Astana (city)' };

  it('gives the wanted language when it is there', () => {
    expect(pickLanguage(name, 'kk')).toBe('Астана қаласы');
    expect(pickLanguage(name, 'ru')).toBe('г. Астана');
    expect(pickLanguage(name, 'en')).toBe('Astana (city)');
  });

  it('falls back to Kazakh, then Russian, then English', () => {
    expect(pickLanguage({ ru: 'г. Астана', kk: 'Астана қаласы' }, 'en')).toBe('Астана қаласы');
    expect(pickLanguage({ en: 'Astana (city)', ru: 'г. Астана' }, 'kk')).toBe('г. Астана');
    expect(pickLanguage({ en: 'Astana (city)' }, 'ru')).toBe('Astana (city)');
  });

  it('always gives one of the texts, the wanted one whenever it exists', () => {
    fc.assert(
      fc.property(
        fc.subarray([...LANGUAGES], { minLength: 1 }),
        fc.constantFrom(...LANGUAGES),
        (languages, wanted) => {
          const text = Object.fromEntries(languages.map((language) => [language, `name in ${language}`]));
          const decoded = LocalizedText.decode(text);
          if (E.isLeft(decoded)) throw new Error('a generated text was refused');
          const picked = pickLanguage(decoded.right, wanted);
          expect(Object.values(text)).toContain(picked);
          if (languages.includes(wanted)) expect(picked).toBe(`name in ${wanted}`);
        },
      ),
    );
  });
});
