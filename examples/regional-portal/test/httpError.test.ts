import { describe, expect, it } from 'vitest';
import { httpError } from '../src/httpError.js';

describe('httpError', () => {
  it('gives bad input 400 with its problems by field', () => {
    const answer = httpError({
      _tag: 'ValidationError',
      message: 'point: not in KZ-71\npoint: again',
      issues: [
        { path: 'point', message: 'not in KZ-71' },
        { path: 'point', message: 'again' },
        { path: '', message: 'whole input' },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual({ point: ['not in KZ-71', 'again'], '': ['whole input'] });
  });

  it('maps access control to 403, unknown receipts to 404 and conflicts to 409', () => {
    expect(httpError({ _tag: 'AccessDenied', message: 'access denied: RegionScope' }).status).toBe(403);
    expect(httpError({ _tag: 'ReceiptNotRecognised', message: 'receipt: no report answers' }).status).toBe(
      404,
    );
    expect(httpError({ _tag: 'ConcurrencyConflict', message: 'retried 5 times' }).status).toBe(409);
    expect(httpError({ _tag: 'WrongExpectedRevision', message: 'expected 3, got 4' }).status).toBe(409);
    const rule = httpError({ _tag: 'DuplicateTakesNoFollowUps', message: 'a duplicate takes no follow-ups' });
    expect(rule).toEqual({
      status: 409,
      body: { error: { tag: 'DuplicateTakesNoFollowUps', message: 'a duplicate takes no follow-ups' } },
    });
  });

  it('tells the browser nothing of the server when the store or the code failed', () => {
    const unavailable = httpError({
      _tag: 'StoreUnavailable',
      message: 'connect ECONNREFUSED 10.0.0.5:5432',
    });
    expect(unavailable.status).toBe(503);
    expect(JSON.stringify(unavailable.body)).not.toContain('10.0.0.5');
    const bug = httpError({
      _tag: 'EventDecodeFailed',
      message: 'event 0190… of report-KZ-71-… cannot be read',
    });
    expect(bug.status).toBe(500);
    expect(JSON.stringify(bug.body)).not.toContain('report-KZ-71');
  });
});
