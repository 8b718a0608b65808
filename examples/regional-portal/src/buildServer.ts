import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { AdalClient, ProjectionRunner } from '@adal/client';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Fastify from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { SdkError } from './httpError.js';
import { httpError, internalError } from './httpError.js';
import { receiptRoutes } from './receiptRoutes.js';
import { reportRoutes } from './reportRoutes.js';
import { statisticsRoutes } from './statisticsRoutes.js';

/** What the routes share: the client, its runner, and how to answer with an SDK result. */
export interface RouteContext {
  readonly client: AdalClient;
  readonly runner: ProjectionRunner;
  /** Sends `Right` as JSON with `status` (200 by default), `Left` as its HTTP error. */
  readonly send: <A>(reply: FastifyReply, result: E.Either<SdkError, A>, status?: number) => FastifyReply;
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

// Only the portal's own files: no inline script or style, no framing, no plugins, forms post to the portal.
// SVG presentation attributes are not styles, so the map and charts need no 'unsafe-inline'.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Amounts in tiyn are `bigint`s: JSON writes them as decimal strings, as the SDK's codecs read them. */
const toJson = (payload: unknown): string =>
  JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

/**
 * Builds the portal's HTTP app: the page and its assets from `public/`, the JSON API under `/api`, security
 * headers on every answer, and errors as `{ error: { tag, message, fields? } }` — never a stack trace.
 *
 * The app keeps no access log: the anonymous routes must not record who called them (see the
 * anonymous-reports guide), and a request's address is not needed for anything else here.
 */
export const buildServer = async (options: {
  readonly client: AdalClient;
  readonly runner: ProjectionRunner;
  readonly receiptChecksPerSecond?: number;
}): Promise<FastifyInstance> => {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  app.setReplySerializer(toJson);
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    // API answers may hold a receipt's report and its answers: no cache keeps them.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler(
    (error: { readonly statusCode?: number; readonly message?: string }, _request, reply) => {
      // Fastify's own 4xx (a body that is not JSON, one too large) say what the caller did; anything else is ours.
      const status = error.statusCode;
      if (status !== undefined && status >= 400 && status < 500) {
        return reply
          .status(status)
          .send({ error: { tag: 'BadRequest', message: error.message ?? 'bad request', fields: {} } });
      }
      return reply.status(internalError.status).send(internalError.body);
    },
  );
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { tag: 'NotFound', message: 'No such page or route.' } }),
  );

  const send: RouteContext['send'] = (reply, result, status = 200) => {
    if (E.isRight(result)) return reply.status(status).send(result.right);
    const answer = httpError(result.left);
    return reply.status(answer.status).send(answer.body);
  };
  const context: RouteContext = { client: options.client, runner: options.runner, send };

  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/', index: 'index.html' });
  await app.register(reportRoutes(context), { prefix: '/api' });
  await app.register(receiptRoutes(context, { checksPerSecond: options.receiptChecksPerSecond ?? 5 }), {
    prefix: '/api',
  });
  await app.register(statisticsRoutes(context), { prefix: '/api' });
  return app;
};
