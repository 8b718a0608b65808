import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readReportForm } from '../src/reportForm.js';

describe('readReportForm', () => {
  it('sets the channel and evidence itself, whatever the body says', () => {
    const read = readReportForm({
      region: 'KZ-71',
      channel: 'eGov',
      evidence: ['x'],
      reporter: { kind: 'anonymous' },
    });
    expect(read).toEqual(
      E.right({ kind: 'anonymous', report: { region: 'KZ-71', channel: 'portal', evidence: [] } }),
    );
  });

  it('gives each identified report a fresh pseudonymous subject, never one taken from the body', () => {
    const one = readReportForm({ reporter: { kind: 'identified', name: 'Aigerim', subjectId: 'chosen' } });
    const two = readReportForm({ reporter: { kind: 'identified', name: 'Aigerim' } });
    if (E.isLeft(one) || E.isLeft(two) || one.right.kind !== 'identified' || two.right.kind !== 'identified')
      throw new Error('expected identified submissions');
    expect(one.right.subjectId).toMatch(/^citizen-[0-9a-f-]{36}$/);
    expect(one.right.report.reporter).toMatchObject({ name: 'Aigerim', subjectId: one.right.subjectId });
    expect(one.right.subjectId).not.toBe(two.right.subjectId);
  });
});
