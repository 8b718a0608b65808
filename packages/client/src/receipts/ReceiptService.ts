import type { KeyObject } from 'node:crypto';
import { createPublicKey, timingSafeEqual } from 'node:crypto';
import type {
  Actor,
  CitizenReportCommand,
  CitizenReportError,
  DomainEnvironment,
  EventStore,
  JsonValue,
  ReadModelStore,
  TextIn,
  ValidationError,
  ValidationIssue,
} from '@adal/core';
import { defaultDomainEnvironment, reportErrors, SubmitReport, validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { CommandError } from '../CommandError.js';
import type { CommandOptions } from '../handleCommand.js';
import type { CommandInput } from '../modules/commandModule.js';
import type { MissingConfiguration } from '../modules/ratings.js';
import type { ReportsModule } from '../modules/reports.js';
import type { Acknowledgement, AcknowledgementStatement } from './acknowledgement.js';
import {
  acknowledgementKeyId,
  readSigningKey,
  signAcknowledgement,
  submissionHash,
} from './acknowledgement.js';
import type { AnonymousReportStatus, AnonymousReportView, OfficeAnswer } from './anonymousReportView.js';
import { loadAnonymousReportView } from './anonymousReportView.js';
import type { ReceiptDerivationFailed, ReceiptError } from './ReceiptError.js';
import { derivationFailed, RECEIPT_NOT_RECOGNISED } from './ReceiptError.js';
import { formatReceipt, generateReceipt, parseReceipt } from './receiptCode.js';
import type { ReceiptPeppers, ReceiptValues, ScryptParams } from './receiptDerivation.js';
import {
  DEFAULT_SCRYPT_PARAMS,
  deriveReceiptValues,
  encodeReceiptHash,
  parseReceiptHash,
  pepperIssues,
  scryptParamIssues,
} from './receiptDerivation.js';
import { RECEIPT_INDEX } from './receiptIndex.js';

/**
 * What the receipt service needs: the client's reports module and store (or any object with them — the
 * client itself fits), the read-model store holding the receipt index, the office's Ed25519 signing key,
 * the two peppers, and optionally the scrypt cost, a clock, the domain environment (for the answer's
 * working days) and the actor recorded with anonymous commands.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptServiceOptions {
  readonly client: {
    readonly reports: Pick<ReportsModule, 'submitReport' | 'postFollowUp'>;
    readonly store: Pick<EventStore, 'readStream'>;
  };
  readonly readModels: Pick<ReadModelStore, 'getDocument'>;
  /** The office's Ed25519 private key, as a `KeyObject` or PEM (PKCS #8). */
  readonly signingKey: KeyObject | string;
  /** The key's id in acknowledgements; `ed25519:<fingerprint>` of the public key by default. */
  readonly keyId?: string;
  /** Two secrets of at least 32 random bytes each, kept outside the database. */
  readonly peppers: ReceiptPeppers;
  /** The scrypt cost; {@link DEFAULT_SCRYPT_PARAMS} by default. Keep it fixed once reports exist. */
  readonly scrypt?: ScryptParams;
  /** Stamps the commands this service issues; the client's clock when absent. */
  readonly clock?: () => Date;
  /** The calendars and policies the client runs with, for the due rule in acknowledgements. */
  readonly domain?: DomainEnvironment;
  /** Recorded as the actor of anonymous commands; `{ role: 'citizen' }` by default (no id, no region). */
  readonly actor?: Actor;
}

/**
 * A report as an anonymous reporter submits it: every field of `SubmitReport` except the reporter, which
 * the service fills in.
 *
 * @category receipts
 * @since 0.1.0
 */
export type AnonymousReportInput = Omit<
  CommandInput<Extract<CitizenReportCommand, { readonly type: 'SubmitReport' }>>,
  'reporter'
>;

