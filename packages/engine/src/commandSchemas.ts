import {
  bilingualMessage,
  DismissVerdictSchema,
  DuplicateRefSchema,
  IdSchema,
  InstantSchema,
  MediaSchema,
  ParticipantSchema,
  PointSchema,
  plainText,
  QualificationSchema,
  ReportSchema,
  TaskSchema,
  WorkReasonSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';

/**
 * Fields every command carries: who sends it, a client-made idempotency key (a
 * retried command returns its first result) and, for queued offline commands, when
 * the client made it.
 */
const envelope = {
  idempotencyKey: plainText({ min: 1, max: 200, wellFormed: true }),
  actorId: IdSchema,
  /** When an offline client queued the command; kept for audit, never trusted for deadlines. */
  clientTime: z.optional(InstantSchema),
};

function command<TType extends string, TShape extends z.core.$ZodShape>(
  type: TType,
  shape: TShape,
) {
  return z.strictObject({ type: z.literal(type), ...envelope, ...shape });
}

/** A report as sent in; the engine adds the reporter, the time and (from the location) the circle. */
export const ReportDraftSchema = z
  .extend(
    z.pick(ReportSchema, {
      proxyFor: true,
      channel: true,
      category: true,
      text: true,
      media: true,
      location: true,
      anonymous: true,
    }),
    { id: z.optional(IdSchema), circleId: z.optional(IdSchema) },
  )
  .check(
    z.refine((draft) => (draft.channel === 'proxy') === (draft.proxyFor !== undefined), {
      message: bilingualMessage({
        en: 'A proxy report names the person it is made for, and only a proxy report does',
        'zh-CN': '代报必须且只能在代报渠道填写被代报人',
      }),
      path: ['proxyFor'],
    }),
  );

/** A task as sent in; the engine adds the publisher, the time and (from the location) the circle. */
export const TaskDraftSchema = z.extend(
  z.omit(TaskSchema, {
    id: true,
    circleId: true,
    publisherId: true,
    createdAt: true,
  }),
  { id: z.optional(IdSchema), circleId: z.optional(IdSchema) },
);

const taskRef = { taskId: IdSchema };
const reportRef = { reportId: IdSchema };
const note = z.optional(plainText({ max: 2000, multiline: true }));

/** Registers a person, organisation, officer, command center, upstream platform or sensor. */
export const RegisterParticipantSchema = command('participant.register', {
  participant: z.omit(ParticipantSchema, { status: true, teamIds: true, memberIds: true }),
});
/** Registers a team that claims as one; its members join it. */
export const RegisterTeamSchema = command('team.register', {
  team: z.strictObject(
    z.extend(
      z.pick(ParticipantSchema, {
        id: true,
        circleId: true,
        displayName: true,
        qualifications: true,
      }),
      { memberIds: z.array(IdSchema).check(z.minLength(1), z.maxLength(1000)) },
    ).shape,
  ),
});
/** Adds a qualification (资质) to a participant or team. */
export const CertifyParticipantSchema = command('participant.certify', {
  participantId: IdSchema,
  qualification: QualificationSchema,
});
/** Suspends a participant or team: no claims, reports or publishing until reinstated. */
export const SuspendParticipantSchema = command('participant.suspend', {
  participantId: IdSchema,
  reason: plainText({ min: 1, max: 2000, multiline: true }),
});
/** Lifts a suspension. */
export const ReinstateParticipantSchema = command('participant.reinstate', {
  participantId: IdSchema,
});

/** Sends in a report, also by proxy for someone without a smartphone. */
export const SubmitReportSchema = command('report.submit', { report: ReportDraftSchema });
/** Sets a report's triage priority (1 = most urgent). */
export const PrioritizeReportSchema = command('report.prioritize', {
  ...reportRef,
  priority: z.number().check(z.int(), z.gte(1), z.lte(5)),
});
/** Turns a report into a task. */
export const ConvertReportSchema = command('report.convert', {
  ...reportRef,
  task: z.omit(TaskDraftSchema, { source: true, reportIds: true }),
});
/** Links a report as a duplicate of another report or a task. */
export const LinkReportSchema = command('report.link', {
  ...reportRef,
  duplicateOf: DuplicateRefSchema,
});
/** Dismisses a report with a verdict that feeds the reporter's credibility. */
export const DismissReportSchema = command('report.dismiss', {
  ...reportRef,
  verdict: DismissVerdictSchema,
  note,
});
/** Forwards a report to the body responsible for it; the reporter sees where it went. */
export const ForwardReportSchema = command('report.forward', {
  ...reportRef,
  to: plainText({ min: 1, max: 200 }),
  note,
});

/** Creates a task from any source: upstream dispatch, report, officer, resident or sensor alert. */
export const CreateTaskSchema = command('task.create', { task: TaskDraftSchema });
/** The command center's review of a task: approve it or return it with guidance. */
export const ReviewTaskSchema = command('task.review', {
  ...taskRef,
  decision: z.enum(['approved', 'returned']),
  guidance: z.optional(plainText({ max: 5000, multiline: true })),
});
/** Puts a task on the platform. */
export const PublishTaskSchema = command('task.publish', taskRef);
/** Claims a task (takes a lease); `at` is where the claimant stands now. */
export const ClaimTaskSchema = command('task.claim', { ...taskRef, at: z.optional(PointSchema) });
/** Extends the claimant's lease. */
export const ExtendLeaseSchema = command('task.extend', taskRef);
/** Gives a claimed task back. */
export const ReleaseTaskSchema = command('task.release', taskRef);
/** Starts work on a claimed task. */
export const StartTaskSchema = command('task.start', taskRef);
/** Submits the work with evidence, and any follow-up reports found on the way. */
export const SubmitWorkSchema = command('task.submit', {
  ...taskRef,
  evidence: z.array(MediaSchema).check(z.maxLength(50)),
  note: z.optional(plainText({ max: 5000, multiline: true })),
  followUpReports: z._default(z.array(ReportDraftSchema).check(z.maxLength(20)), []),
});
/** Accepts handed-in work, slot by slot; rewards follow for the accepted slots only. */
export const AcceptWorkSchema = command('task.accept', {
  ...taskRef,
  /** Whose handed-in work; every slot waiting for judgement when omitted. */
  claimantId: z.optional(IdSchema),
});
/** Rejects the submitted work; the claimant loses the claim. */
export const RejectWorkSchema = command('task.reject', {
  ...taskRef,
  /** Whose handed-in work; the first slot waiting for judgement when omitted. */
  claimantId: z.optional(IdSchema),
  reasons: z.array(WorkReasonSchema).check(z.minLength(1), z.maxLength(20)),
});
/** Sends handed-in work back for rework; that holder gets a fresh lease. */
export const RequestReworkSchema = command('task.rework', {
  ...taskRef,
  /** Whose handed-in work; every slot waiting for judgement when omitted. */
  claimantId: z.optional(IdSchema),
  reasons: z.array(WorkReasonSchema).check(z.minLength(1), z.maxLength(20)),
});
/** Rates one participant's work on a task. */
export const RateWorkSchema = command('task.rate', {
  ...taskRef,
  participantId: IdSchema,
  rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
  comment: z.optional(plainText({ max: 2000, multiline: true })),
});
/** Marks a participant's work on a task as a classic (exemplary) case. */
export const MarkClassicSchema = command('task.mark_classic', {
  ...taskRef,
  participantId: IdSchema,
  note,
});
/** Cancels a task. */
export const CancelTaskSchema = command('task.cancel', { ...taskRef, note });
/** Escalates a task beyond the crowd: to an officer or the command center. */
export const EscalateTaskSchema = command('task.escalate', {
  ...taskRef,
  reason: z.enum(['beyond_capability', 'needs_officer']),
  note,
});
/**
 * Overturns a standing judgement of one participant's work on a task, with every
 * effect it brought: an acceptance takes its reward, rating and classic mark with it
 * and hands the slot back for judgement. Reputation, points, levels and assessment
 * rows recompute without them; the reason is kept in the log.
 */
export const OverturnDecisionSchema = command('task.overturn', {
  ...taskRef,
  participantId: IdSchema,
  decision: z._default(z.enum(['acceptance', 'reward', 'rating', 'classic']), 'acceptance'),
  reason: plainText({ min: 1, max: 2000, multiline: true }),
});
/** Records a second reviewer's opinion of a standing acceptance (it does not change the task). */
export const SecondReviewSchema = command('task.second_review', {
  ...taskRef,
  participantId: IdSchema,
  agrees: z.boolean(),
});
/** Emits what is due at `now`: expiring and expired leases, breached service levels. */
export const TickSchema = command('tick', { now: InstantSchema });

/** Every command the engine accepts, by `type`. */
export const CommandSchema = z.discriminatedUnion('type', [
  RegisterParticipantSchema,
  RegisterTeamSchema,
  CertifyParticipantSchema,
  SuspendParticipantSchema,
  ReinstateParticipantSchema,
  SubmitReportSchema,
  PrioritizeReportSchema,
  ConvertReportSchema,
  LinkReportSchema,
  DismissReportSchema,
  ForwardReportSchema,
  CreateTaskSchema,
  ReviewTaskSchema,
  PublishTaskSchema,
  ClaimTaskSchema,
  ExtendLeaseSchema,
  ReleaseTaskSchema,
  StartTaskSchema,
  SubmitWorkSchema,
  AcceptWorkSchema,
  RejectWorkSchema,
  RequestReworkSchema,
  RateWorkSchema,
  MarkClassicSchema,
  CancelTaskSchema,
  EscalateTaskSchema,
  OverturnDecisionSchema,
  SecondReviewSchema,
  TickSchema,
]);

/** A validated command. */
export type Command = z.infer<typeof CommandSchema>;
/** A command as a client sends it (defaults may be omitted). */
export type CommandInput = z.input<typeof CommandSchema>;
/** One command `type`. */
export type CommandType = Command['type'];
/**
 * A command without its envelope (`actorId`, `idempotencyKey`, `clientTime`): what a
 * helper that fills the envelope in takes, keeping the command's own fields typed.
 *
 * @example
 * const run = (actorId: string, body: CommandBody) =>
 *   engine.execute({ ...body, actorId, idempotencyKey: crypto.randomUUID() });
 */
export type CommandBody = CommandInput extends infer TCommand
  ? TCommand extends unknown
    ? Omit<TCommand, 'actorId' | 'idempotencyKey' | 'clientTime'>
    : never
  : never;
/** A command for {@link EngineHost.execute}: as {@link CommandInput}, `actorId` optional (the host acts). */
export type HostCommandInput = CommandInput extends infer TCommand
  ? TCommand extends { readonly actorId: string }
    ? Omit<TCommand, 'actorId'> & { readonly actorId?: string }
    : never
  : never;
/** The validated command of type `TType`. */
export type CommandOf<TType extends CommandType> = Extract<Command, { type: TType }>;
/** A report draft. */
export type ReportDraft = z.infer<typeof ReportDraftSchema>;
/** A task draft. */
export type TaskDraft = z.infer<typeof TaskDraftSchema>;
