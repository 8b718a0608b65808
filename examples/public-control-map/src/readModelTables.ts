/**
 * The read models, as a portal's screens would show them, printed as tables: the projection runner has
 * turned every event in the store into them, so they count every run, not only this one.
 */
import type { AdalClient } from '@adal/client';
import type { RegionCode } from '@adal/core';
import { formatTenge, REGIONS } from '@adal/core';
import { count, fail, say, table } from './narration.js';

const regionName = (region: RegionCode): string => REGIONS[region].en;

const sum = <T>(rows: readonly T[], figure: (row: T) => number): number =>
  rows.reduce((total, row) => total + figure(row), 0);

const percent = (value: number | null | undefined): string =>
  value === undefined || value === null ? '—' : `${Math.round(value)} %`;

/** Reports by region and status: the Public Control Map's counts. Returns the total of reports. */
const reportsByRegion = async (client: AdalClient): Promise<number> => {
  const counts = await client.readModels.reportsMap.countsByRegion()();
  if (counts._tag === 'Left') return fail('the reports map', counts.left);
  const rows = counts.right.filter((row) => row.total > 0);
  const statuses = ['submitted', 'registered', 'answered', 'closed', 'escalated'] as const;
  say('Reports by region and status (the Public Control Map)');
  table(
    [
      { heading: 'region' },
      ...statuses.map((status) => ({ heading: status, align: 'right' as const })),
      { heading: 'overdue', align: 'right' },
      { heading: 'total', align: 'right' },
    ],
    rows.map((row) => [
      regionName(row.region),
      ...statuses.map((status) => count(row.byStatus[status])),
      count(row.overdue),
      count(row.total),
    ]),
    [
      'all regions',
      ...statuses.map((status) => count(sum(rows, (row) => row.byStatus[status]))),
      count(sum(rows, (row) => row.overdue)),
      count(sum(rows, (row) => row.total)),
    ],
  );
  return sum(rows, (row) => row.total);
};

/** Deadline compliance: on time = answered on time / (answered + open overdue). */
const deadlineCompliance = async (client: AdalClient): Promise<void> => {
  const byRegion = await client.readModels.deadlineCompliance.byRegion()();
  const national = await client.readModels.deadlineCompliance.national()();
  if (byRegion._tag === 'Left') return fail('deadline compliance', byRegion.left);
  if (national._tag === 'Left') return fail('deadline compliance', national.left);
  const rows = byRegion.right.filter(
    (row) => row.open + row.overdue + row.answeredOnTime + row.answeredLate > 0,
  );
  const median = (days: { readonly workingDays: number; readonly atLeast: boolean } | undefined) =>
    days === undefined ? '—' : `${days.atLeast ? '≥' : ''}${days.workingDays}`;
  say('Deadline compliance by region (15 working days to answer)');
  const n = national.right;
  table(
    [
      { heading: 'region' },
      { heading: 'open', align: 'right' },
      { heading: 'overdue', align: 'right' },
      { heading: 'on time', align: 'right' },
      { heading: 'late', align: 'right' },
      { heading: 'median days', align: 'right' },
      { heading: 'on time %', align: 'right' },
    ],
    [
      ...rows.map((row) => [
        regionName(row.region),
        count(row.open),
        count(row.overdue),
        count(row.answeredOnTime),
        count(row.answeredLate),
        median(row.medianDaysToAnswer),
        percent(row.onTimePercent),
      ]),
    ],
    [
      'national',
      count(n.open),
      count(n.overdue),
      count(n.answeredOnTime),
      count(n.answeredLate),
      median(n.medianDaysToAnswer),
      percent(n.onTimePercent),
    ],
  );
};

/** How the monitoring groups' and the agency's recommendations were implemented. */
const recommendationImplementation = async (client: AdalClient): Promise<void> => {
  const national = await client.readModels.recommendationImplementation.national()();
  if (national._tag === 'Left') return fail('recommendation implementation', national.left);
  const rows = national.right.regions.filter((row) => row.issued > 0);
  const headings = ['issued', 'reviewed', 'reported', 'fully', 'partly', 'not', 'overdue'];
  const cells = (row: (typeof rows)[number] | typeof national.right) => [
    count(row.issued),
    count(row.reviewed),
    count(row.reported),
    count(row.implementedFully),
    count(row.implementedPartly),
    count(row.notImplemented),
    count(row.overdue),
  ];
  say('Recommendation implementation by region (reviewed = in the labour collective)');
  table(
    [{ heading: 'region' }, ...headings.map((heading) => ({ heading, align: 'right' as const }))],
    rows.map((row) => [regionName(row.region), ...cells(row)]),
    ['national', ...cells(national.right)],
  );
};

/** The Digital Agent's ratings, by region. */
const serviceQuality = async (client: AdalClient): Promise<void> => {
  const national = await client.readModels.serviceQuality.national()();
  if (national._tag === 'Left') return fail('service quality', national.left);
  const rows = national.right.regions.filter((row) => row.ratings > 0);
  const cells = (row: (typeof rows)[number] | typeof national.right) => [
    count(row.ratings),
    row.meanScore === null ? '—' : row.meanScore.toFixed(2),
    count(row.lowScores),
    count(row.informalPayments),
    count(row.flagsOpen),
  ];
  say('Service quality by region (the Digital Agent)');
  table(
    [
      { heading: 'region' },
      { heading: 'ratings', align: 'right' },
      { heading: 'mean score', align: 'right' },
      { heading: 'low (≤ 2)', align: 'right' },
      { heading: 'bribe asked', align: 'right' },
      { heading: 'flags open', align: 'right' },
    ],
    rows.map((row) => [regionName(row.region), ...cells(row)]),
    ['national', ...cells(national.right)],
  );
};

/** The case statistics of every year with cases: the figures the agency reports each year. */
const caseStatistics = async (client: AdalClient): Promise<void> => {
  const years = await client.readModels.caseStatistics.years()();
  if (years._tag === 'Left') return fail('case statistics', years.left);
  const rows: string[][] = [];
  for (const year of years.right) {
    const figures = await client.readModels.caseStatistics.year(year)();
    if (figures._tag === 'Left') return fail(`case statistics of ${year}`, figures.left);
    const f = figures.right;
    rows.push([
      String(year),
      count(f.offencesRegistered),
      count(f.personsExposed),
      `${f.headsDetained.republican} / ${f.headsDetained.regional} / ${f.headsDetained.cityDistrict}`,
      formatTenge(f.damage),
      formatTenge(f.recovered),
      `${f.recoveryRate} %`,
    ]);
  }
  say('Case statistics by year, national');
  table(
    [
      { heading: 'year' },
      { heading: 'offences', align: 'right' },
      { heading: 'persons exposed', align: 'right' },
      { heading: 'heads detained (rep / reg / city)', align: 'right' },
      { heading: 'damage', align: 'right' },
      { heading: 'recovered', align: 'right' },
      { heading: 'rate', align: 'right' },
    ],
    rows,
  );
};

/** Prints the read models as tables; returns the number of reports on the map, for the closing line. */
export const printReadModels = async (client: AdalClient): Promise<number> => {
  const reports = await reportsByRegion(client);
  await deadlineCompliance(client);
  await recommendationImplementation(client);
  await serviceQuality(client);
  await caseStatistics(client);
  return reports;
};
