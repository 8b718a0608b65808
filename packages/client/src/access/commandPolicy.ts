import type {
  CitizenReportCommand,
  CorruptionCaseCommand,
  MonitoringGroupCommand,
  MonitoringRecommendationCommand,
  RoadmapCommand,
  ServiceRatingCommand,
} from '@adal/core';
import type { AccessRule } from './AccessDenied.js';
import type { Role } from './Role.js';

/**
 * Where a role may issue a command:
 *
 * - `own`: in the actor's own region only — the region of the stream the command acts on (for a command
 *   that starts an aggregate, the region it names; `KZ-00` for a national roadmap) must be the actor's. A
 *   national actor (no region) passes everywhere.
 * - `any`: in any region; the actor's region is not read (citizens, the deadline job).
 *
 * @category access
 * @since 0.1.0
 */
export type Scope = 'own' | 'any';

/**
 * A rule the command's own fields must keep for some roles, checked before anything is read:
 *
 * - `fieldByRole`: for each role listed, the field (a dotted path) must hold one of the values given — a
 *   citizen's follow-up is the reporter's (`author: 'reporter'`), an officer's the office's;
 * - `fieldIsActor`: for the roles listed, the field must be the actor's id — the head deciding an extension;
 * - `listHasActor`: for the roles listed, the list field must include the actor's id — a member recording a
 *   visit took part in it.
 *
 * @category access
 * @since 0.1.0
 */
export type CommandCondition =
  | {
      readonly kind: 'fieldByRole';
      readonly rule: AccessRule;
      readonly field: string;
      readonly values: { readonly [R in Role]?: readonly string[] };
    }
  | {
      readonly kind: 'fieldIsActor' | 'listHasActor';
      readonly rule: AccessRule;
      readonly field: string;
      readonly roles: readonly Role[];
    };

/**
 * Who may issue one command: each allowed role with its {@link Scope}, the conditions on the command's
 * fields, and why (the guide prints it).
 *
 * @category access
 * @since 0.1.0
 */
export interface CommandRule {
  readonly allow: { readonly [R in Role]?: Scope };
  readonly conditions?: readonly CommandCondition[];
  readonly why: string;
}

/**
 * The command types of each command module of the client, by module.
 *
 * @category access
 * @since 0.1.0
 */
export interface CommandTypes {
  readonly reports: CitizenReportCommand['type'];
  readonly ratings: ServiceRatingCommand['type'];
  readonly cases: CorruptionCaseCommand['type'];
  readonly recommendations: MonitoringRecommendationCommand['type'];
  readonly groups: MonitoringGroupCommand['type'];
  readonly roadmaps: RoadmapCommand['type'];
}

/**
 * A module of the client whose methods are commands.
 *
 * @category access
 * @since 0.1.0
 */
export type CommandModuleName = keyof CommandTypes;

/**
 * A rule for every command of every module: a command without one does not compile.
 *
 * @category access
 * @since 0.1.0
 */
export type CommandPolicy = {
  readonly [M in CommandModuleName]: { readonly [K in CommandTypes[M]]: CommandRule };
};

/**
 * The command of each module that starts an aggregate: its stream's region is the region the command names.
 *
 * @category access
 * @since 0.1.0
 */
export const CREATING_COMMANDS: { readonly [M in CommandModuleName]: CommandTypes[M] } = {
  reports: 'SubmitReport',
  ratings: 'RateService',
  cases: 'RegisterCase',
  recommendations: 'IssueRecommendation',
  groups: 'FormGroup',
  roadmaps: 'DraftRoadmap',
};

const officeStaff = { officer: 'own', regionalHead: 'own' } as const;
const investigators = { investigator: 'own' } as const;
const administrators = { administrator: 'own' } as const;
const deadlineJob = { system: 'any' } as const;

const caseWork = (why: string): CommandRule => ({ allow: investigators, why });

