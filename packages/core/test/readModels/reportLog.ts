/**
 * CitizenReport events for the read models that follow reports (the map, deadline compliance): the events
 * of runs of commands the aggregate accepts, recorded on their streams as a store would.
 */
import * as E from 'fp-ts/lib/Either.js';
import { CitizenReport, CitizenReportEvents } from '../../src/reports/index.js';
import type { CitizenReportCommand, CitizenReportEvent } from '../../src/reports/index.js';
import { run } from '../reports/CitizenReportFixtures.js';
import type { ReportAggregate } from '../reports/CitizenReportFixtures.js';
import { registryLog } from './recordedLog.js';

/** A log of report events: `append(stream, events)` records a stream's events. */
export const reportLog = () => registryLog(CitizenReportEvents);

/** The events of a run of commands that the aggregate (CitizenReport unless told) must accept. */
export const accepted = (
  commands: readonly CitizenReportCommand[],
  aggregate: ReportAggregate = CitizenReport,
): readonly CitizenReportEvent[] => {
  const result = run(commands, aggregate);
  if (E.isLeft(result)) throw new Error(`command ${result.left.index} refused: ${result.left.error.message}`);
  return result.right.events;
};
