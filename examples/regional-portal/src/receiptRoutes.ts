import type { OfficeAnswer, ReceiptSession } from '@adal/client';
import type { ValidationError } from '@adal/core';
import { validationError } from '@adal/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { RouteContext } from './buildServer.js';
import { receiptLimiter } from './receiptLimiter.js';

/**
 * Reads a receipt route's body: an object with exactly the fields named, each a string. The receipt comes
 * in the body, never in the URL, so that it stays out of logs, history and `Referer` headers.
 */
const readBody = <K extends string>(
  body: unknown,
  fields: readonly K[],
): E.Either<ValidationError, Readonly<Record<K, string>>> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return E.left(validationError([{ path: '', message: 'expected a JSON object' }]));
  const record = body as Readonly<Record<string, unknown>>;
  const issues = [
    ...fields
      .filter((field) => typeof record[field] !== 'string')
      .map((field) => ({ path: field, message: 'expected text' })),
    ...Object.keys(record)
      .filter((key) => !(fields as readonly string[]).includes(key))
      .map((key) => ({ path: key, message: 'unknown field' })),
  ];
  return issues.length > 0 ? E.left(validationError(issues)) : E.right(record as Readonly<Record<K, string>>);
};

/** The status and the office's answers, through one session: the receipt is derived once for both. */
const view = async (session: ReceiptSession) => {
  const status = await session.status()();
  if (E.isLeft(status)) return status;
  const answers = await session.answers()();
  return E.map((list: readonly OfficeAnswer[]) => ({ status: status.right, answers: list }))(answers);
};

/**
 * The follow-up page's routes: what a receipt opens (the report's status and the office's answers), and a
 * follow-up posted with it. A wrong receipt is `ReceiptNotRecognised` (404) whatever the reason, as the
 * service answers; a mistyped one is a `ValidationError` at `receipt` (400).
 */
export const receiptRoutes =
  (context: RouteContext, options: { readonly checksPerSecond: number }) => async (app: FastifyInstance) => {
    const { client, send } = context;
    const limiter = receiptLimiter(options.checksPerSecond);
    const tooMany = (reply: FastifyReply) =>
      reply
        .status(429)
        .header('retry-after', String(limiter.retryAfterSeconds()))
        .send({
          error: { tag: 'TooManyRequests', message: 'Too many receipt checks; try again in a moment.' },
        });

    app.post('/receipts/status', async (request, reply) => {
      const body = readBody(request.body, ['receipt']);
      if (E.isLeft(body)) return send(reply, body);
      if (!limiter.take()) return tooMany(reply);
      return send(reply, await view(client.receipts.withReceipt(body.right.receipt)));
    });

    app.post('/receipts/follow-ups', async (request, reply) => {
      const body = readBody(request.body, ['receipt', 'text', 'language']);
      if (E.isLeft(body)) return send(reply, body);
      if (!limiter.take()) return tooMany(reply);
      const session = client.receipts.withReceipt(body.right.receipt);
      const posted = await session.postFollowUp({
        text: body.right.text,
        language: body.right.language as 'kk' | 'ru' | 'en',
      })();
      if (E.isLeft(posted)) return send(reply, posted);
      const after = await view(session);
      return send(
        reply,
        E.map((seen: { readonly status: unknown; readonly answers: unknown }) => ({
          postedAt: posted.right.postedAt,
          ...seen,
        }))(after),
        201,
      );
    });
  };
