/**
 * The command codecs of a rating: what the Digital Agent app sends as JSON is decoded, or refused with a
 * message that names the field path and the problem, the same through the union of every command.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { toValidationError } from '../../src/index.js';
import { RateService, ServiceRating, ServiceRatingCommand } from '../../src/ratings/index.js';

// A rating as JSON, as the app sends it.
const RATING = {
  type: 'RateService',
  at: '2026-03-19T06:40:00.000Z',
  pseudonym: '3f6c1d0e9b8a7f6e5d4c3b2a19080706f5e4d3c2b1a0998877665544332211ff',
  service: { code: '00701001', name: { ru: 'Регистрация по месту жительства' } },
  provider: { kind: 'publicServiceCentre', id: 'PSC-ALM-AUEZOV-2', point: { lat: 43.2265, lon: 76.8512 } },
  region: 'KZ-75',
  receivedAt: '2026-03-19T06:25:00.000Z',
  score: 1,
  criteria: { informalPaymentDemanded: true, waitingTime: 1, courtesy: 2, waitingMinutes: 95 },
  comment: { text: 'Оператор попросил 5000 тенге «за скорость»', language: 'ru' },
} as const;

const FLAG = {
  type: 'FlagViolation',
  at: '2026-03-19T06:45:00.000Z',
  violation: 'informalPayment',
  flaggedBy: 'rater',
  description: { text: 'The operator asked for money', language: 'en' },
  linkedReportId: 'report-KZ-75-0195a3c2',
} as const;

/** The message a codec gives for an input, or `undefined` when it is accepted. */
const messageOf = (codec: t.Decoder<unknown, unknown>, input: unknown): string | undefined => {
  const result = codec.decode(input);
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

const BAD: readonly { readonly title: string; readonly input: object; readonly message: string }[] = [
  { title: 'an unknown field', input: { ...RATING, stars: 5 }, message: 'stars: unknown field' },
  {
    title: 'a score of 0',
    input: { ...RATING, score: 0 },
    message: 'score: expected Score (an integer 1 to 5), got 0',
  },
  {
    title: 'a score of 6',
    input: { ...RATING, score: 6 },
    message: 'score: expected Score (an integer 1 to 5), got 6',
  },
  {
    title: 'a score of 2.5',
    input: { ...RATING, score: 2.5 },
    message: 'score: expected Score (an integer 1 to 5), got 2.5',
  },
  {
    title: 'a score as a string',
    input: { ...RATING, score: '5' },
    message: 'score: expected Score (an integer 1 to 5), got "5"',
  },
  {
    title: 'a negative waiting time',
    input: { ...RATING, criteria: { ...RATING.criteria, waitingMinutes: -5 } },
    message: 'criteria.waitingMinutes: expected WaitingMinutes (a whole number of minutes), got -5',
  },
  {
    title: 'a criterion score out of range',
    input: { ...RATING, criteria: { ...RATING.criteria, courtesy: 7 } },
    message: 'criteria.courtesy: expected Score (an integer 1 to 5), got 7',
  },
  {
    title: 'no answer to the informal-payment question',
    input: { ...RATING, criteria: { waitingTime: 1 } },
    message: 'criteria.informalPaymentDemanded: expected boolean, got nothing',
  },
  {
    title: 'an old letter code for the region',
    input: { ...RATING, region: 'KZ-ALA' },
    message: 'region: KZ-ALA is an old code: use KZ-75',
  },
  {
    title: 'a provider located in another region (an Astana branch rated as Almaty)',
    input: { ...RATING, provider: { ...RATING.provider, point: { lat: 51.128, lon: 71.43 } } },
    message: 'provider.point: (51.128, 71.43) is not in Almaty (city) (KZ-75)',
  },
  {
    title: 'a provider kind the register does not know',
    input: { ...RATING, provider: { ...RATING.provider, kind: 'bank' } },
    message: 'provider.kind: expected ProviderKind, got "bank"',
  },
  {
    title: 'a pseudonym too short to be an HMAC',
    input: { ...RATING, pseudonym: 'ivanov' },
    message: 'pseudonym: expected an HMAC as 16 to 128 hex or base64url characters, got "ivanov"',
  },
  {
    title: 'a comment in a language Adal does not hold',
    input: { ...RATING, comment: { text: 'Sehr schlecht', language: 'de' } },
    message: 'comment.language: expected Language, got "de"',
  },
  {
    title: 'a service without its code',
    input: { ...RATING, service: {} },
    message: 'service.code: expected Text(1..40), got nothing',
  },
  {
    title: 'a violation kind that does not exist',
    input: { ...FLAG, violation: 'noise' },
    message: 'violation: expected ViolationKind, got "noise"',
  },
  {
    title: 'a flag without its linked report id',
    input: { ...FLAG, linkedReportId: '' },
    message: 'linkedReportId: must not be empty',
  },
  {
    title: 'a resolution that does not exist',
    input: {
      type: 'ResolveFlag',
      at: '2026-04-03T05:00:00.000Z',
      reportId: 'report-KZ-75-0195a3c2',
      resolution: 'ignored',
      note: { text: 'x', language: 'en' },
    },
    message: 'resolution: expected FlagResolution, got "ignored"',
  },
];

describe('ServiceRating command codecs', () => {
  it('decode good JSON commands: a rating of 1 with an informal payment demanded, and its flag', () => {
    expect(messageOf(ServiceRatingCommand, RATING)).toBeUndefined();
    expect(messageOf(ServiceRatingCommand, FLAG)).toBeUndefined();
    const decoded = RateService.decode(RATING);
    expect(E.isRight(decoded) && decoded.right.receivedAt).toEqual(new Date('2026-03-19T06:25:00.000Z'));
    expect(ServiceRating.commands).toBe(ServiceRatingCommand);
  });

  for (const bad of BAD) {
    it(`refuse ${bad.title}, naming the field`, () => {
      expect(messageOf(ServiceRatingCommand, bad.input)).toBe(bad.message);
    });
  }

  it('give the same message alone as through the union of every command', () => {
    expect(messageOf(RateService, { ...RATING, score: 0 })).toBe(
      'score: expected Score (an integer 1 to 5), got 0',
    );
    expect(
      messageOf(RateService, {
        ...RATING,
        provider: { ...RATING.provider, point: { lat: 51.128, lon: 71.43 } },
      }),
    ).toBe('provider.point: (51.128, 71.43) is not in Almaty (city) (KZ-75)');
  });

  it('guard values the same way: a decoded rating is one, a provider in the wrong region is not', () => {
    const decoded = RateService.decode(RATING);
    expect(E.isRight(decoded) && RateService.is(decoded.right)).toBe(true);
    if (E.isRight(decoded)) {
      expect(
        RateService.is({
          ...decoded.right,
          provider: { ...decoded.right.provider, point: { lat: 51.128, lon: 71.43 } },
        }),
      ).toBe(false);
    }
  });
});
