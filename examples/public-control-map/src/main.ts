/**
 * The Public Control Map, narrated: citizens in three cities report misuse of budget funds, the regional
 * offices register, extend, answer and escalate, a case opens with suspects at three levels, and the
 * deadline job marks what was left unanswered. A clock that the story moves forward stands in for the days
 * that pass.
 *
 * It runs on the embedded default: PostgreSQL in the process (PGlite), kept in `./.adal` (or `ADAL_DIR`), so
 * nothing else needs installing and a second run continues on the same data.
 *
 * Run it with `pnpm demo` from the repository's root.
 */
import { openEmbeddedEventStore } from '@adal/adapters/postgres';
import { createAdalClient } from '@adal/client';
import type { RecordedEvent } from '@adal/core';
import { allEvents, formatTenge, localDate, tenge } from '@adal/core';

const say = (text: string) => console.log(`\n▸ ${text}`);
const en = (text: string) => ({ text, language: 'en' as const });

let now = new Date('2026-03-02T10:00:00+05:00');
const days = (n: number) => {
  now = new Date(now.getTime() + n * 86_400_000);
  console.log(`  … ${localDate(now)}`);
};

const dir = process.env.ADAL_DIR ?? './.adal';
const opened = await openEmbeddedEventStore({ dir })();
if (opened._tag === 'Left') {
  console.error(`Could not open the store in ${dir}: ${opened.left.message}`);
  process.exit(1);
}
const store = opened.right;
const client = createAdalClient({ store, snapshots: store, clock: () => now });

const countEvents = async (): Promise<number> => {
  let count = 0;
  for await (const _event of allEvents(store, { max: 1000 })) count += 1;
  return count;
};
const earlier = await countEvents();
console.log(
  earlier === 0
    ? `A new store in ${dir}.`
    : `The store in ${dir} already holds ${earlier} events from earlier runs.`,
);

// A live subscription to $all, as a projection would run; the table at the end shows this run's streams.
const log: RecordedEvent[] = [];
const subscription = store.subscribeToAll({}, (event) => {
  log.push(event);
});

