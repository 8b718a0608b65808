/**
 * The Public Control Map, narrated. Across five regions: the Digital Agent's ratings come in; citizens
 * report misuse of budget funds on the map, one of them anonymously with a receipt; the regional offices
 * register, extend, answer and escalate; a special monitoring group visits a road repair and recommends, and
 * the recommendation is reviewed in the labour collective of the body concerned; the deadline job marks what
 * was left unanswered; corruption cases open; the log is sealed and verified; and the read models, kept by
 * the projection runner, are printed as tables. A clock that the story moves forward stands in for the days
 * that pass.
 *
 * It runs on the embedded default: PostgreSQL in the process (PGlite), kept in `./.adal` (or `ADAL_DIR`), so
 * nothing else needs installing. A second run continues on the same data: its story starts after the last
 * run's seal, its ids are new, its seal extends the last one, and the tables count both runs.
 *
 * Run it with `pnpm demo` from the repository's root.
 */
import { randomUUID } from 'node:crypto';
import { openEmbeddedEventStore } from '@adal/adapters/postgres';
import { createAdalClient } from '@adal/client';
import { allEvents, formatTenge, localDate, tenge } from '@adal/core';
import { followUpWithReceipt, readAnswers, reportAnonymously } from './anonymousReporter.js';
import { catchUp } from './catchUp.js';
import { seedDigitalAgent } from './digitalAgent.js';
import { agencyRecommends, assess, monitorAndRecommend, reviewAndReport } from './monitoring.js';
import { count, en, fail, note, plural, refusal, say } from './narration.js';
import { loadOrCreateOfficeSecrets } from './officeSecrets.js';
import { printReadModels } from './readModelTables.js';
import { latestSeal, sealAndVerify } from './sealAndVerify.js';

const started = Date.now();
/** Ratings the Digital Agent brings in per run: enough to make the projections and the seal work. */
const RATINGS = Number(process.env.ADAL_DEMO_RATINGS ?? 500);

const dir = process.env.ADAL_DIR ?? './.adal';
const opened = await openEmbeddedEventStore({ dir })();
if (opened._tag === 'Left') fail(`open the store in ${dir}`, opened.left);
if (opened._tag === 'Left') process.exit(1);
const store = opened.right;
const kept = loadOrCreateOfficeSecrets(dir);
if (typeof kept === 'string') fail('the office secrets', { message: kept });
if (typeof kept === 'string') process.exit(1);
const { secrets } = kept;

let now = new Date('2026-03-02T10:00:00+05:00');
const client = createAdalClient({
  store,
  snapshots: store,
  clock: () => now,
  audit: { signingKey: secrets.signingKey },
  receipts: { peppers: secrets.peppers },
  pseudonymKey: secrets.pseudonymKey,
});

const countEvents = async (): Promise<number> => {
  const counted = store.countAll === undefined ? undefined : await store.countAll({})();
  if (counted?._tag === 'Right') return counted.right;
  let n = 0;
  for await (const _event of allEvents(store, { max: 1000 })) n += 1;
  return n;
};
const earlier = await countEvents();
const previousSeal = await latestSeal(client);
if (previousSeal !== undefined) {
  // The story goes on from the Monday after the last run's seal, so dates never run backwards in the log.
  const sealed = new Date(`${localDate(new Date(previousSeal.sealedAt))}T10:00:00+05:00`);
  const toMonday = ((8 - sealed.getUTCDay()) % 7) + (sealed.getUTCDay() === 1 ? 7 : 0);
  now = new Date(sealed.getTime() + toMonday * 86_400_000);
}
console.log(
  earlier === 0
    ? `A new store in ${dir}.`
    : `The store in ${dir} already holds ${count(earlier)} events from earlier runs; the story resumes on ${localDate(now)}.`,
);
console.log(
  kept.created
    ? `The office's signing key and receipt peppers are new, kept in ${kept.path} (a real office keeps them in a secret store).`
    : `The office's signing key and receipt peppers are read from ${kept.path}.`,
);
const days = (n: number) => {
  now = new Date(now.getTime() + n * 86_400_000);
  console.log(`  … ${localDate(now)}`);
};
// Each run's people and service instances are new: a second run adds to the data instead of colliding.
const runTag = randomUUID().slice(0, 8);

say(`The Digital Agent: people rate the public services they received this morning, in five regions`);
const agent = await seedDigitalAgent(client, { total: RATINGS, runTag, at: now });

say('The portal starts its projection runner: the six read models (and the receipt index) catch up');
const runner = client.readModels.runner();
await runner.start();
await catchUp(runner, 'catch-up');