/**
 * What a portal may pass along with an anonymous call. `requestContext` (the client's address, user agent,
 * headers…) is accepted so that a portal can hand every SDK call the same context, and then dropped: this
 * service never reads it, and nothing of it reaches the log, the read models or an error. No other option
 * (command id, correlation id, actor) is taken from the caller either.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface AnonymousRequestOptions {
  readonly requestContext?: unknown;
}

/**
 * A submitted anonymous report: the receipt to give the reporter (shown once, never stored — a lost
 * receipt cannot be recovered), the report's id and the signed acknowledgement.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface AnonymousSubmission {
  /** Seven groups of four characters, e.g. `K7QM-2D9X-…`. */
  readonly receipt: string;
  readonly reportId: string;
  readonly acknowledgement: Acknowledgement;
}

/**
 * What a receipt opens: the report's status, the office's answers, and follow-ups as the reporter. Each
 * call checks the receipt again against the report's own stream.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptSession {
  readonly status: () => TE.TaskEither<ReceiptError, AnonymousReportStatus>;
  readonly answers: () => TE.TaskEither<ReceiptError, readonly OfficeAnswer[]>;
  /** Posts a follow-up as the reporter (`PostFollowUp` with author `reporter`). */
  readonly postFollowUp: (
    text: TextIn,
  ) => TE.TaskEither<
    ReceiptError | CommandError<CitizenReportError>,
    { readonly reportId: string; readonly postedAt: Date }
  >;
}

/**
 * Anonymous reports with receipts. See {@link createReceiptService}.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptService {
  /**
   * Submits a report for an anonymous reporter: draws a receipt, stores only values derived from it,
   * and returns the receipt with a signed acknowledgement.
   */
  readonly submitAnonymousReport: (
    input: AnonymousReportInput,
    options?: AnonymousRequestOptions,
  ) => TE.TaskEither<
    CommandError<CitizenReportError> | ReceiptDerivationFailed | MissingConfiguration,
    AnonymousSubmission
  >;
  /** What a receipt opens; each call of the session checks the receipt. */
  readonly withReceipt: (receipt: string, options?: AnonymousRequestOptions) => ReceiptSession;
  /** The office's public key (PEM) and key id, to publish for whoever checks acknowledgements. */
  readonly officeKey: { readonly publicKeyPem: string; readonly keyId: string } | undefined;
}

const DEFAULT_ACTOR: Actor = { role: 'citizen' };

/**
 * Creates the receipt service, or says what is wrong with its configuration (a `ValidationError` naming
 * each bad setting: `signingKey`, `peppers.lookup`, `peppers.verifier`, `scrypt.N`, …).
 *
 * The log keeps, for an anonymous reporter, only `receiptHash = adal-receipt-v1$<cost>$<lookup>$<verifier>`:
 * two scrypt derivations of the receipt under separate peppers. The lookup value keys the private
 * `receipt-index` read model ({@link receiptIndexProjection}, which the portal runs with its other
 * projections), so a receipt finds its report in one read; the verifier is compared, in constant time, with
 * the one in the report's own stream. Neither the receipt nor anything about the request (address, user
 * agent) is stored, and without the peppers a stored value cannot be tested against a receipt.
 *
 * @example
 * import { createReceiptService } from '@adal/client';
 * // const receipts = createReceiptService({
 * //   client, readModels: store, signingKey: process.env.OFFICE_SIGNING_KEY_PEM,
 * //   peppers: {
 * //     lookup: Buffer.from(process.env.RECEIPT_LOOKUP_PEPPER, 'base64'),
 * //     verifier: Buffer.from(process.env.RECEIPT_VERIFIER_PEPPER, 'base64'),
 * //   },
 * // });
 * // if (receipts._tag === 'Right') {
 * //   const submitted = await receipts.right.submitAnonymousReport({ channel: 'portal', region: 'KZ-71', … })();
 * //   const status = await receipts.right.withReceipt(typedByTheReporter).status()();
 * // }
 *
 * @category receipts
 * @since 0.1.0
 */
