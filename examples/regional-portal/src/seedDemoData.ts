import type { AdalClient } from '@adal/client';
import type { RegionCode, ReportCategory } from '@adal/core';
import { tenge } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';

/** How far a demo report got before the portal's first start. */
type Fate = 'submitted' | 'registered' | 'assigned' | 'answered' | 'closed' | 'redirected' | 'overdue';

interface DemoReport {
  readonly region: RegionCode;
  readonly lat: number;
  readonly lon: number;
  readonly category: ReportCategory;
  readonly object: string;
  readonly amountTenge: number;
  readonly text: string;
  readonly daysAgo: number;
  readonly fate: Fate;
}

// Cities of each region, moved a little so that the markers of one city do not sit on one another.
const REPORTS: readonly DemoReport[] = [
  {
    region: 'KZ-71',
    lat: 51.128,
    lon: 71.43,
    category: 'constructionQuality',
    object: 'School No. 17 construction',
    amountTenge: 1_520_000_000,
    text: 'The walls are built of cheaper bricks than the estimate says',
    daysAgo: 40,
    fate: 'answered',
  },
  {
    region: 'KZ-71',
    lat: 51.16,
    lon: 71.47,
    category: 'procurement',
    object: 'Snow removal contract',
    amountTenge: 240_000_000,
    text: 'The same company won every lot at the highest price',
    daysAgo: 3,
    fate: 'submitted',
  },
  {
    region: 'KZ-75',
    lat: 43.218,
    lon: 76.927,
    category: 'misuseOfFunds',
    object: 'Road repair, Al-Farabi avenue',
    amountTenge: 310_000_000,
    text: 'The same stretch of asphalt was paid for twice this year',
    daysAgo: 55,
    fate: 'closed',
  },
  {
    region: 'KZ-75',
    lat: 43.26,
    lon: 76.85,
    category: 'briberyOrExtortion',
    object: 'Kindergarten places',
    amountTenge: 0,
    text: 'Parents are asked for money to get a place',
    daysAgo: 12,
    fate: 'assigned',
  },
  {
    region: 'KZ-79',
    lat: 42.317,
    lon: 69.59,
    category: 'procurement',
    object: 'Clinic No. 3 equipment',
    amountTenge: 95_000_000,
    text: 'Equipment bought at three times the market price',
    daysAgo: 60,
    fate: 'overdue',
  },
  {
    region: 'KZ-35',
    lat: 49.806,
    lon: 73.085,
    category: 'constructionQuality',
    object: 'Heating main replacement',
    amountTenge: 820_000_000,
    text: 'Old pipes were painted instead of replaced',
    daysAgo: 25,
    fate: 'registered',
  },
  {
    region: 'KZ-55',
    lat: 52.287,
    lon: 76.967,
    category: 'misuseOfFunds',
    object: 'Embankment lighting',
    amountTenge: 60_000_000,
    text: 'Half of the lamps paid for were never installed',
    daysAgo: 30,
    fate: 'answered',
  },
  {
    region: 'KZ-63',
    lat: 49.948,
    lon: 82.628,
    category: 'publicServiceQuality',
    object: 'Public service centre No. 2',
    amountTenge: 0,
    text: 'Certificates are issued only after an informal payment',
    daysAgo: 8,
    fate: 'registered',
  },
  {
    region: 'KZ-10',
    lat: 50.411,
    lon: 80.227,
    category: 'constructionQuality',
    object: 'Bridge over the Irtysh, repair',
    amountTenge: 430_000_000,
    text: 'Cracks appeared a month after the repair was accepted',
    daysAgo: 18,
    fate: 'assigned',
  },
  {
    region: 'KZ-23',
    lat: 47.094,
    lon: 51.923,
    category: 'procurement',
    object: 'School meals',
    amountTenge: 75_000_000,
    text: 'The supplier was registered a week before the tender',
    daysAgo: 45,
    fate: 'closed',
  },
  {
    region: 'KZ-15',
    lat: 50.283,
    lon: 57.167,
    category: 'other',
    object: 'Sports complex',
    amountTenge: 510_000_000,
    text: 'The complex is closed to the public since it opened',
    daysAgo: 20,
    fate: 'redirected',
  },
  {
    region: 'KZ-39',
    lat: 53.214,
    lon: 63.624,
    category: 'misuseOfFunds',
    object: 'Village water supply',
    amountTenge: 180_000_000,
    text: 'Money for the pipeline was spent on offices',
    daysAgo: 2,
    fate: 'submitted',
  },
  {
    region: 'KZ-31',
    lat: 42.9,
    lon: 71.37,
    category: 'constructionQuality',
    object: 'Rural clinic',
    amountTenge: 140_000_000,
    text: 'The roof leaks in the new building',
    daysAgo: 35,
    fate: 'registered',
  },
  {
    region: 'KZ-61',
    lat: 43.297,
    lon: 68.251,
    category: 'briberyOrExtortion',
    object: 'Land plot allocation',
    amountTenge: 0,
    text: 'Plots go to those who pay the official',
    daysAgo: 15,
    fate: 'assigned',
  },
  {
    region: 'KZ-47',
    lat: 43.65,
    lon: 51.16,
    category: 'procurement',
    object: 'Desalination plant spare parts',
    amountTenge: 260_000_000,
    text: 'Spare parts bought from a firm owned by a relative',
    daysAgo: 6,
    fate: 'submitted',
  },
  {
    region: 'KZ-59',
    lat: 54.865,
    lon: 69.14,
    category: 'publicServiceQuality',
    object: 'Housing queue',
    amountTenge: 0,
    text: 'The queue order changes without explanation',
    daysAgo: 28,
    fate: 'closed',
  },
];