say('Citizens report misuse of budget funds on the map in Astana, Almaty and Shymkent');
const submissions = [
  {
    region: 'KZ-71',
    point: { lat: 51.128, lon: 71.43 },
    category: 'constructionQuality',
    object: 'School No. 17 construction',
    amount: tenge(1_520_000_000),
    text: 'The walls are built of cheaper bricks than the estimate says',
  },
  {
    region: 'KZ-75',
    point: { lat: 43.218, lon: 76.927 },
    category: 'misuseOfFunds',
    object: 'Road repair, Al-Farabi avenue',
    amount: tenge(310_000_000),
    text: 'The same stretch of asphalt was paid for twice this year',
  },
  {
    region: 'KZ-79',
    point: { lat: 42.317, lon: 69.59 },
    category: 'procurement',
    object: 'Clinic No. 3 equipment',
    amount: tenge(95_000_000),
    text: 'Equipment bought at three times the market price',
  },
] as const;
const ids: string[] = [];
for (const s of submissions) {
  const submitted = await client.reports.submitReport(
    {
      channel: 'map',
      region: s.region,
      point: s.point,
      category: s.category,
      description: en(s.text),
      budgetObject: { name: s.object, amount: s.amount },
      evidence: [],
      reporter: { kind: 'identified', subjectId: `citizen-${runTag}-${ids.length + 1}`, name: 'A citizen' },
    },
    { actor: { role: 'citizen' } },
  )();
  if (submitted._tag === 'Left') fail(s.object, submitted.left);
  else {
    ids.push(submitted.right.id);
    note(`✓ ${s.object} (${s.region}, ${formatTenge(s.amount)}) → ${submitted.right.id}`);
  }
}
const [astana = '', almaty = '', shymkent = ''] = ids;

say('In Karaganda a contractor’s employee reports a bribe, anonymously: a receipt instead of a name');
const anonymous = await reportAnonymously(client);
ids.push(anonymous.reportId);

say('A form with mistakes is refused field by field, and nothing is stored');
const before = await countEvents();
// What a portal's form handler receives as JSON, with a typo, a number as text and a negative amount.
const form: unknown = JSON.parse(`{
  "channel": "map", "region": "KZ-71", "point": { "lat": "51.1", "lon": 71.4 }, "category": "constructionQuality",
  "descripton": { "text": "Benches never installed", "language": "en" },
  "budgetObject": { "name": "Park", "amount": "-5" }, "evidence": [],
  "reporter": { "kind": "identified", "subjectId": "citizen-9", "name": "A citizen" }
}`);
// The method checks everything at run time, so untyped JSON can be passed as it is.
const typo = await client.reports.submitReport(form as Parameters<typeof client.reports.submitReport>[0])();
if (typo._tag === 'Left') for (const line of typo.left.message.split('\n')) note(line);
note(`(${(await countEvents()) - before} events stored)`);

days(2);
say('The offices register the reports: the answer is due in 15 working days');
for (const id of [...ids, ...(agent.linkedReport === undefined ? [] : [agent.linkedReport])]) {
  const registered = await client.reports.registerReport(id, { registrationNumber: `REG-${id.slice(-6)}` })();
  if (registered._tag === 'Left') fail(id, registered.left);
  else note(`✓ ${id.split('-').slice(1, 3).join('-')} due on ${registered.right.state.dueOn ?? '?'}`);
}

say('The anonymous reporter comes back with the receipt');
await runner.waitUntilCaughtUp(); // the receipt index is a read model, so it must have seen the report
await followUpWithReceipt(client, anonymous.receipt);

say('Almaty’s special monitoring group visits the road repair a citizen reported, and recommends');
const monitored = await monitorAndRecommend(client, { visitedOn: localDate(now) });
say('The agency recommends too, after its own analysis of corruption risks');
await agencyRecommends(client);

days(5);
say(
  'Astana extends its deadline once, by a deputy head, and tells the reporter; a second extension is refused',
);
const deputy = {
  officerId: 'officer-7',
  name: 'Deputy head of the Astana office',
  position: 'deputyHead',
} as const;
const newDueOn = localDate(new Date(now.getTime() + 52 * 86_400_000));
const extended = await client.reports.extendDeadline(astana, {
  newDueOn,
  decidedBy: deputy,
  reason: en('An expert examination of the bricks is needed'),
})();
if (extended._tag === 'Left') fail('extend', extended.left);
const told = await client.reports.notifyReporterOfExtension(astana, { channel: 'eGov' })();
if (told._tag === 'Left') fail('tell the reporter', told.left);
note(`✓ extended to ${newDueOn} by the deputy head; the reporter is told through eGov within 3 working days`);
const again = await client.reports.extendDeadline(astana, {
  newDueOn: localDate(new Date(now.getTime() + 55 * 86_400_000)),
  decidedBy: deputy,
  reason: en('More time'),
})();
note(again._tag === 'Left' ? refusal(again.left) : '! accepted twice');