const fail = (what: string, error: { readonly message: string }): never => {
  console.error(`  ✗ ${what}: ${error.message}`);
  process.exit(1);
};

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
const caseIds: string[] = [];
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
      reporter: { kind: 'identified', subjectId: `citizen-${ids.length + 1}`, name: 'A citizen' },
    },
    { actor: { role: 'citizen' } },
  )();
  if (submitted._tag === 'Left') fail(s.object, submitted.left);
  else {
    ids.push(submitted.right.id);
    console.log(`  ✓ ${s.object} (${s.region}, ${formatTenge(s.amount)}) → ${submitted.right.id}`);
  }
}
const [astana = '', almaty = '', shymkent = ''] = ids;

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
if (typo._tag === 'Left')
  console.log(
    typo.left.message
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
console.log(`  (${(await countEvents()) - before} events stored)`);

days(2);
say('The offices register the reports: the answer is due in 15 working days');
for (const id of ids) {
  const registered = await client.reports.registerReport(id, { registrationNumber: `REG-${id.slice(-4)}` })();
  if (registered._tag === 'Left') fail(id, registered.left);
  else
    console.log(`  ✓ ${id.split('-').slice(1, 3).join('-')} due on ${registered.right.state.dueOn ?? '?'}`);
}

days(5);
say(
  'Astana extends its deadline once, by a deputy head, and tells the reporter; a second extension is refused',
);
const extended = await client.reports.extendDeadline(astana, {
  newDueOn: '2026-04-30',
  decidedBy: { officerId: 'officer-7', name: 'Deputy head of the Astana office', position: 'deputyHead' },
  reason: en('An expert examination of the bricks is needed'),
})();
if (extended._tag === 'Left') fail('extend', extended.left);
await client.reports.notifyReporterOfExtension(astana, { channel: 'eGov' })();
const again = await client.reports.extendDeadline(astana, {
  newDueOn: '2026-05-04',
  decidedBy: { officerId: 'officer-7', name: 'Deputy head of the Astana office', position: 'deputyHead' },
  reason: en('More time'),
})();
console.log(
  again._tag === 'Left' ? `  ✗ refused: ${again.left._tag} — ${again.left.message}` : '  ! accepted twice',
);

say('Almaty answers in time and closes; Shymkent stays silent');
await client.reports.recordAnswer(almaty, {
  answer: en('The contractor repays the double payment'),
  answeredBy: 'officer-3',
})();
const closed = await client.reports.closeReport(almaty, { outcome: 'confirmed' })();
console.log(closed._tag === 'Right' ? '  ✓ Almaty report closed: confirmed' : `  ✗ ${closed.left.message}`);

days(55);
say('The deadline job runs (twice: the second run finds nothing new)');
for (let run = 1; run <= 2; run++) {
  const result = await client.deadlines.markOverdue(now)();
  if (result._tag === 'Left') fail('deadline job', result.left);
  else {
    const mine = result.right.marked.filter((id) => ids.includes(id));
    console.log(
      `  run ${run}: ${result.right.scanned} reports scanned, this run's marked overdue: ${mine.join(', ') || 'none'}`,
    );
  }
}

say('Astana answers late, and escalates the report to a corruption case');
const late = await client.reports.recordAnswer(astana, {
  answer: en('The examination confirms the substitution'),
  answeredBy: 'officer-7',
})();
if (late._tag === 'Right')
  console.log(
    `  ✓ answered ${late.right.events[0]?.type === 'ReportAnswered' && late.right.events[0].data.late ? 'late' : 'on time'}`,
  );
const registeredCase = await client.cases.registerCase({
  offence: { article: '366', part: 4 },
  region: 'KZ-71',
  source: 'report',
  reportId: astana,
})();
if (registeredCase._tag === 'Left') fail('case', registeredCase.left);
else {
  const caseId = registeredCase.right.id;
  caseIds.push(caseId);
  await client.reports.escalateToCase(astana, {
    caseId,
    reason: en('Signs of bribery in the contract award'),
  })();
  await client.cases.startInvestigation(caseId)();
  const suspects = [
    { personId: 'p-republican', position: 'Vice-minister', level: 'republican', head: true },
    {
      personId: 'p-regional',
      position: 'Head of the city education department',
      level: 'regional',
      head: true,
    },
    { personId: 'p-district', position: 'Head of the district akimat', level: 'cityDistrict', head: true },
  ] as const;
  for (const suspect of suspects) {
    await client.cases.identifySuspect(caseId, suspect)();
    await client.cases.detainSuspect(caseId, { personId: suspect.personId })();
  }
  await client.cases.recordDamage(caseId, { amount: tenge(850_000_000) })();
  const recovered = await client.cases.recordRecovery(caseId, { amount: tenge(756_500_000) })();
  if (recovered._tag === 'Right') {
    const { damage, recovered: back } = recovered.right.state;
    console.log(
      `  ✓ case ${caseId}: 3 heads detained, damage ${formatTenge(damage)}, recovered ${formatTenge(back)}`,
    );
  }
}

await new Promise((resolve) => setTimeout(resolve, 50));
await subscription.stop();

say('The log, by stream');
const runStreams = new Set([...ids, ...caseIds]);
const byStream = new Map<string, string[]>();
for (const event of log.filter((e) => runStreams.has(e.streamName)))
  byStream.set(event.streamName, [...(byStream.get(event.streamName) ?? []), event.type]);
console.table(
  [...byStream].map(([stream, types]) => ({ stream, events: types.length, last: types[types.length - 1] })),
);
const appended = [...byStream.values()].reduce((sum, types) => sum + types.length, 0);
console.log(
  `\n${appended} events appended by this run; ${await countEvents()} in the store. Shymkent's report: ${shymkent}. Done.`,
);
await client.close();
