import type { ActorRole } from '@quanzi/core';
import { toEpoch } from '@quanzi/core';
import { type DenialCode, deny } from './Denial';
import type { LifecycleConfig } from './LifecycleConfig';
import type { Check } from './LifecycleDefinition';
import type { TaskCommand, TaskCommandOf } from './TaskCommand';
import type { TaskSnapshot } from './TaskSnapshot';
import { nextTaskDue } from './taskDue';

/** A check on a task command of type `TType` (or any task command). */
export type TaskCheck<TCommand extends TaskCommand = TaskCommand> = Check<
  TaskSnapshot,
  TCommand,
  LifecycleConfig
>;

function check<TCommand extends TaskCommand = TaskCommand>(
  name: string,
  allowed: (snapshot: TaskSnapshot, command: TCommand, config: LifecycleConfig) => boolean,
  code: DenialCode,
): TaskCheck<TCommand> {
  return {
    name,
    deny: (snapshot, command, config) =>
      allowed(snapshot, command, config) ? undefined : deny(code),
  };
}

const holds = (snapshot: TaskSnapshot, id: string) =>
  snapshot.claims.some((claim) => claim.claimantId === id);
const claimOf = (snapshot: TaskSnapshot, id: string) =>
  snapshot.claims.find((claim) => claim.claimantId === id);

/** The actor's role is one of `roles`. */
export const roleIn = (...roles: ActorRole[]) =>
  check(`role ${roles.join('/')}`, (_, c) => roles.includes(c.actor.role), 'role_not_allowed');

/** Only the command center: review, accept, reject, rate, reward, resume. */
export const isCommandCenter = roleIn('command');

/** Residents and qualified participants publish only in the extended model. */
export const modelAllowsPublisher = check(
  'model allows publisher',
  (_, c, config) =>
    config.model === 'extended' || !['resident', 'qualified'].includes(c.actor.role),
  'model_forbids_publishing',
);

/** The publisher or the command center. */
export const isPublisherOrCommand = check(
  'is publisher',
  (s, c) => c.actor.id === s.publisherId || c.actor.role === 'command',
  'not_publisher',
);

/** Residents claim only in the extended model; qualified participants and officers always. */
export const modelAllowsClaimant = check(
  'model allows claimant',
  (_, c, config) => c.actor.role !== 'resident' || config.model === 'extended',
  'role_not_allowed',
);

/** Until the center approves the task, only qualified participants and officers claim (post-review). */
export const reviewAllowsClaimant = check(
  'reviewed or qualified',
  (s, c) => s.review === 'approved' || c.actor.role !== 'resident',
  'needs_qualified',
);

/** A publisher claims their own task only where the circle allows it. */
export const notSelfClaim = check(
  'not own task',
  (s, c, config) => config.allowSelfClaim || c.actor.id !== s.publisherId,
  'self_claim',
);

/** One claim per participant. */
export const notHolder = check(
  'not yet holder',
  (s, c) => !holds(s, c.actor.id),
  'already_claimed',
);

/** Never more holders than slots. */
export const hasFreeSlot = check('free slot', (s) => s.claims.length < s.slots, 'no_free_slot');

/** The actor holds a claim on the task. */
export const isHolder = check('is holder', (s, c) => holds(s, c.actor.id), 'not_claimant');

/** The holder's lease may still be extended. */
export const canExtend = check(
  'below extension cap',
  (s, c, config) => (claimOf(s, c.actor.id)?.extensions ?? 0) < config.maxLeaseExtensions,
  'extension_cap',
);

/** The holder's slot is still worked on (not handed in or accepted). */
export const notHandedIn = check(
  'slot open',
  (s, c) => {
    const phase = claimOf(s, c.actor.id)?.phase;
    return phase === 'working' || phase === 'rework';
  },
  'already_submitted',
);

type SlotJudgement = TaskCommandOf<'accept' | 'request_rework' | 'reject'>;

/** The judged slot was handed in and waits for the center. */
export const handedIn = check<SlotJudgement>(
  'slot handed in',
  (s, c) => claimOf(s, c.claimantId)?.phase === 'submitted',
  'not_handed_in',
);

/** The holder has not started yet. */
export const notStarted = check(
  'not started',
  (s, c) => claimOf(s, c.actor.id)?.startedAt === null,
  'already_started',
);

/** The command center approved the task: acceptance needs it. */
export const isApproved = check('approved', (s) => s.review === 'approved', 'not_reviewed');

/** Post-review: the center has not approved the task yet. */
export const notApproved = check(
  'not approved',
  (s) => s.review !== 'approved',
  'already_reviewed',
);

/** Nobody judges their own work, whatever role they act in. */
export const notOwnWork = check(
  'not own work',
  (s, c) => !holds(s, c.actor.id) && !s.acceptedClaimantIds.includes(c.actor.id),
  'own_work',
);

type JudgementCommand = TaskCommandOf<'rate' | 'reward' | 'mark_classic'>;

/** The rated, rewarded or marked participant solved the task. */
export const targetSolved = check<JudgementCommand>(
  'target solved',
  (s, c) => s.acceptedClaimantIds.includes(c.participantId),
  'not_a_solver',
);

/** One rating per solver. */
export const notRated = check<TaskCommandOf<'rate'>>(
  'not yet rated',
  (s, c) => !s.ratings.some((r) => r.participantId === c.participantId),
  'already_rated',
);

/** One reward per solver. */
export const notRewarded = check<TaskCommandOf<'reward'>>(
  'not yet rewarded',
  (s, c) => !s.rewards.some((r) => r.participantId === c.participantId),
  'already_rewarded',
);

/** One classic mark per solver. */
export const notClassic = check<TaskCommandOf<'mark_classic'>>(
  'not yet classic',
  (s, c) => !s.classicIds.includes(c.participantId),
  'already_classic',
);

/** A holder, an officer or the command center escalates. */
export const holderOrOversight = check(
  'holder or oversight',
  (s, c) => holds(s, c.actor.id) || c.actor.role === 'command' || c.actor.role === 'officer',
  'not_claimant',
);

type CloseCommand = TaskCommandOf<'close'>;

/** The center closes; a publisher only cancels, and only while nobody holds the task. */
export const mayClose = check<CloseCommand>(
  'command, or publisher cancelling unclaimed',
  (s, c) =>
    c.actor.role === 'command' ||
    (c.actor.id === s.publisherId && c.reason === 'cancelled' && s.claims.length === 0),
  'not_publisher',
);

/** Before acceptance a task cannot close as resolved. */
export const notResolved = check<CloseCommand>(
  'not resolved',
  (_, c) => c.reason !== 'resolved',
  'resolved_needs_acceptance',
);

/** After acceptance a task closes only as resolved. */
export const onlyResolved = check<CloseCommand>(
  'resolved',
  (_, c) => c.reason === 'resolved',
  'acceptance_closes_resolved',
);

/** A duplicate names what it duplicates. */
export const duplicateNamed = check<CloseCommand>(
  'duplicate named',
  (_, c) => c.reason !== 'duplicate' || c.duplicateOf !== undefined,
  'duplicate_needs_reference',
);

/** A task never duplicates itself. */
export const notSelfDuplicate = check<CloseCommand>(
  'not itself',
  (s, c) => c.duplicateOf?.kind !== 'task' || c.duplicateOf.id !== s.taskId,
  'duplicate_of_itself',
);

/** Something in the current state is due at the tick's instant. */
export const somethingDue = check(
  'something due',
  (s, c, config) => (nextTaskDue(s, config)?.at ?? Number.POSITIVE_INFINITY) <= toEpoch(c.at),
  'nothing_due',
);
