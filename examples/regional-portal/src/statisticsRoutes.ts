import type { CaseStatisticsYear } from '@adal/client';
import { REGION_CODES, validationError } from '@adal/core';
import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { RouteContext } from './buildServer.js';
import { visitorSession } from './reportRoutes.js';

/**
 * The statistics page's routes, each a public read model read through the visitor's session: the case
 * statistics (every year nationally, and one year by region), deadline compliance by region, and the
 * quality of public services by region.
 */
export const statisticsRoutes = (context: RouteContext) => async (app: FastifyInstance) => {
  const { send } = context;
  const visitor = visitorSession(context);

  app.get('/statistics/cases', async (request, reply) => {
    if (E.isLeft(visitor)) return send(reply, visitor);
    const statistics = visitor.right.readModels.caseStatistics;
    const years = await statistics.years()();
    if (E.isLeft(years)) return send(reply, years);
    const national: CaseStatisticsYear[] = [];
    for (const year of years.right) {
      const figures = await statistics.year(year)();
      if (E.isLeft(figures)) return send(reply, figures);
      national.push(figures.right);
    }
    const asked = (request.query as Readonly<Record<string, unknown>> | undefined)?.year;
    const year = asked === undefined || asked === '' ? years.right[years.right.length - 1] : Number(asked);
    if (year === undefined) return send(reply, E.right({ years: national, year: null, regions: [] }));
    if (!Number.isInteger(year))
      return send(
        reply,
        E.left(validationError([{ path: 'year', message: `expected a year, got ${JSON.stringify(asked)}` }])),
      );
    const regions: CaseStatisticsYear[] = [];
    for (const region of REGION_CODES) {
      const figures = await statistics.year(year, { region })();
      if (E.isLeft(figures)) return send(reply, figures);
      regions.push(figures.right);
    }
    return send(reply, E.right({ years: national, year, regions }));
  });

  app.get('/statistics/compliance', async (_request, reply) => {
    if (E.isLeft(visitor)) return send(reply, visitor);
    const compliance = visitor.right.readModels.deadlineCompliance;
    const national = await compliance.national()();
    if (E.isLeft(national)) return send(reply, national);
    const regions = await compliance.byRegion()();
    return send(
      reply,
      E.map((list: readonly unknown[]) => ({ national: national.right, regions: list }))(regions),
    );
  });

  app.get('/statistics/quality', async (_request, reply) => {
    if (E.isLeft(visitor)) return send(reply, visitor);
    return send(reply, await visitor.right.readModels.serviceQuality.national()());
  });
};
