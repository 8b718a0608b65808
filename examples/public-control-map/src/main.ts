/**
 * The Public Control Map, narrated: citizens in three cities report misuse of budget funds, the regional
 * offices register and answer, and a live subscription shows every event as the log grows.
 *
 * Run it with `pnpm demo` from the repository's root.
 */
import { createMemoryEventStore } from '@adal/adapters/memory';
import { createAdalClient } from '@adal/client';
import type { RecordedEvent } from '@adal/core';
import { Report } from './report.js';

const say = (text: string) => console.log(`\n▸ ${text}`);

const store = createMemoryEventStore();
const client = createAdalClient({ store, snapshots: store });

const log: RecordedEvent[] = [];
const subscription = store.subscribeToAll({}, (event) => {
  log.push(event);
  console.log(`    [$all] ${event.streamName} r${event.streamRevision} ${event.type}`);
});

const reports = [
  {
    stream: 'report-KZ-71-school-17',
    region: 'KZ-71',
    lat: 51.128,
    lon: 71.43,
    object: 'School No. 17 construction',
    description: 'Walls built with cheaper bricks than the estimate says',
  },
  {
    stream: 'report-KZ-75-road-al-farabi',
    region: 'KZ-75',
    lat: 43.218,
    lon: 76.927,
    object: 'Road repair, Al-Farabi avenue',
    description: 'Asphalt paid for twice in one year',
  },
  {
    stream: 'report-KZ-79-clinic-3',
    region: 'KZ-79',
    lat: 42.317,
    lon: 69.59,
    object: 'Clinic No. 3 equipment',
    description: 'Equipment bought at three times the market price',
  },
] as const;

say('Citizens submit reports on the Public Control Map in Astana, Almaty and Shymkent');
for (const r of reports) {
  const result = await client.handleCommand(
    Report,
    r.stream,
    {
      type: 'SubmitReport',
      region: r.region,
      lat: r.lat,
      lon: r.lon,
      object: r.object,
      description: r.description,
    },
    { actor: { role: 'citizen' } },
  )();
  console.log(result._tag === 'Right' ? `  ✓ ${r.object} (${r.region})` : `  ✗ ${result.left.message}`);
}

say('A form with a typo is refused with a readable error, and nothing is stored');
const typo = await client.handleCommand(Report, 'report-KZ-71-typo', {
  type: 'SubmitReport',
  region: 'KZ-71',
  lat: '51.1',
  lon: 71.4,
  object: 'Park',
  descripton: 'Benches never installed',
})();
if (typo._tag === 'Left')
  console.log(
    typo.left.message
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );

say('The regional offices register the reports; a double click on "register" is harmless');
for (const r of reports) {
  for (let click = 0; click < 2; click++) {
    await client.handleCommand(
      Report,
      r.stream,
      { type: 'RegisterReport', registeredAt: '2026-11-28' },
      {
        commandId: `register-${r.stream}`,
        actor: { role: 'officer', region: r.region },
      },
    )();
  }
}

say('Two officers answer the Astana report at the same moment: one answer wins, the other is told why');
const answers = await Promise.all(
  ['The contractor was fined and must rebuild the walls', 'Referred to the anti-corruption service'].map(
    (answer) =>
      client.handleCommand(
        Report,
        reports[0].stream,
        { type: 'RecordAnswer', answer },
        { actor: { role: 'officer', region: 'KZ-71' } },
      )(),
  ),
);
for (const a of answers) console.log(a._tag === 'Right' ? `  ✓ answered` : `  ✗ refused: ${a.left._tag}`);

await new Promise((resolve) => setTimeout(resolve, 50));
await subscription.stop();

say('The log, as a table');
console.table(
  log.map((e) => ({
    stream: e.streamName,
    revision: Number(e.streamRevision),
    type: e.type,
    actor: e.metadata.actor?.role ?? '',
  })),
);
console.log(`\n${log.length} events in $all; ${store.size()} stored. Done.`);
await client.close();
