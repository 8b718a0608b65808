/**
 * The report as an Emmett user writes it: plain TypeScript types, a decider whose `decide` throws on a
 * refused command (Emmett's convention), and events whose data is the same JSON Adal stores. No runtime
 * validation of commands or events: that is how Emmett's samples work, and part of what is compared.
 */
import type { Command, Event } from '@event-driven-io/emmett';
import { followUpPostedData, reportSubmittedData } from '../reportCommands.js';

type ReportSubmittedData = ReturnType<typeof reportSubmittedData>;
type FollowUpPostedData = ReturnType<typeof followUpPostedData>;

interface CommandMetadata extends Record<string, unknown> {
  readonly commandId: string;
  readonly correlationId: string;
  readonly occurredAt: string;
}

export type ReportSubmitted = Event<'ReportSubmitted', ReportSubmittedData, CommandMetadata>;
export type FollowUpPosted = Event<'FollowUpPosted', FollowUpPostedData, CommandMetadata>;
export type ReportEvent = ReportSubmitted | FollowUpPosted;

/** A command carries the event metadata to record (Emmett's own command metadata is about the command). */
type WithMetadata<Data> = {
  readonly report: Data;
  readonly recorded: CommandMetadata;
};
export type SubmitReport = Command<'SubmitReport', WithMetadata<ReportSubmittedData>>;
export type PostFollowUp = Command<'PostFollowUp', WithMetadata<FollowUpPostedData>>;
export type MarkOverdue = Command<'MarkOverdue', { readonly at: string }>;
export type ReportCommand = SubmitReport | PostFollowUp | MarkOverdue;

export interface ReportState {
  readonly status: 'none' | 'submitted';
  readonly region?: string;
  readonly evidence: number;
  readonly followUps: number;
}

export const initialState = (): ReportState => ({ status: 'none', evidence: 0, followUps: 0 });

export const evolve = (state: ReportState, event: ReportEvent): ReportState => {
  switch (event.type) {
    case 'ReportSubmitted':
      return {
        ...state,
        status: 'submitted',
        region: event.data.region,
        evidence: event.data.evidence.length,
      };
    case 'FollowUpPosted':
      return { ...state, followUps: state.followUps + 1 };
  }
};

export class ReportRefused extends Error {}

export const decide = (command: ReportCommand, state: ReportState): ReportEvent => {
  switch (command.type) {
    case 'SubmitReport':
      if (state.status !== 'none') throw new ReportRefused(`SubmitReport: report is ${state.status}`);
      return { type: 'ReportSubmitted', data: command.data.report, metadata: command.data.recorded };
    case 'PostFollowUp':
      if (state.status === 'none') throw new ReportRefused('PostFollowUp: no such report');
      return { type: 'FollowUpPosted', data: command.data.report, metadata: command.data.recorded };
    case 'MarkOverdue':
      throw new ReportRefused(`MarkOverdue: a ${state.status} report is not overdue`);
  }
};