say('Almaty answers in time and closes; Karaganda answers the anonymous reporter; Shymkent stays silent');
await client.reports.recordAnswer(almaty, {
  answer: en('The contractor repays the double payment'),
  answeredBy: 'officer-3',
})();
const closed = await client.reports.closeReport(almaty, { outcome: 'confirmed' })();
note(closed._tag === 'Right' ? '✓ Almaty report closed: confirmed' : `✗ ${closed.left.message}`);
await client.reports.recordAnswer(anonymous.reportId, {
  answer: en('An inspection of the tender commission has begun; thank you for the minutes'),
  answeredBy: 'officer-11',
})();
await readAnswers(client, anonymous.receipt);

say('The roads department takes up the recommendation in its labour collective');
await reviewAndReport(client, monitored.recommendationId, { meetingOn: localDate(now) });

days(8);
say('The group assesses what the department did (no sooner than 5 working days after its report)');
await assess(client, monitored.recommendationId);

days(47);
say('The deadline job runs (twice: the second run finds nothing new)');
for (let run = 1; run <= 2; run++) {
  const result = await client.deadlines.markOverdue(now)();
  if (result._tag === 'Left') fail('deadline job', result.left);
  else {
    const { scanned, marked } = result.right;
    const reports = marked.filter((id) => id.startsWith('report-'));
    note(
      `run ${run}: ${count(scanned)} reports and recommendations scanned; marked overdue: ` +
        `${plural(reports.length, 'report')}, ${plural(marked.length - reports.length, 'recommendation')}`,
    );
    for (const id of marked) note(`  ${id}`);
  }
}

say('Astana answers late, and escalates the report to a corruption case');
const late = await client.reports.recordAnswer(astana, {
  answer: en('The examination confirms the substitution'),
  answeredBy: 'officer-7',
})();
if (late._tag === 'Right') {
  const answered = late.right.events[0];
  note(`✓ answered ${answered?.type === 'ReportAnswered' && answered.data.late ? 'late' : 'on time'}`);
}
const registeredCase = await client.cases.registerCase({
  offence: { article: '366', part: 4 },
  region: 'KZ-71',
  source: 'report',
  reportId: astana,
})();
if (registeredCase._tag === 'Left') fail('case', registeredCase.left);
else {
  const caseId = registeredCase.right.id;
  await client.reports.escalateToCase(astana, {
    caseId,
    reason: en('Signs of bribery in the contract award'),
  })();
  await client.cases.startInvestigation(caseId)();
  const suspects = [
    { personId: `p-${runTag}-1`, position: 'Vice-minister', level: 'republican', head: true },
    {
      personId: `p-${runTag}-2`,
      position: 'Head of the city education department',
      level: 'regional',
      head: true,
    },
    { personId: `p-${runTag}-3`, position: 'Head of the district akimat', level: 'cityDistrict', head: true },
  ] as const;
  for (const suspect of suspects) {
    await client.cases.identifySuspect(caseId, suspect)();
    await client.cases.detainSuspect(caseId, { personId: suspect.personId })();
  }
  await client.cases.recordDamage(caseId, { amount: tenge(850_000_000) })();
  const recovered = await client.cases.recordRecovery(caseId, { amount: tenge(756_500_000) })();
  if (recovered._tag === 'Right') {
    const { damage, recovered: back } = recovered.right.state;
    note(`✓ case ${caseId}: 3 heads detained, damage ${formatTenge(damage)}, recovered ${formatTenge(back)}`);
  }
}

say('Almaty opens a case from the monitoring group’s finding');
const fromFinding = await client.cases.registerCase({
  offence: { article: '189', part: 3 },
  region: 'KZ-75',
  source: 'monitoringFinding',
  summary: en('Road works paid for twice, found by the special monitoring group'),
})();
if (fromFinding._tag === 'Left') fail('case', fromFinding.left);
else {
  const caseId = fromFinding.right.id;
  const steps = [
    () => client.cases.startInvestigation(caseId)(),
    () =>
      client.cases.identifySuspect(caseId, {
        personId: `p-${runTag}-4`,
        position: 'Deputy head of the roads department',
        level: 'cityDistrict',
        head: false,
      })(),
    () => client.cases.chargeSuspect(caseId, { personId: `p-${runTag}-4` })(),
    () => client.cases.recordDamage(caseId, { amount: tenge(310_000_000) })(),
    () => client.cases.recordRecovery(caseId, { amount: tenge(310_000_000) })(),
  ];
  for (const step of steps) {
    const done = await step();
    if (done._tag === 'Left') fail(caseId, done.left);
  }
  note(
    `✓ case ${caseId}: an official charged, the double payment of ${formatTenge(tenge(310_000_000))} repaid in full`,
  );
}

say('The sealing job signs the log; then the whole log is verified');
await sealAndVerify(client, anonymous.reportId);

say('The read models catch up with everything this run added');
await catchUp(runner, 'projections');
const reportsOnMap = await printReadModels(client);
await runner.stop();

const total = await countEvents();
console.log(
  `\n${count(total - earlier)} events appended by this run; ${count(total)} in the store; ` +
    `${count(reportsOnMap)} reports on the map. Shymkent's report, never answered: ${shymkent}. ` +
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
await client.close();
