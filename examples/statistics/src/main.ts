/**
 * The article's statistics for 2018, reproduced from events: a few thousand commands through
 * `client.cases` build corruption cases in eight regions, the projection runner turns their events into the
 * case statistics, and the queries answer with the figures the agency reported — printed beside the
 * article's numbers, with the events behind one of them.
 *
 * Everything runs in memory, with fixed dates and ids, so every run prints the same table.
 *
 * Run it with `pnpm --filter @adal/example-statistics start` from the repository's root.
 */
import { createMemoryEventStore, createMemoryReadModelStore } from '@adal/adapters/memory';
import { caseStatisticsQueries, createAdalClient, createProjectionRunner } from '@adal/client';
import { CASE_STATISTICS, formatTenge } from '@adal/core';
import { ARTICLE, buildArticleDataset, datasetIds } from './dataset.js';

const fail = (what: string, error: { readonly message: string }): never => {
  console.error(`✗ ${what}: ${error.message}`);
  process.exit(1);
};
const count = (n: number) => n.toLocaleString('en-US');

const store = createMemoryEventStore();
const client = createAdalClient({
  store,
  snapshots: store,
  clock: () => new Date('2019-03-01T10:00:00+05:00'),
  newId: datasetIds(),
});
const built = await buildArticleDataset(client);
if (built._tag === 'Left') fail('the dataset', built.left);
else {
  const { commands, events, cases } = built.right;
  console.log(
    `${count(commands)} commands through client.cases: ${count(events)} events in ${count(cases)} cases.`,
  );
}

const readModels = createMemoryReadModelStore();
const runner = createProjectionRunner({ store, readModels, projections: [CASE_STATISTICS] });
await runner.start();
const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 60_000 });
await runner.stop();
if (caughtUp._tag === 'Left') fail('the projection', caughtUp.left);

const statistics = caseStatisticsQueries(readModels);
const year = await statistics.year(ARTICLE.year)();
const change = await statistics.change(ARTICLE.baseYear, ARTICLE.year)();
if (year._tag === 'Left') fail(`the figures of ${ARTICLE.year}`, year.left);
if (change._tag === 'Left') fail(`the change since ${ARTICLE.baseYear}`, change.left);
if (year._tag === 'Left' || change._tag === 'Left') process.exit(1);
const figures = year.right;
const fall = change.right;

const percent = (n: number) => `${n} %`;
const signed = (n: number | undefined) => (n === undefined ? '—' : `${n > 0 ? '+' : ''}${n} %`);
const rows: readonly (readonly [string, string, string])[] = [
  ['Persons exposed', count(figures.personsExposed), count(ARTICLE.personsExposed)],
  [
    'Heads detained, republican',
    count(figures.headsDetained.republican),
    count(ARTICLE.headsDetained.republican),
  ],
  ['Heads detained, regional', count(figures.headsDetained.regional), count(ARTICLE.headsDetained.regional)],
  [
    'Heads detained, city and district',
    count(figures.headsDetained.cityDistrict),
    count(ARTICLE.headsDetained.cityDistrict),
  ],
  ['Organised criminal groups', count(figures.organisedGroups), count(ARTICLE.organisedGroups)],
  ['Facts of systemic corruption', count(figures.systemicFacts), count(ARTICLE.systemicFacts)],
  [
    'Officials charged for them',
    count(figures.officialsChargedForSystemicFacts),
    count(ARTICLE.officialsChargedForSystemicFacts),
  ],
  ['Damage caused', formatTenge(figures.damage), formatTenge(ARTICLE.damage)],
  ['Damage recovered', percent(figures.recoveryRate), percent(ARTICLE.recoveryRate)],
  [
    `Offences, ${ARTICLE.year} against ${ARTICLE.baseYear}`,
    signed(fall.percentChange),
    signed(ARTICLE.offencesChange),
  ],
];

const width = [
  Math.max(...rows.map(([label]) => label.length)),
  Math.max('computed'.length, ...rows.map(([, computed]) => computed.length)),
  Math.max('article'.length, ...rows.map(([, , article]) => article.length)),
];
const line = (cells: readonly string[]) =>
  cells
    .map((cell, i) => (i === 0 ? cell.padEnd(width[i] ?? 0) : cell.padStart(width[i] ?? 0)))
    .join('  ')
    .trimEnd();
console.log(`\nCase statistics of ${ARTICLE.year}, national, computed from events:\n`);
console.log(line(['', 'computed', 'article', '']));
let mismatches = 0;
for (const [label, computed, article] of rows) {
  const same = computed === article;
  if (!same) mismatches += 1;
  console.log(line([label, computed, article, same ? '✓' : '✗']));
}
console.log(
  `\nOffences registered: ${count(fall.from)} in ${ARTICLE.baseYear}, ${count(fall.to)} in ${ARTICLE.year}; ` +
    `recovered ${formatTenge(figures.recovered)}.`,
);

// Every figure names the events it was computed from.
const behind = await statistics.eventsBehind('headsDetainedRepublican', ARTICLE.year, { limit: 3 })();
if (behind._tag === 'Left') fail('the events behind a figure', behind.left);
else {
  console.log(
    `\nThe first events behind "heads detained, republican" (${figures.headsDetained.republican} in all):`,
  );
  for (const event of behind.right.events) console.log(`  ${event.eventId}  ${event.streamName}`);
}

await client.close();
console.log(
  mismatches === 0
    ? '\nEvery figure matches the article.'
    : `\n${mismatches} figures differ from the article.`,
);
process.exit(mismatches === 0 ? 0 : 1);
