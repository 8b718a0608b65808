/**
 * The stored formats: the encrypted-field envelope, its associated data, and the JSON paths that find it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/index.js';
import {
  checkSubject,
  checkSubjects,
  EncryptedField,
  fieldAssociatedData,
  findEncryptedFields,
  isErased,
  parseJsonPath,
  personal,
  showJsonPath,
  boundedText,
  valueAt,
  withValueAt,
} from '../../src/index.js';

const FIELD = {
  $pd: 1,
  subject: 'citizen-1',
  iv: 'AAECAwQFBgcICQoL',
  ct: 'IkFpZ2VyaW0i',
  tag: 'AAECAwQFBgcICQoLDA0ODw==',
};

describe('EncryptedField', () => {
  it('accepts the stored format and nothing near it', () => {
    expect(EncryptedField.is(FIELD)).toBe(true);
    const near = [
      { ...FIELD, $pd: 2 },
      { ...FIELD, iv: 'AAECAwQFBgcICQo=' },
      { ...FIELD, tag: 'AAECAwQFBgcICQoLDA0O' },
      { ...FIELD, ct: '' },
      { ...FIELD, ct: 'not base64!' },
      { ...FIELD, subject: '' },
      { ...FIELD, extra: true },
      'Aigerim',
    ];
    for (const value of near) expect(EncryptedField.is(value)).toBe(false);
    const decoded = EncryptedField.decode({ ...FIELD, iv: 'AAEC' });
    expect(decoded._tag).toBe('Left');
  });

  it('writes associated data that no two scopes share', () => {
    const base = {
      kind: 'event' as const,
      streamName: 's-KZ-71-1',
      record: 'e1',
      path: ['a', 'b'],
      subject: 'c',
    };
    const texts = new Set(
      [
        base,
        { ...base, path: ['a.b'] },
        { ...base, streamName: 's-KZ-71-1e1', record: '' },
        { ...base, subject: 'c", "x' },
        { ...base, kind: 'snapshot' as const },
      ].map(fieldAssociatedData),
    );
    expect(texts.size).toBe(5);
  });

  it('finds every encrypted field of a record with its path', () => {
    const data: JsonValue = {
      reporter: { name: FIELD, phone: FIELD },
      people: [{ name: FIELD }],
      other: 'x',
    };
    expect(findEncryptedFields(data).map((found) => showJsonPath(found.path))).toEqual([
      'reporter.name',
      'reporter.phone',
      'people.0.name',
    ]);
  });

  it('reads the erased marker through personal codecs', () => {
    const Name = personal(boundedText(20));
    expect(Name.decode({ $erased: true })._tag).toBe('Right');
    expect(Name.decode('Aigerim')._tag).toBe('Right');
    expect(Name.decode({ $erased: true, name: 'x' })._tag).toBe('Left');
    expect(isErased({ $erased: true })).toBe(true);
  });
});

describe('JSON paths', () => {
  it('read back what they wrote, and leave the rest of the value shared', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (json, replacement) => {
        const value = json as JsonValue;
        for (const { path } of findAllPaths(value)) {
          const changed = withValueAt(value, path, replacement as JsonValue);
          expect(valueAt(changed, path)).toEqual(replacement);
        }
      }),
      { numRuns: 100 },
    );
    const data = { a: { b: 1 }, c: { d: 2 } };
    const changed = withValueAt(data, ['a', 'b'], 3) as typeof data;
    expect(changed.c).toBe(data.c);
    expect(data.a.b).toBe(1);
  });

  it('lead nowhere rather than into prototypes or past the end', () => {
    expect(valueAt({ a: 1 }, ['constructor'])).toBeUndefined();
    expect(valueAt([1, 2], ['2'])).toBeUndefined();
    expect(valueAt([1, 2], ['01'])).toBeUndefined();
    expect(withValueAt({ a: 1 }, ['b', 'c'], 2)).toEqual({ a: 1 });
    expect(parseJsonPath('')).toEqual([]);
    expect(parseJsonPath('reporter.name')).toEqual(['reporter', 'name']);
  });
});

describe('subject ids', () => {
  it('are 1 to 200 characters without blanks at either end', () => {
    expect(checkSubject('citizen-1')._tag).toBe('Right');
    expect(checkSubjects(['a', 'b'])._tag).toBe('Right');
    const refused = checkSubjects(['a', ' b', 'c'.repeat(201)]);
    expect(refused._tag === 'Left' && refused.left.issues.map((i) => i.path)).toEqual([
      'subjects.1',
      'subjects.2',
    ]);
  });
});

const findAllPaths = (json: JsonValue) => {
  const paths: { path: string[] }[] = [];
  const walk = (value: JsonValue, path: string[]) => {
    paths.push({ path });
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value))
      value.forEach((item: JsonValue, index: number) => walk(item, [...path, String(index)]));
    else for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(json, []);
  return paths;
};
