import type {
  DomainEnvironment,
  EventStore,
  Forgetting,
  LeaseManager,
  ReadModelStore,
  SnapshotStore,
  StoreUnavailable,
  ValidationError,
} from '@adal/core';
import { citizenReport, defaultDomainEnvironment, monitoringRecommendation } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { AdalSession } from './access/AdalSession.js';
import { openSession } from './access/AdalSession.js';
import type { SessionActorInput } from './access/SessionActor.js';
import type { CasesModule } from './modules/cases.js';
import { casesModule } from './modules/cases.js';
import type { DeadlinesModule } from './modules/deadlines.js';
import { deadlinesModule, deadlineTarget } from './modules/deadlines.js';
import type { GroupsModule } from './modules/groups.js';
import { groupsModule } from './modules/groups.js';
import type { RatingsModule } from './modules/ratings.js';
import { ratingsModule } from './modules/ratings.js';
import type { MissingConfiguration } from './modules/ratings.js';
import type { RecommendationsModule } from './modules/recommendations.js';
import { recommendationsModule } from './modules/recommendations.js';
import type { ReportsModule } from './modules/reports.js';
import { reportsModule } from './modules/reports.js';
import type { RoadmapsModule } from './modules/roadmaps.js';
import { roadmapsModule } from './modules/roadmaps.js';
import type { AuditModule, AuditOptions } from './audit/auditModule.js';
import { auditModule } from './audit/auditModule.js';
import { chainEventStore } from './audit/hashChain.js';
import type { ProtectionOptions } from './protection/fieldProtection.js';
import { forgetSubject } from './protection/forgetSubject.js';
import { protectEventStore } from './protection/protectEventStore.js';
import { protectSnapshotStore } from './protection/protectSnapshotStore.js';
import type { ReceiptService, ReceiptServiceOptions } from './receipts/ReceiptService.js';
import { createReceiptService, refusingReceiptService } from './receipts/ReceiptService.js';
import { receiptIndexProjection } from './receipts/receiptIndex.js';
import type { ReadModelsModule } from './readModels/readModelsModule.js';
import { readModelsModule, resolveReadModels } from './readModels/readModelsModule.js';
import type { HandleCommand } from './handleCommand.js';
import { createCommandHandler } from './handleCommand.js';
import type { IdGenerator } from './uuidv7.js';
import { createUuidV7 } from './uuidv7.js';

/**
 * What a portal gives the client: a store (any adapter of `@adal/adapters`), optionally a snapshot store,
 * and — for tests — a clock and an id generator.
 *
 * @category client
 * @since 0.1.0
 */
export interface AdalClientOptions {
  readonly store: EventStore;
  readonly snapshots?: SnapshotStore;
  readonly clock?: () => Date;
  readonly newId?: IdGenerator;
  /** Tries after a concurrency conflict; 5 by default. */
  readonly maxRetries?: number;
  /**
   * How many streams' latest state the command handler keeps for the next command on them: 1,000 by default,
   * none by default with `personalData` (a subject forgotten by another instance must not stay readable in
   * this one's memory; set it when every forget goes through this client), 0 keeps none. A command on a kept stream is appended with no read when nobody else wrote to it, and after
   * reading only what is new when somebody did; the decision is the same either way (the performance guide
   * has the details).
   */
  readonly cachedStates?: number;
  /**
   * Calendars and policies by region (build one with `domainEnvironment({ holidays, policies })` from
   * `@adal/core`); national fixed-date holidays and the default policy when absent.
   */
  readonly domain?: DomainEnvironment;
  /**
   * The office's secret key for rater pseudonyms (HMAC-SHA256): at least 32 random bytes, kept like a
   * password. Without it, `client.ratings.rateService` is refused with `MissingConfiguration`.
   */
  readonly pseudonymKey?: string | Uint8Array;
  /**
   * Where read models are kept and queried; the store's own when it holds them (the memory and PostgreSQL
   * stores do), so this is only needed for a separate read-model store.
   */
  readonly readModels?: ReadModelStore;
  /** Who owns each projection among instances; the store's own leases when it has them. */
  readonly leases?: LeaseManager;
  /**
   * The office's signing key (seals, acknowledgements) and earlier public keys. Every event the client
   * appends is hash-chained whatever is given here; sealing needs `signingKey`.
   */
  readonly audit?: AuditOptions;
  /**
   * Anonymous reports: the two peppers (each at least 32 random bytes, kept outside the database) and,
   * optionally, the scrypt cost and another signing key than `audit.signingKey`. Without them
   * `client.receipts` refuses with `MissingConfiguration`.
   */
  readonly receipts?: Pick<ReceiptServiceOptions, 'peppers' | 'scrypt' | 'keyId'> & {
    readonly signingKey?: ReceiptServiceOptions['signingKey'];
  };
  /**
   * Personal data: the key store (`createMemoryKeyStore`, `openPostgresKeyStore`) and, optionally, which
   * fields are personal. Marked fields are encrypted per data subject before they are stored (and hashed),
   * and decrypted on every read; `client.forgetSubject` deletes a subject's key. Without it personal fields
   * are stored as given.
   */
  readonly personalData?: ProtectionOptions;
}

