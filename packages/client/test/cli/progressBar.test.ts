/**
 * The rebuild's progress display, in the process: a bar redrawn in place on a terminal, plain lines at an
 * interval elsewhere, with the rate and the time left computed from what was done since it started.
 */
import { describe, expect, it } from 'vitest';
import { describeProgress, progressBar } from '../../src/cli/progressBar.js';
import { redact, storeTarget } from '../../src/cli/storeTarget.js';

const recorder = (tty: boolean) => {
  const written: string[] = [];
  return { io: { err: (text: string) => written.push(text), errIsTty: tty }, written };
};

describe('progress display', () => {
  it('gives percent, events/s and the time left', () => {
    const { bar, line } = describeProgress(
      { done: 2_500, total: 10_000 },
      { label: 'case-statistics', seconds: 2, doneAtStart: 0 },
    );
    expect(line).toBe('case-statistics: 25.0 % (2,500/10,000 events, 1,250 events/s, ETA 6s)');
    expect(bar).toMatch(
      /^case-statistics ██████░{18} {2}25\.0 % {2}2,500\/10,000 events {2}1,250 events\/s {2}ETA 6s$/,
    );
  });

  it('redraws one line on a terminal and ends it when finished', () => {
    let now = 0;
    const { io, written } = recorder(true);
    const bar = progressBar(io, { label: 'p', now: () => now });
    bar.update({ done: 0, total: 10 });
    now = 50;
    bar.update({ done: 5, total: 10 }); // within the redraw interval: skipped
    now = 200;
    bar.update({ done: 5, total: 10 });
    bar.finish({ done: 10, total: 10 });
    expect(written).toHaveLength(3);
    expect(written.every((text) => text.startsWith('\r\x1b[2K'))).toBe(true);
    expect(written.at(-1)).toMatch(/100\.0 %.*\n$/);
  });

  it('writes plain lines at its interval when not on a terminal', () => {
    let now = 0;
    const { io, written } = recorder(false);
    const bar = progressBar(io, { label: 'p', intervalMs: 1000, now: () => now });
    for (let t = 0; t <= 3000; t += 250) {
      now = t;
      bar.update({ done: t, total: 4000 });
    }
    bar.finish({ done: 4000, total: 4000 });
    expect(written).toEqual([
      'p: 0.0 % (0/4,000 events, 0 events/s, ETA ?)\n',
      'p: 25.0 % (1,000/4,000 events, 1,000 events/s, ETA 3s)\n',
      'p: 50.0 % (2,000/4,000 events, 1,000 events/s, ETA 2s)\n',
      'p: 75.0 % (3,000/4,000 events, 1,000 events/s, ETA 1s)\n',
      'p: 100.0 % (4,000/4,000 events, 1,333 events/s, ETA 0s)\n',
    ]);
  });
});

describe('store selection', () => {
  it('reads --store, then ADAL_STORE, then ./.adal, and never shows a password', () => {
    expect(storeTarget({ store: 'postgres://ops:s3cret@db:5432/adal' }, {}, '/srv')).toEqual({
      _tag: 'Right',
      right: { kind: 'postgres', connectionString: 'postgres://ops:s3cret@db:5432/adal', schema: 'adal' },
    });
    expect(storeTarget({}, { ADAL_STORE: 'pglite:data' }, '/srv')).toMatchObject({
      right: { kind: 'pglite', dir: '/srv/data' },
    });
    expect(storeTarget({ schema: 'kz71' }, {}, '/srv')).toMatchObject({
      right: { kind: 'pglite', dir: '/srv/.adal', schema: 'kz71' },
    });
    expect(storeTarget({ schema: 'Bad-Name' }, {}, '/srv')).toMatchObject({
      left: { code: 2, message: '--schema: expected a lower-case SQL name, got "Bad-Name"' },
    });
    expect(redact('postgresql://ops:s3cret@db/adal?sslmode=require')).toBe(
      'postgresql://ops:***@db/adal?sslmode=require',
    );
    expect(redact('postgres://db/adal?user=ops&password=s3cret')).toBe(
      'postgres://db/adal?user=ops&password=***',
    );
  });
});