/**
 * The access policy: for every command of every module, the roles allowed with their scope, the
 * conditions on the command's fields, and the reason. One table, read by `client.as(actor)` sessions, by
 * the tests (which derive an allow and a deny test for every command from it) and by the access-control
 * guide (whose table must match it).
 *
 * Ownership: a citizen's right to act on a report cannot be known from the command before the stream is
 * read (a report's id is public on the map), so citizens submit and follow up only; anonymous follow-ups are
 * bound to the report by the receipt the aggregate checks, and withdrawals and extra evidence by the reporter
 * come with the receipts work. A rating's id is itself the proof of ownership: it is the HMAC of the rater
 * and the service instance under the office's key, returned only to the rater and held by no query.
 *
 * @category access
 * @since 0.1.0
 */
export const COMMAND_POLICY: CommandPolicy = {
  reports: {
    SubmitReport: {
      allow: { citizen: 'any', officer: 'own' },
      why: 'citizens report anywhere; officers enter reports received by phone (1424), post or in person',
    },
    AttachEvidence: {
      allow: officeStaff,
      why: 'the office adds evidence it gathers; a reporter adds theirs with the receipt (receipts work)',
    },
    RegisterReport: { allow: officeStaff, why: 'the regional office registers reports of its region' },
    AssignReport: { allow: officeStaff, why: 'the regional office assigns its reports' },
    ExtendDeadline: {
      allow: { regionalHead: 'own' },
      conditions: [
        { kind: 'fieldIsActor', rule: 'NamedDecider', field: 'decidedBy.officerId', roles: ['regionalHead'] },
      ],
      why: 'only a named head or deputy extends, once, and must be the one the extension names',
    },
    NotifyReporterOfExtension: { allow: officeStaff, why: 'the office tells the reporter' },
    RedirectReport: { allow: officeStaff, why: 'the office sends it to the competent body' },
    RecordAnswer: { allow: officeStaff, why: 'the office answers its reports' },
    CloseReport: { allow: officeStaff, why: 'the office closes its reports' },
    MarkDuplicate: { allow: officeStaff, why: 'the office judges duplicates' },
    RejectReport: { allow: officeStaff, why: 'the office rejects reports without substance' },
    EscalateToCase: {
      allow: { officer: 'own', regionalHead: 'own', investigator: 'own' },
      why: 'signs of a crime: the office or an investigator of the region opens a case',
    },
    WithdrawReport: {
      allow: officeStaff,
      why: 'the office records a withdrawal the reporter asked for; reporters withdraw themselves with the receipt (receipts work)',
    },
    PostFollowUp: {
      allow: { citizen: 'any', officer: 'own', regionalHead: 'own' },
      conditions: [
        {
          kind: 'fieldByRole',
          rule: 'AuthorRole',
          field: 'author',
          values: { citizen: ['reporter'], officer: ['office'], regionalHead: ['office'] },
        },
      ],
      why: 'the reporter (an anonymous one with the receipt, which the report checks) and the office write follow-ups',
    },
    ReopenReport: {
      allow: { regionalHead: 'own' },
      why: 'a complaint goes to the head, who reopens',
    },
    MarkOverdue: { allow: deadlineJob, why: 'only the deadline job marks reports overdue' },
  },
  ratings: {
    RateService: { allow: { citizen: 'any' }, why: 'citizens rate the services they received' },
    CorrectRating: {
      allow: { citizen: 'any' },
      why: 'the rater corrects; the rating id (an HMAC under the office key) is known only to them',
    },
    FlagViolation: {
      allow: { citizen: 'any', groupMember: 'own' },
      conditions: [
        {
          kind: 'fieldByRole',
          rule: 'AuthorRole',
          field: 'flaggedBy',
          values: { citizen: ['rater'], groupMember: ['monitor'] },
        },
      ],
      why: 'the rater, or a monitoring-group member of the region, flags a violation',
    },
    RespondToRating: { allow: officeStaff, why: 'the authorised body of the region responds' },
    ResolveFlag: { allow: officeStaff, why: 'the authorised body of the region resolves the flag' },
  },
  cases: {
    RegisterCase: caseWork('investigators of the region register cases'),
    StartInvestigation: caseWork('investigators run their region’s cases'),
    IdentifySuspect: caseWork('investigators run their region’s cases'),
    DetainSuspect: caseWork('investigators run their region’s cases'),
    ChargeSuspect: caseWork('investigators run their region’s cases'),
    MarkOrganisedGroup: caseWork('investigators run their region’s cases'),
    MarkSystemic: caseWork('investigators run their region’s cases'),
    RecordDamage: caseWork('investigators run their region’s cases'),
    RecordRecovery: caseWork('investigators run their region’s cases'),
    SendToCourt: caseWork('investigators run their region’s cases'),
    RecordVerdict: caseWork('investigators record the court’s verdict'),
    TerminateCase: caseWork('investigators terminate cases'),
    CloseCase: caseWork('investigators close cases'),
  },
  recommendations: {
    IssueRecommendation: {
      allow: { groupMember: 'own', regionalHead: 'own' },
      conditions: [
        {
          kind: 'fieldByRole',
          rule: 'IssuerKind',
          field: 'issuer.kind',
          values: { groupMember: ['group'], regionalHead: ['agency'] },
        },
      ],
      why: 'a group member issues the group’s recommendations, a head the agency’s',
    },
    AcknowledgeRecommendation: {
      allow: officeStaff,
      why: 'the office records the addressed body’s acknowledgement',
    },
    RecordCollectiveReview: {
      allow: officeStaff,
      why: 'the office records the labour collective’s review',
    },
    ReportImplementation: { allow: officeStaff, why: 'the office records the body’s report' },
    AssessImplementation: {
      allow: { groupMember: 'own', officer: 'own', regionalHead: 'own' },
      why: 'the issuer assesses: a group member for a group, the office for the agency (the issuer is not known before the stream is read)',
    },
    WithdrawRecommendation: { allow: { regionalHead: 'own' }, why: 'the head withdraws' },
    MarkOverdue: { allow: deadlineJob, why: 'only the deadline job marks recommendations overdue' },
    CloseRecommendation: { allow: officeStaff, why: 'the office closes assessed recommendations' },
  },
  groups: {
    FormGroup: { allow: administrators, why: 'administrators form the region’s monitoring groups' },
    AddMember: { allow: administrators, why: 'administrators manage membership' },
    RemoveMember: { allow: administrators, why: 'administrators manage membership' },
    HandOverChair: { allow: administrators, why: 'administrators manage membership' },
    DeclareConflictOfInterest: {
      allow: { groupMember: 'own', administrator: 'own' },
      conditions: [
        { kind: 'fieldIsActor', rule: 'OwnDeclaration', field: 'memberId', roles: ['groupMember'] },
      ],
      why: 'a member declares their own conflict; an administrator records one',
    },
    AssignObject: { allow: administrators, why: 'administrators assign objects to members' },
    RecordVisit: {
      allow: { groupMember: 'own' },
      conditions: [{ kind: 'listHasActor', rule: 'TookPart', field: 'memberIds', roles: ['groupMember'] }],
      why: 'a member who took part records the visit',
    },
  },
  roadmaps: {
    DraftRoadmap: {
      allow: administrators,
      why: 'administrators draft roadmaps (a national one needs a national administrator)',
    },
    AddMeasure: { allow: administrators, why: 'administrators plan measures' },
    ApproveRoadmap: {
      allow: { regionalHead: 'own' },
      why: 'a head approves, not the administrator who drafted (a national roadmap needs a national head)',
    },
    ReviseRoadmap: { allow: administrators, why: 'administrators revise, with a reason' },
    StartMeasure: {
      allow: { officer: 'own', administrator: 'own' },
      why: 'the measure’s owner (an officer) or an administrator',
    },
    RecordMilestone: {
      allow: { officer: 'own', administrator: 'own' },
      why: 'the measure’s owner (an officer) or an administrator',
    },
    ReportKpi: {
      allow: { officer: 'own', administrator: 'own' },
      why: 'the measure’s owner (an officer) or an administrator',
    },
    CompleteMeasure: {
      allow: { officer: 'own', administrator: 'own' },
      why: 'the measure’s owner (an officer) or an administrator',
    },
    ReviseMeasureDeadline: { allow: administrators, why: 'administrators revise, with a reason' },
    CancelMeasure: { allow: administrators, why: 'administrators cancel, with a reason' },
  },
};