/**
 * The client a portal calls.
 *
 * Its modules are the **trusted** entry point: they check input and the domain's rules, but not who asks.
 * Use them on the server side — the deadline job, imports, a portal's own code after it has decided — and
 * open a session with {@link AdalClient.as} for everything done on a user's behalf: a session checks every
 * command and query against the access policy and records the actor in the events.
 *
 * @category client
 * @since 0.1.0
 */
export interface AdalClient {
  /** Validates, decides and appends one command; see {@link createCommandHandler}. */
  readonly handleCommand: HandleCommand;
  /** Citizens' reports on the Public Control Map. */
  readonly reports: ReportsModule;
  /** The Digital Agent's ratings of public services. */
  readonly ratings: RatingsModule;
  /** Corruption cases. */
  readonly cases: CasesModule;
  /** Recommendations of monitoring groups and of the agency. */
  readonly recommendations: RecommendationsModule;
  /** Special monitoring groups. */
  readonly groups: GroupsModule;
  /** The roadmap of the anti-corruption service. */
  readonly roadmaps: RoadmapsModule;
  /** The deadline job: `markOverdue(now)`. */
  readonly deadlines: DeadlinesModule;
  /** The six read models' queries, and `runner()` to keep them up to date. */
  readonly readModels: ReadModelsModule;
  /** The store the client writes to. */
  readonly store: EventStore;
  /** Seal the log, verify it, prove an event (see the trust guide). */
  readonly audit: AuditModule;
  /** Anonymous reports: submit with a receipt, follow up with it. */
  readonly receipts: ReceiptService;
  /**
   * Forgets a data subject: deletes their key, so their personal data reads as erased everywhere while the
   * stored events (and the log's verification) stay as they were. Needs `personalData`.
   */
  readonly forgetSubject: (
    subject: string,
  ) => TE.TaskEither<StoreUnavailable | ValidationError | MissingConfiguration, Forgetting>;
  /** Closes the store. */
  readonly close: () => Promise<void>;
  /**
   * Opens a session for an actor (`{ role, region?, id }`): the same modules, each command and query
   * checked against the access policy before anything is read or appended (a refusal is `AccessDenied`),
   * and the actor recorded in the metadata of every event. A bad actor is a `ValidationError` naming the
   * field. See the access-control guide.
   *
   * @example
   * const session = client.as({ role: 'officer', region: 'KZ-71', id: 'officer-12' });
   * if (session._tag === 'Right') await session.right.reports.registerReport(id, { registrationNumber: 'AST-1' })();
   */
  readonly as: (actor: SessionActorInput) => E.Either<ValidationError, AdalSession>;
}

/**
 * Creates the client a portal calls, over the one store it is given: a module per aggregate (`reports`,
 * `ratings`, `cases`, `recommendations`, `groups`, `roadmaps`), the deadline job, the read models, the audit
 * log, receipts and sessions.
 *
 * @example
 * import { createAdalClient } from '@adal/client';
 * import { createMemoryEventStore } from '@adal/adapters/memory';
 * const store = createMemoryEventStore();
 * const client = createAdalClient({ store, snapshots: store });
 * // const result = await client.handleCommand(CitizenReport, 'report-KZ-71-…', { type: 'SubmitReport', … })();
 *
 * @category client
 * @since 0.1.0
 */
