import { parseArgs } from 'node:util';
import type { RegionCode } from '@adal/core';
import { CASE_STATISTICS, formatTenge, Region, REGION_CODES, regionName, reportErrors } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { CaseStatisticsYear } from '../readModels/caseStatistics.js';
import { caseStatisticsQueries } from '../readModels/caseStatistics.js';
import { createProjectionRunner } from '../projections/ProjectionRunner.js';
import type { CliCommand } from './cliCommand.js';
import { commandHelp } from './cliCommand.js';
import { expectPositionals, parseCommandArgs, STORE_OPTIONS } from './commandArgs.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, operationFailure, usageFailure } from './exitCodes.js';
import type { OpenedStore } from './openStore.js';
import { openStore } from './openStore.js';
import { storeTarget } from './storeTarget.js';
import { formatCount, textTable } from './textTable.js';

const SYNOPSIS = 'adal stats --year <yyyy> [--region <code>] [--csv] [--store <url|dir>]';

/**
 * `adal stats`: the case statistics of a year from the read model, nationally or for one region, as a
 * table or as CSV.
 *
 * @category cli
 * @since 0.1.0
 */
export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'case statistics of a year, from the read model (table or CSV)',
  synopsis: SYNOPSIS,
  help: commandHelp({
    synopsis: SYNOPSIS,
    description: `Prints the case statistics of a year as the read model holds them (persons exposed, heads
detained by level, organised groups, systemic corruption, damage and recovery), for the whole
country or one region. It reads the read model only: when the read model is behind the log it
says so on stderr (is the portal's runner running?).`,
    options: `  --year <yyyy>     the year (required), e.g. 2018
  --region <code>   one region, by ISO 3166-2:KZ code (KZ-71 Astana, KZ-75 Almaty, …)
  --csv             CSV instead of a table: a header, then one row per region with figures and
                    a row "all" for the country (with --region: that region's row); amounts in tiyn`,
  }),
  run: async (args, io) => {
    const parsed = parseCommandArgs(() =>
      parseArgs({
        args: [...args],
        options: {
          ...STORE_OPTIONS,
          year: { type: 'string' },
          region: { type: 'string' },
          csv: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: true,
      }),
    );
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help === true) {
      io.out(statsCommand.help);
      return E.right(EXIT.ok);
    }
    const checked = expectPositionals(positionals, []);
    if (E.isLeft(checked)) return checked;
    if (values.year === undefined) return E.left(usageFailure('--year is required, e.g. --year 2018'));
    if (!/^\d{4}$/.test(values.year)) {
      return E.left(usageFailure(`--year: expected a four-digit year, got ${JSON.stringify(values.year)}`));
    }
    const year = Number(values.year);
    let region: RegionCode | undefined;
    if (values.region !== undefined) {
      const decoded = Region.decode(values.region);
      if (E.isLeft(decoded)) {
        const why = reportErrors(decoded.left)
          .map((issue) => issue.message)
          .join('; ');
        return E.left(usageFailure(`--region: ${why}`));
      }
      region = decoded.right;
    }
    const target = storeTarget(values, io.env, io.cwd);
    if (E.isLeft(target)) return target;
    const opened = await openStore(target.right);
    if (E.isLeft(opened)) return opened;
    try {
      const built = await checkReadModel(opened.right, io.err);
      if (E.isLeft(built)) return built;
      const rows = await figures(opened.right, year, region, values.csv === true);
      if (E.isLeft(rows)) return rows;
      io.out(values.csv === true ? csv(rows.right) : table(rows.right));
      return E.right<CliFailure, ExitCode>(EXIT.ok);
    } finally {
      await opened.right.close();
    }
  },
};

/** Refuses a read model never built; notes one that is behind the log. */
const checkReadModel = async (
  opened: OpenedStore,
  note: (text: string) => void,
): Promise<E.Either<CliFailure, void>> => {
  const { store } = opened;
  // A runner that is never started only reads where the read model stands: it takes no lease.
  const runner = createProjectionRunner({ store, readModels: store, projections: [CASE_STATISTICS] });
  const status = (await runner.status())[0];
  const live = status?.generations.find((generation) => generation.status === 'live');
  if (live === undefined) {
    return E.left(
      operationFailure(
        `the case statistics were never built in this store: start the portal's projection runner, or run adal rebuild ${CASE_STATISTICS.name}`,
      ),
    );
  }
  if (live.eventsBehind > 0) {
    note(
      `note: ${CASE_STATISTICS.name} is ${formatCount(live.eventsBehind)} events behind the log (${Math.round(live.secondsBehind)} s): is the portal's runner running?\n`,
    );
  }
  return E.right(undefined);
};