const DAY = 86_400_000;
const en = (text: string) => ({ text, language: 'en' as const });

/** A small deterministic generator, so that every fresh portal shows the same statistics. */
const sequence = (seed: number) => {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    // The low bits of this generator repeat with short periods: use the high ones.
    return Math.floor(state / 65_536) % below;
  };
};

type Step = () => Promise<E.Either<{ readonly message: string }, unknown>>;

/**
 * Fills a new store with a few dozen reports, cases and ratings across the regions, so that the map and the
 * charts are not empty on the first start. It uses the client's trusted modules, as an office's import job
 * would; the portal's visitors never do.
 */
export const seedDemoData = async (
  client: AdalClient,
  now: Date = new Date(),
): Promise<E.Either<string, { readonly commands: number }>> => {
  let commands = 0;
  const run = async (what: string, step: Step): Promise<string | undefined> => {
    commands += 1;
    const result = await step();
    return E.isLeft(result) ? `${what}: ${result.left.message}` : undefined;
  };
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY + hours * 3_600_000);

  for (const [index, report] of REPORTS.entries()) {
    const submitted = await client.reports.submitReport(
      {
        channel: index % 3 === 0 ? 'mobileApp' : 'map',
        region: report.region,
        point: { lat: report.lat, lon: report.lon },
        category: report.category,
        description: en(report.text),
        ...(report.amountTenge > 0
          ? { budgetObject: { name: report.object, amount: tenge(report.amountTenge) } }
          : { budgetObject: { name: report.object } }),
        evidence: [],
        reporter: { kind: 'identified', subjectId: `demo-citizen-${index + 1}`, name: 'Demo citizen' },
        at: ago(report.daysAgo),
      },
      { actor: { role: 'citizen' } },
    )();
    commands += 1;
    if (E.isLeft(submitted)) return E.left(`${report.object}: ${submitted.left.message}`);
    const id = submitted.right.id;
    const start = report.daysAgo - 1;
    const steps: [string, Step][] = [];
    if (report.fate !== 'submitted')
      steps.push([
        'register',
        client.reports.registerReport(id, { registrationNumber: `DEMO-${index + 1}`, at: ago(start) }),
      ]);
    if (report.fate === 'redirected')
      steps.push([
        'redirect',
        client.reports.redirectReport(id, {
          competentBody: 'Ministry of Culture and Sport',
          reason: en('The complex is run by the ministry'),
          at: ago(start, 2),
        }),
      ]);
    if (report.fate === 'assigned' || report.fate === 'answered' || report.fate === 'closed')
      steps.push([
        'assign',
        client.reports.assignReport(id, {
          officerId: 'officer-demo',
          unit: 'Reports unit',
          at: ago(start, 3),
        }),
      ]);
    if (report.fate === 'answered' || report.fate === 'closed')
      steps.push([
        'answer',
        client.reports.recordAnswer(id, {
          answer: en('An inspection confirmed the facts; the contractor must repay'),
          answeredBy: 'officer-demo',
          at: ago(Math.max(1, start - 10)),
        }),
      ]);
    if (report.fate === 'closed')
      steps.push([
        'close',
        client.reports.closeReport(id, { outcome: 'confirmed', at: ago(Math.max(1, start - 11)) }),
      ]);
    for (const [what, step] of steps) {
      const failed = await run(`${report.object}, ${what}`, step);
      if (failed !== undefined) return E.left(failed);
    }
  }
  const overdue = await run('deadline job', client.deadlines.markOverdue(now));
  if (overdue !== undefined) return E.left(overdue);

  const cases = await seedCases(client, run);
  if (cases !== undefined) return E.left(cases);
  const ratings = await seedRatings(client, run, ago);
  if (ratings !== undefined) return E.left(ratings);
  return E.right({ commands });
};

