import type {
  CitizenReportEvent,
  CitizenReportState,
  EventStore,
  LocalDate,
  RecordedEvent,
  ReportStatus,
  StoreError,
  TextIn,
  ValidationError,
} from '@adal/core';
import { CitizenReportEvents, evolveReport, initialReportState } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { EventDecodeFailed } from '../CommandError.js';

type DataOf<K extends CitizenReportEvent['type']> = Extract<CitizenReportEvent, { readonly type: K }>['data'];

/**
 * Where an anonymous report stands, as its reporter sees it: what the office decided and when, never who
 * in the office did it.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface AnonymousReportStatus {
  readonly reportId: string;
  readonly status: Exclude<ReportStatus, 'none'>;
  readonly receivedAt: Date;
  readonly registrationNumber?: string;
  readonly registeredOn?: LocalDate;
  /** The answer's due date, once the report is registered (moved by an extension or a reopening). */
  readonly dueOn?: LocalDate;
  readonly extended: boolean;
  /** Unanswered past its due date: by law a refusal, which the reporter may complain about. */
  readonly overdue: boolean;
  readonly outcome?: DataOf<'ReportClosed'>['outcome'];
  /** The competent body a redirected report was sent to. */
  readonly redirectedTo?: string;
  readonly followUps: { readonly fromReporter: number; readonly fromOffice: number };
}

/**
 * Something the office told the reporter, in the order it happened: the written answer, its follow-ups,
 * an extension of the deadline with its reason, a redirection or a rejection with theirs.
 *
 * @category receipts
 * @since 0.1.0
 */
export type OfficeAnswer =
  | {
      readonly kind: 'answer';
      readonly at: Date;
      readonly answeredOn: LocalDate;
      readonly text: TextIn;
      readonly late: boolean;
    }
  | { readonly kind: 'followUp'; readonly at: Date; readonly text: TextIn }
  | { readonly kind: 'extension'; readonly at: Date; readonly newDueOn: LocalDate; readonly reason: TextIn }
  | {
      readonly kind: 'redirect';
      readonly at: Date;
      readonly competentBody: string;
      readonly reason: TextIn;
    }
  | { readonly kind: 'rejection'; readonly at: Date; readonly reason: TextIn };

/**
 * A report's events folded into the reporter's view, and the stored `receiptHash` the view was checked
 * against. `undefined` for a stream with no submission.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface AnonymousReportView {
  readonly status: AnonymousReportStatus;
  readonly answers: readonly OfficeAnswer[];
  readonly receiptHash: string | undefined;
}

/**
 * Folds a report's events (in stream order) into what its reporter may see. The status follows the
 * aggregate's own `evolve`, so it never disagrees with the decider.
 *
 * @category receipts
 * @since 0.1.0
 */
export const anonymousReportView = (
  reportId: string,
  events: Iterable<CitizenReportEvent>,
): AnonymousReportView | undefined => {
  let state: CitizenReportState = initialReportState;
  let receivedAt: Date | undefined;
  let registrationNumber: string | undefined;
  let outcome: AnonymousReportStatus['outcome'];
  let redirectedTo: string | undefined;
  let fromReporter = 0;
  let fromOffice = 0;
  const answers: OfficeAnswer[] = [];
  for (const event of events) {
    state = evolveReport(state, event);
    switch (event.type) {
      case 'ReportSubmitted':
        receivedAt = event.data.at;
        break;
      case 'ReportRegistered':
        registrationNumber = event.data.registrationNumber;
        break;
      case 'ReportAnswered':
        answers.push({
          kind: 'answer',
          at: event.data.at,
          answeredOn: event.data.answeredOn,
          text: event.data.answer,
          late: event.data.late,
        });
        break;
      case 'FollowUpPosted':
        if (event.data.author === 'reporter') fromReporter += 1;
        else {
          fromOffice += 1;
          answers.push({ kind: 'followUp', at: event.data.at, text: event.data.text });
        }
        break;
      case 'DeadlineExtended':
        answers.push({
          kind: 'extension',
          at: event.data.at,
          newDueOn: event.data.newDueOn,
          reason: event.data.reason,
        });
        break;
      case 'ReportRedirected':
        redirectedTo = event.data.competentBody;
        answers.push({
          kind: 'redirect',
          at: event.data.at,
          competentBody: event.data.competentBody,
          reason: event.data.reason,
        });
        break;
      case 'ReportRejected':
        answers.push({ kind: 'rejection', at: event.data.at, reason: event.data.reason });
        break;
      case 'ReportClosed':
        outcome = event.data.outcome;
        break;
      case 'ReportReopened':
        outcome = undefined;
        break;
      default:
        break;
    }
  }
  if (state.status === 'none' || receivedAt === undefined) return undefined;
  const status: AnonymousReportStatus = {
    reportId,
    status: state.status,
    receivedAt,
    ...(registrationNumber === undefined ? {} : { registrationNumber }),
    ...(state.registeredOn === undefined ? {} : { registeredOn: state.registeredOn }),
    ...(state.dueOn === undefined ? {} : { dueOn: state.dueOn }),
    extended: state.extended,
    overdue: state.overdue,
    ...(outcome === undefined ? {} : { outcome }),
    ...(redirectedTo === undefined ? {} : { redirectedTo }),
    followUps: { fromReporter, fromOffice },
  };
  return { status, answers, receiptHash: state.receiptHash };
};

/**
 * Reads a report's stream (page by page) and folds it with {@link anonymousReportView}; `Right(undefined)`
 * when the stream does not exist.
 *
 * @category receipts
 * @since 0.1.0
 */
export const loadAnonymousReportView = async (
  store: Pick<EventStore, 'readStream'>,
  reportId: string,
): Promise<E.Either<StoreError | EventDecodeFailed, AnonymousReportView | undefined>> => {
  const events: CitizenReportEvent[] = [];
  let from: bigint | undefined = 0n;
  while (from !== undefined) {
    const page = await store.readStream(reportId, { from, max: 1000 })();
    if (E.isLeft(page)) return page.left._tag === 'StreamNotFound' ? E.right(undefined) : page;
    for (const recorded of page.right.events) {
      const decoded = CitizenReportEvents.decode(recorded);
      if (E.isLeft(decoded)) return E.left(decodeFailed(reportId, recorded, decoded.left));
      events.push(decoded.right);
    }
    from = page.right.next;
  }
  return E.right(anonymousReportView(reportId, events));
};

const decodeFailed = (
  streamName: string,
  recorded: RecordedEvent,
  cause: ValidationError,
): EventDecodeFailed => ({
  _tag: 'EventDecodeFailed',
  streamName,
  eventId: recorded.id,
  message: `event ${recorded.id} (${recorded.type} v${recorded.schemaVersion}) of ${streamName} cannot be read: ${cause.message}`,
  cause,
});