/** The figures to show: the region's, or the country's and (for CSV) each region's that has any. */
const figures = async (
  opened: OpenedStore,
  year: number,
  region: RegionCode | undefined,
  perRegion: boolean,
): Promise<E.Either<CliFailure, readonly CaseStatisticsYear[]>> => {
  const queries = caseStatisticsQueries(opened.store);
  const scopes: readonly (RegionCode | undefined)[] =
    region !== undefined ? [region] : perRegion ? [undefined, ...REGION_CODES] : [undefined];
  const rows: CaseStatisticsYear[] = [];
  for (const scope of scopes) {
    const found = await queries.year(year, scope === undefined ? {} : { region: scope })();
    if (E.isLeft(found)) {
      // The flags were checked before: what is left is the store or a stored document.
      return E.left(operationFailure(`the case statistics could not be read: ${found.left.message}`));
    }
    if (scope === undefined || scope === region || hasFigures(found.right)) rows.push(found.right);
  }
  return E.right(rows);
};

const hasFigures = (row: CaseStatisticsYear): boolean =>
  row.offencesRegistered + row.personsExposed + row.headsDetained.total + row.organisedGroups > 0 ||
  row.systemicFacts + row.officialsChargedForSystemicFacts > 0 ||
  row.damage > 0n ||
  row.recovered > 0n;

/** One scope's figures as a two-column table. */
const table = (rows: readonly CaseStatisticsYear[]): string => {
  const [row] = rows;
  if (row === undefined) return '';
  const scope =
    row.region === undefined ? 'Kazakhstan, all regions' : `${regionName(row.region, 'en')} (${row.region})`;
  const figuresRows: readonly (readonly [string, string])[] = [
    ['Offences registered', formatCount(row.offencesRegistered)],
    ['Persons exposed', formatCount(row.personsExposed)],
    ['Heads detained, republican level', formatCount(row.headsDetained.republican)],
    ['Heads detained, regional level', formatCount(row.headsDetained.regional)],
    ['Heads detained, city and district level', formatCount(row.headsDetained.cityDistrict)],
    ['Heads detained, in all', formatCount(row.headsDetained.total)],
    ['Organised criminal groups', formatCount(row.organisedGroups)],
    ['Facts of systemic corruption', formatCount(row.systemicFacts)],
    ['Officials charged for them', formatCount(row.officialsChargedForSystemicFacts)],
    ['Damage caused', formatTenge(row.damage)],
    ['Damage recovered', formatTenge(row.recovered)],
    ['Recovered, share of the damage', `${row.recoveryRate} %`],
  ];
  return `Case statistics of ${row.year}: ${scope}\n\n${textTable(['figure', 'value'], figuresRows)}`;
};

const CSV_HEADER = [
  'year',
  'region',
  'offences_registered',
  'persons_exposed',
  'heads_detained_republican',
  'heads_detained_regional',
  'heads_detained_city_district',
  'heads_detained_total',
  'organised_groups',
  'systemic_facts',
  'officials_charged_for_systemic_facts',
  'damage_tiyn',
  'recovered_tiyn',
  'recovery_rate_percent',
] as const;

/**
 * RFC 4180 CSV: figures as plain integers (amounts in tiyn, exact), so a spreadsheet sums them without
 * parsing thousands separators or currency signs.
 */
const csv = (rows: readonly CaseStatisticsYear[]): string =>
  [
    CSV_HEADER.join(','),
    ...rows.map((row) =>
      [
        row.year,
        row.region ?? 'all',
        row.offencesRegistered,
        row.personsExposed,
        row.headsDetained.republican,
        row.headsDetained.regional,
        row.headsDetained.cityDistrict,
        row.headsDetained.total,
        row.organisedGroups,
        row.systemicFacts,
        row.officialsChargedForSystemicFacts,
        row.damage.toString(),
        row.recovered.toString(),
        row.recoveryRate,
      ].join(','),
    ),
  ].join('\r\n') + '\r\n';
