/**
 * The Digital Agent: people rate the public services they have just received, from their phones. The demo
 * seeds a morning's ratings in five regions — most of them good, some low, a few saying an informal payment
 * was demanded — and one rater flags the violation, which opens a report the office must resolve.
 */
import type { AdalClient } from '@adal/client';
import type { RegionCode } from '@adal/core';
import { en, fail, note, progress, refusal } from './narration.js';

/** A public service centre branch of each region, where the rated services were received. */
const BRANCHES: readonly {
  readonly region: RegionCode;
  readonly id: string;
  readonly name: string;
  readonly point: { readonly lat: number; readonly lon: number };
}[] = [
  { region: 'KZ-71', id: 'psc-astana-2', name: 'PSC Astana, branch 2', point: { lat: 51.16, lon: 71.47 } },
  { region: 'KZ-75', id: 'psc-almaty-5', name: 'PSC Almaty, branch 5', point: { lat: 43.24, lon: 76.91 } },
  { region: 'KZ-79', id: 'psc-shymkent-1', name: 'PSC Shymkent, branch 1', point: { lat: 42.32, lon: 69.6 } },
  {
    region: 'KZ-35',
    id: 'psc-karaganda-3',
    name: 'PSC Karaganda, branch 3',
    point: { lat: 49.8, lon: 73.1 },
  },
  {
    region: 'KZ-55',
    id: 'psc-pavlodar-1',
    name: 'PSC Pavlodar, branch 1',
    point: { lat: 52.29, lon: 76.95 },
  },
];

/** Services from the register of public services (codes as the register writes them). */
const SERVICES = [
  { code: '00201001', name: 'Registration at the place of residence' },
  { code: '00401002', name: 'Issue of an identity card' },
  { code: '00801005', name: 'Child benefit at birth' },
  { code: '01101004', name: 'Registration of a land plot' },
] as const;

/**
 * A score that looks like a morning's ratings: about half fives, a third fours, the rest threes and below,
 * with one in twenty a one (an informal payment demanded). Spread by a fixed multiplier rather than drawn
 * at random, so every run adds the same figures and the tables grow by them.
 */
const scoreOf = (i: number): 1 | 2 | 3 | 4 | 5 => {
  const bucket = (i * 37) % 100;
  return bucket < 5 ? 1 : bucket < 12 ? 2 : bucket < 20 ? 3 : bucket < 55 ? 4 : 5;
};

/**
 * Seeds `total` ratings with a progress line, then flags one informal-payment demand as a violation.
 * `runTag` keeps this run's service instances apart from earlier runs', so each rater rates once.
 */
export const seedDigitalAgent = async (
  client: AdalClient,
  options: { readonly total: number; readonly runTag: string; readonly at: Date },
): Promise<{ readonly ratings: number; readonly linkedReport?: string }> => {
  const bar = progress('ratings', options.total);
  let flaggable: string | undefined;
  for (let i = 1; i <= options.total; i++) {
    const branch = BRANCHES[i % BRANCHES.length] ?? BRANCHES[0];
    const service = SERVICES[i % SERVICES.length] ?? SERVICES[0];
    if (branch === undefined) break;
    const score = scoreOf(i);
    const rated = await client.ratings.rateService({
      rater: `resident-${options.runTag}-${i}`,
      serviceInstanceId: `application-${options.runTag}-${i}`,
      service: { code: service.code, name: { en: service.name } },
      provider: {
        kind: 'publicServiceCentre',
        id: branch.id,
        name: { en: branch.name },
        point: branch.point,
      },
      region: branch.region,
      receivedAt: options.at,
      score,
      criteria: { informalPaymentDemanded: score === 1, waitingMinutes: 5 + (i % 40) },
      at: options.at,
    })();
    if (rated._tag === 'Left') return fail(`rating ${i}`, rated.left);
    if (score === 1 && flaggable === undefined) flaggable = rated.right.id;
    bar.update(i);
  }
  bar.done();

  if (flaggable === undefined) return { ratings: options.total };
  // A rater who was asked for money flags it: the flag opens a report on the map (category public-service
  // quality), which the regional office has to resolve like any other.
  const flagged = await client.ratings.flagViolation(flaggable, {
    violation: 'informalPayment',
    flaggedBy: 'rater',
    description: en('The clerk asked for 20 000 tenge to speed up the application'),
    at: options.at,
  })();
  if (flagged._tag === 'Left') {
    note(refusal(flagged.left));
    return { ratings: options.total };
  }
  const linked = flagged.right.events.find((event) => event.type === 'ViolationFlagged');
  const linkedReport = linked?.type === 'ViolationFlagged' ? linked.data.linkedReport.reportId : undefined;
  note(`✓ a rater flags an informal payment demand: ${flaggable}`);
  if (linkedReport !== undefined) note(`  → it opens a report on the map for the office: ${linkedReport}`);
  return { ratings: options.total, ...(linkedReport === undefined ? {} : { linkedReport }) };
};