export const createReceiptService = (
  options: ReceiptServiceOptions,
): E.Either<ValidationError, ReceiptService> => {
  const issues: ValidationIssue[] = [];
  const signingKey = readSigningKey(options.signingKey);
  if (signingKey === undefined)
    issues.push({
      path: 'signingKey',
      message: 'expected an Ed25519 private key (a KeyObject or PKCS #8 PEM)',
    });
  issues.push(...pepperIssues(options.peppers));
  const params = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  issues.push(...scryptParamIssues(params));
  if (
    options.keyId !== undefined &&
    (typeof options.keyId !== 'string' ||
      options.keyId.trim() !== options.keyId ||
      options.keyId.length === 0 ||
      options.keyId.length > 200)
  ) {
    issues.push({ path: 'keyId', message: 'expected a non-empty string of at most 200 characters' });
  }
  if (issues.length > 0 || signingKey === undefined) return E.left(validationError(issues));

  const { client, readModels, peppers } = options;
  const keyId = options.keyId ?? acknowledgementKeyId(signingKey);
  const publicKeyPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString();
  const domain = options.domain ?? defaultDomainEnvironment;
  const actor = options.actor ?? DEFAULT_ACTOR;
  // Only these options reach the command handler: whatever the caller passed is never spread into them.
  const commandOptions: CommandOptions = { actor };
  const at = (given?: Date): { readonly at?: Date } =>
    given !== undefined ? { at: given } : options.clock === undefined ? {} : { at: options.clock() };

  const derive = async (
    receipt: Parameters<typeof deriveReceiptValues>[0],
  ): Promise<E.Either<ReceiptDerivationFailed, ReceiptValues>> => {
    try {
      return E.right(await deriveReceiptValues(receipt, peppers, params));
    } catch (error) {
      return E.left(derivationFailed('scrypt', error));
    }
  };

  const submitAnonymousReport: ReceiptService['submitAnonymousReport'] = (input, _options) => async () => {
    // The report is checked first (with a stand-in reporter), so bad input costs no derivation.
    const bad = checkInput(input, options.clock);
    if (bad !== undefined) return E.left(bad);
    const receipt = generateReceipt();
    const derived = await derive(receipt);
    if (E.isLeft(derived)) return derived;
    const receiptHash = encodeReceiptHash(derived.right, params);
    const { reporter: _ignored, ...report } = input as AnonymousReportInput & { readonly reporter?: unknown };
    const submitted = await client.reports.submitReport(
      { ...report, ...at(input.at), reporter: { kind: 'anonymous', receiptHash } },
      commandOptions,
    )();
    if (E.isLeft(submitted)) return submitted;
    const { id, recorded, events, state } = submitted.right;
    const index = events.findIndex((event) => event.type === 'ReportSubmitted');
    const event = events[index];
    const stored = recorded[index];
    if (event?.type !== 'ReportSubmitted' || stored === undefined) {
      return E.left(derivationFailed('acknowledgement', 'the submission recorded no ReportSubmitted event'));
    }
    const statement: AcknowledgementStatement = {
      type: 'adal.report-acknowledgement',
      version: 1,
      reportId: id,
      receivedAt: storedInstant(stored.data) ?? event.data.at.toISOString(),
      ...(state.dueOn === undefined
        ? {
            dueRule: `due ${domain.policy(event.data.region).answerWorkingDays} working days after registration`,
          }
        : { dueDate: state.dueOn }),
      submissionHash: submissionHash(stored.data),
      keyId,
    };
    try {
      const acknowledgement = signAcknowledgement(statement, signingKey);
      return E.right({ receipt: formatReceipt(receipt), reportId: id, acknowledgement });
    } catch (error) {
      return E.left(derivationFailed('signature', error));
    }
  };

  const withReceipt: ReceiptService['withReceipt'] = (typed, _options) => {
    let derived: Promise<E.Either<ValidationError | ReceiptDerivationFailed, ReceiptValues>> | undefined;
    const values = () => {
      derived ??= (async () => {
        const receipt = parseReceipt(typed);
        return E.isLeft(receipt) ? receipt : derive(receipt.right);
      })();
      return derived;
    };

    /** Finds the report by the lookup value, then checks the verifier against the report's own stream. */
    const open = async (): Promise<E.Either<ReceiptError, AnonymousReportView>> => {
      const mine = await values();
      if (E.isLeft(mine)) return mine;
      const entry = await readModels.getDocument(RECEIPT_INDEX, mine.right.lookup)();
      if (E.isLeft(entry)) return entry;
      const reportId = O.isSome(entry.right) ? reportIdOf(entry.right.value) : undefined;
      let view: AnonymousReportView | undefined;
      if (reportId !== undefined) {
        const loaded = await loadAnonymousReportView(client.store, reportId);
        if (E.isLeft(loaded)) return loaded;
        view = loaded.right;
      }
      const stored = view?.receiptHash === undefined ? undefined : parseReceiptHash(view.receiptHash);
      // The comparison runs whether or not the index knew the lookup value (against a stand-in when it did
      // not), and both refusals are the same error. Only the stream read differs, which tells a caller
      // nothing: a lookup value matches only for the real receipt, whose verifier then matches too.
      const expected =
        stored !== undefined && stored.verifier.length === mine.right.verifier.length
          ? stored.verifier
          : Buffer.alloc(mine.right.verifier.length);
      const same = timingSafeEqual(expected, mine.right.verifier);
      return same && stored !== undefined && view !== undefined
        ? E.right(view)
        : E.left(RECEIPT_NOT_RECOGNISED);
    };

    return {
      status: () => async () => E.map((view: AnonymousReportView) => view.status)(await open()),
      answers: () => async () => E.map((view: AnonymousReportView) => view.answers)(await open()),
      postFollowUp: (text) => async () => {
        const opened = await open();
        if (E.isLeft(opened)) return opened;
        const { reportId } = opened.right.status;
        const receiptHash = opened.right.receiptHash;
        const posted = await client.reports.postFollowUp(
          reportId,
          {
            author: 'reporter',
            text,
            ...at(),
            ...(receiptHash === undefined ? {} : { receiptHash }),
          },
          commandOptions,
        )();
        if (E.isLeft(posted)) return posted;
        const event = posted.right.events.find((e) => e.type === 'FollowUpPosted');
        return E.right({
          reportId,
          postedAt: event?.type === 'FollowUpPosted' ? event.data.at : new Date(),
        });
      },
    };
  };

  return E.right({ submitAnonymousReport, withReceipt, officeKey: { publicKeyPem, keyId } });
};