type Run = (what: string, step: Step) => Promise<string | undefined>;

const CASE_REGIONS: readonly RegionCode[] = ['KZ-71', 'KZ-75', 'KZ-79', 'KZ-35', 'KZ-55', 'KZ-63'];
const LEVELS = ['republican', 'regional', 'cityDistrict'] as const;

const seedCases = async (client: AdalClient, run: Run): Promise<string | undefined> => {
  const next = sequence(2026);
  for (const year of [2023, 2024, 2025]) {
    for (const [r, region] of CASE_REGIONS.entries()) {
      const count = 1 + next(2) + (year === 2025 ? 1 : 0);
      for (let c = 0; c < count; c++) {
        const at = (day: number) => new Date(Date.UTC(year, 2 + ((r + c) % 8), 1 + day, 5));
        const registered = await client.cases.registerCase({
          offence: { article: '366', part: 1 + next(4) },
          region,
          source: c % 2 === 0 ? 'ownDetection' : 'report',
          at: at(0),
        })();
        if (E.isLeft(registered)) return `case ${year} ${region}: ${registered.left.message}`;
        const id = registered.right.id;
        const suspects = 1 + next(2);
        const steps: [string, Step][] = [['investigate', client.cases.startInvestigation(id, { at: at(1) })]];
        for (let s = 0; s < suspects; s++) {
          const personId = `demo-${year}-${region}-${c}-${s}`;
          const head = s === 0 && next(2) === 0;
          steps.push([
            'identify',
            client.cases.identifySuspect(id, {
              personId,
              position: head ? 'Head of a department' : 'Specialist',
              head,
              level: LEVELS[next(3)] ?? 'cityDistrict',
              at: at(2),
            }),
          ]);
          if (head) steps.push(['detain', client.cases.detainSuspect(id, { personId, at: at(3) })]);
          steps.push(['charge', client.cases.chargeSuspect(id, { personId, at: at(4) })]);
        }
        const damage = tenge((5 + next(60)) * 1_000_000);
        steps.push(['damage', client.cases.recordDamage(id, { amount: damage, at: at(5) })]);
        steps.push([
          'recovery',
          client.cases.recordRecovery(id, { amount: (damage * BigInt(50 + next(50))) / 100n, at: at(20) }),
        ]);
        for (const [what, step] of steps) {
          const failed = await run(`case ${year} ${region}, ${what}`, step);
          if (failed !== undefined) return failed;
        }
      }
    }
  }
  return undefined;
};

const RATING_REGIONS: readonly RegionCode[] = ['KZ-71', 'KZ-75', 'KZ-79', 'KZ-35', 'KZ-55', 'KZ-63'];

const seedRatings = async (
  client: AdalClient,
  run: Run,
  ago: (days: number) => Date,
): Promise<string | undefined> => {
  const next = sequence(1424);
  for (const [r, region] of RATING_REGIONS.entries()) {
    for (let n = 0; n < 4; n++) {
      // Each region's offices are a little better or worse, so the chart shows a spread.
      const score = Math.min(5, Math.max(1, 2 + ((r * 3) % 4) + next(2) - (n === 3 ? 1 : 0)));
      const failed = await run(`rating ${region}`, () =>
        client.ratings.rateService({
          rater: `demo-rater-${r}-${n}`,
          serviceInstanceId: `demo-${region}-${n}`,
          service: { code: n % 2 === 0 ? '00101001' : '00202002' },
          provider: { kind: 'publicServiceCentre', id: `psc-${region}-1` },
          region,
          receivedAt: ago(10 + n),
          score,
          criteria: { informalPaymentDemanded: false, waitingTime: score },
          at: ago(10 + n),
        })(),
      );
      if (failed !== undefined) return failed;
    }
  }
  return undefined;
};