export const createAdalClient = (options: AdalClientOptions): AdalClient => {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? createUuidV7(() => clock().getTime());
  // Every event appended through the client carries its stream's hash chain (DESIGN §6), computed over the
  // stored form: personal data is encrypted first, so the hashes never cover plaintext and a forgotten
  // subject's events still verify.
  const chained = chainEventStore(options.store);
  const protection = options.personalData;
  const store = protection === undefined ? chained : protectEventStore(chained, protection);
  const snapshots =
    options.snapshots === undefined || protection === undefined
      ? options.snapshots
      : protectSnapshotStore(options.snapshots, protection);
  let forgetOutcomes: () => void = () => undefined;
  const handleCommand = createCommandHandler({
    store,
    clock,
    newId,
    onOutcomes: (forgetAll) => {
      forgetOutcomes = forgetAll;
    },
    ...(snapshots === undefined ? {} : { snapshots }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.cachedStates === undefined ? {} : { cachedStates: options.cachedStates }),
  });
  const domain = options.domain ?? defaultDomainEnvironment;
  const runtime = { handleCommand, clock, newId };
  const deadlines = (handle: HandleCommand) =>
    deadlinesModule(store, [
      deadlineTarget(citizenReport(domain), handle),
      deadlineTarget(monitoringRecommendation(domain), handle),
    ]);
  const reports = reportsModule(domain, runtime);
  const receiptService = (): ReceiptService => {
    const signingKey = options.receipts?.signingKey ?? options.audit?.signingKey;
    if (options.receipts === undefined || signingKey === undefined) {
      return refusingReceiptService({
        _tag: 'MissingConfiguration',
        setting: 'receipts',
        message:
          'receipts: anonymous reports need the two peppers and a signing key (createAdalClient({ receipts, audit }))',
      });
    }
    const created = createReceiptService({
      client: { reports, store },
      readModels: resolveReadModels(options.store, options.readModels),
      signingKey,
      peppers: options.receipts.peppers,
      clock,
      domain,
      ...(options.receipts.scrypt === undefined ? {} : { scrypt: options.receipts.scrypt }),
      ...(options.receipts.keyId === undefined ? {} : { keyId: options.receipts.keyId }),
    });
    return E.isRight(created)
      ? created.right
      : refusingReceiptService({
          _tag: 'MissingConfiguration',
          setting: 'receipts',
          message: created.left.message,
        });
  };
  const client: Omit<AdalClient, 'as'> = {
    handleCommand,
    reports,
    ratings: ratingsModule(domain, runtime, options.pseudonymKey),
    cases: casesModule(domain, runtime),
    recommendations: recommendationsModule(domain, runtime),
    groups: groupsModule(domain, runtime),
    roadmaps: roadmapsModule(domain, runtime),
    deadlines: deadlines(handleCommand),
    readModels: readModelsModule({
      store,
      extraProjections: [receiptIndexProjection],
      domain,
      clock,
      ...(options.readModels === undefined ? {} : { readModels: options.readModels }),
      ...(options.leases === undefined ? {} : { leases: options.leases }),
    }),
    audit: auditModule(chained, options.audit ?? {}, clock),
    receipts: receiptService(),
    forgetSubject: (subject) =>
      protection === undefined
        ? () =>
            Promise.resolve(
              E.left<MissingConfiguration>({
                _tag: 'MissingConfiguration',
                setting: 'personalData',
                message:
                  'personalData: forgetting a subject needs the key store (createAdalClient({ personalData }))',
              }),
            )
        : async () => {
            const forgotten = await forgetSubject(protection.keys, subject)();
            // Remembered outcomes and cached states hold decrypted data: none may answer with the forgotten data.
            if (E.isRight(forgotten)) forgetOutcomes();
            return forgotten;
          },
    store,
    close: () => options.store.close(),
  };
  const as = (actor: SessionActorInput) => openSession({ ...client, deadlines }, actor);
  // Not enumerable, like a class's method: the client's enumerable keys stay its modules and resources.
  return Object.defineProperty(client, 'as', { value: as, enumerable: false }) as AdalClient;
};