/**
 * A receipt service that refuses every call with the same configuration error: what a client without
 * receipt settings exposes, so that `client.receipts` always exists.
 *
 * @category receipts
 * @since 0.1.0
 */
export const refusingReceiptService = (reason: MissingConfiguration): ReceiptService => {
  const refuse = () => () => Promise.resolve(E.left(reason));
  return {
    submitAnonymousReport: refuse,
    withReceipt: () => ({ status: refuse, answers: refuse, postFollowUp: refuse }),
    officeKey: undefined,
  };
};

/** Checks a submission with a stand-in reporter: the codec's errors, without spending a derivation. */
const checkInput = (input: unknown, clock: (() => Date) | undefined): ValidationError | undefined => {
  if (typeof input !== 'object' || input === null) {
    return validationError([{ path: '', message: 'expected the report as an object' }]);
  }
  const record = input as Readonly<Record<string, unknown>>;
  const decoded = SubmitReport.decode({
    ...record,
    type: 'SubmitReport',
    at: record.at ?? (clock ?? (() => new Date()))(),
    reporter: { kind: 'anonymous', receiptHash: 'stand-in' },
  });
  return E.isLeft(decoded) ? validationError(reportErrors(decoded.left)) : undefined;
};

const reportIdOf = (document: JsonValue): string | undefined => {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const reportId = (document as { readonly [key: string]: JsonValue }).reportId;
  return typeof reportId === 'string' ? reportId : undefined;
};

const storedInstant = (data: JsonValue): string | undefined => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const value = (data as { readonly [key: string]: JsonValue }).at;
  return typeof value === 'string' ? value : undefined;
};
