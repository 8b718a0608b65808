import type { AdalSession } from '@adal/client';
import { REGION_CODES, REGIONS, REPORT_CATEGORIES, REPORT_MAP_STATUSES } from '@adal/core';
import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { RouteContext } from './buildServer.js';
import { readReportForm } from './reportForm.js';

/** How long a submission waits for the read models, so that the map and the receipt work at once. */
const CATCH_UP_MS = 3_000;

/** One query parameter as the read models take it: absent when empty, a list when repeated. */
const param = (value: unknown): string | readonly string[] | undefined => {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const list = value.filter((item): item is string => typeof item === 'string' && item !== '');
    return list.length === 0 ? undefined : list;
  }
  return undefined;
};

/**
 * A session of the public: every visitor reads through it, so the access policy decides what the portal
 * may show to someone who has not signed in.
 */
export const visitorSession = (
  context: RouteContext,
): E.Either<{ readonly _tag: string; readonly message: string }, AdalSession> =>
  context.client.as({ role: 'citizen', id: 'portal-visitor' });

/**
 * The map's routes: what the page needs to draw (regions with their kk/ru/en names and extents, categories,
 * statuses), the reports as GeoJSON, the counts by region, and the report form.
 */
export const reportRoutes = (context: RouteContext) => async (app: FastifyInstance) => {
  const { client, runner, send } = context;
  const visitor = visitorSession(context);

  app.get('/meta', async (_request, reply) =>
    reply.send({
      regions: REGION_CODES.map((code) => ({ code, ...REGIONS[code] })),
      categories: REPORT_CATEGORIES,
      statuses: REPORT_MAP_STATUSES,
      languages: ['kk', 'ru', 'en'],
      officeKey: client.receipts.officeKey ?? null,
    }),
  );

  app.get('/reports/map', async (request, reply) => {
    if (E.isLeft(visitor)) return send(reply, visitor);
    const query = (request.query ?? {}) as Readonly<Record<string, unknown>>;
    const filter = Object.fromEntries(
      (['region', 'status', 'category'] as const).flatMap((key) => {
        const value = param(query[key]);
        return value === undefined ? [] : [[key, value]];
      }),
    );
    return send(reply, await visitor.right.readModels.reportsMap.features(filter)());
  });

  app.get('/reports/counts', async (_request, reply) => {
    if (E.isLeft(visitor)) return send(reply, visitor);
    return send(reply, await visitor.right.readModels.reportsMap.countsByRegion()());
  });

  app.post('/reports', async (request, reply) => {
    const form = readReportForm(request.body);
    if (E.isLeft(form)) return send(reply, form);
    if (form.right.kind === 'anonymous') {
      // Nothing about the request goes along: no address, no user agent, no command id from the caller.
      const submitted = await client.receipts.submitAnonymousReport(
        form.right.report as Parameters<typeof client.receipts.submitAnonymousReport>[0],
      )();
      if (E.isRight(submitted)) await runner.waitUntilCaughtUp({ timeoutMs: CATCH_UP_MS });
      return send(
        reply,
        E.map(
          (s: {
            readonly reportId: string;
            readonly receipt: string;
            readonly acknowledgement: unknown;
          }) => ({
            kind: 'anonymous',
            reportId: s.reportId,
            receipt: s.receipt,
            acknowledgement: s.acknowledgement,
            keyId: client.receipts.officeKey?.keyId ?? null,
          }),
        )(submitted),
        201,
      );
    }
    // An identified reporter submits in a citizen's session, which records the actor in the events.
    const session = client.as({ role: 'citizen', id: form.right.subjectId });
    if (E.isLeft(session)) return send(reply, session);
    const submitted = await session.right.reports.submitReport(
      form.right.report as Parameters<typeof session.right.reports.submitReport>[0],
    )();
    if (E.isRight(submitted)) await runner.waitUntilCaughtUp({ timeoutMs: CATCH_UP_MS });
    return send(
      reply,
      E.map((s: { readonly id: string }) => ({ kind: 'identified', reportId: s.id }))(submitted),
      201,
    );
  });
};
