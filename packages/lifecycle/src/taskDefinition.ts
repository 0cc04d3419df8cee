import type { TaskState } from '@quanzi/core';
import { evolveTask } from './evolveTask';
import type { LifecycleConfig } from './LifecycleConfig';
import type { Branch, LifecycleDefinition, Route } from './LifecycleDefinition';
import type { TaskCommand, TaskCommandOf } from './TaskCommand';
import type { TaskSnapshot } from './TaskSnapshot';
import * as checks from './taskChecks';
import { nextTaskDue, type TaskDueKind } from './taskDue';
import * as effects from './taskEffects';

type TaskRoute<TType extends TaskCommand['type']> = Route<
  TaskState,
  TaskSnapshot,
  TaskCommandOf<TType>,
  LifecycleConfig
>;
type TaskBranch<TType extends TaskCommand['type']> = Branch<
  TaskState,
  TaskSnapshot,
  TaskCommandOf<TType>,
  LifecycleConfig
>;
type When = NonNullable<TaskBranch<TaskCommand['type']>['when']>;

const when = (name: string, test: When['test']): When => ({ name, test });

const byAuthority = when('by command or upstream', (_, c) =>
  ['command', 'upstream'].includes(c.actor.role),
);
const byParticipant = when(
  'by resident, pre-review',
  (_, c, config) =>
    ['resident', 'qualified'].includes(c.actor.role) && config.review === 'pre_review',
);
const approves = when('approved', (_, c) => (c as TaskCommandOf<'review'>).decision === 'approved');
const due = (kind: TaskDueKind) =>
  when(kind, (s, _, config) => nextTaskDue(s, config)?.kind === kind);

/**
 * Every state a change to the slots can lead to: the slots decide (see
 * `taskStateOfSlots`), so a release, an expiry or a judgement lists them all.
 */
const slotStates: ReadonlyArray<TaskState> = [
  'published',
  'claimed',
  'in_progress',
  'submitted',
  'rework',
  'accepted',
];

const publishRoute: TaskRoute<'publish'> = {
  checks: [
    // Sensors publish their alerts as tasks (the engine lets them send `sensor` tasks only).
    checks.roleIn('command', 'officer', 'upstream', 'sensor', 'qualified', 'resident'),
    checks.modelAllowsPublisher,
    checks.isPublisherOrCommand,
  ],
  branches: [
    { when: byAuthority, target: 'published', effect: effects.publish },
    { when: byParticipant, target: 'pending_review', effect: effects.requestReview },
    { target: 'published', effect: effects.publish },
  ],
};

/** Post-review: the center reviews a task that is already live. */
const liveReviewIn = (state: TaskState): TaskRoute<'review'> => ({
  checks: [checks.isCommandCenter, checks.notApproved],
  branches: [{ target: state, effect: effects.review }],
});

const claimIn = (state: TaskState, target: TaskState = state): TaskRoute<'claim'> => ({
  checks: [
    // Officers claim too: officers-only work (security information, watching a suspect)
    // has nobody else who may take it.
    checks.roleIn('qualified', 'resident', 'officer'),
    checks.modelAllowsClaimant,
    checks.reviewAllowsClaimant,
    checks.notSelfClaim,
    checks.notHolder,
    checks.hasFreeSlot,
  ],
  branches: [{ target, effect: effects.claim }],
});

const holderRoute = <TType extends TaskCommand['type']>(
  state: TaskState,
  effect: TaskBranch<TType>['effect'],
  extra: TaskRoute<TType>['checks'] = [],
): TaskRoute<TType> => ({
  checks: [checks.isHolder, ...extra],
  branches: [{ target: state, effect }],
});

/** An escalated task stays escalated whoever leaves; elsewhere the slots decide. */
const releaseIn = (state: TaskState): TaskRoute<'release'> => ({
  checks: [checks.isHolder],
  branches: [{ target: state === 'escalated' ? state : slotStates, effect: effects.release }],
});

const escalateRoute: TaskRoute<'escalate'> = {
  checks: [checks.holderOrOversight],
  branches: [{ target: 'escalated', effect: effects.escalate }],
};

const closeOpen: TaskRoute<'close'> = {
  checks: [checks.mayClose, checks.notResolved, checks.duplicateNamed, checks.notSelfDuplicate],
  branches: [{ target: 'closed', effect: effects.close }],
};

/** Once holders are involved only the center closes. */
const closeByCenter: TaskRoute<'close'> = {
  ...closeOpen,
  checks: [checks.isCommandCenter, ...closeOpen.checks.slice(1)],
};

const tickBefore: TaskRoute<'tick'> = {
  checks: [checks.roleIn('system'), checks.somethingDue],
  branches: [{ when: due('deadline'), target: 'closed', effect: effects.closeBecause('expired') }],
};

/** Lease warnings and expiries, and the SLA alert, while holders work. */
const tickWorking = (state: TaskState): TaskRoute<'tick'> => ({
  checks: [checks.roleIn('system'), checks.somethingDue],
  branches: [
    { when: due('lease_warning'), target: state, effect: effects.warnLease },
    { when: due('lease_expiry'), target: slotStates, effect: effects.expireLease },
    { when: due('sla'), target: state, effect: effects.breachSla },
  ],
});

/** The routes every state where holders work shares. */
const working = (state: 'claimed' | 'in_progress' | 'rework') => ({
  review: liveReviewIn(state),
  extend_lease: holderRoute<'extend_lease'>(state, effects.extendLease, [
    checks.notHandedIn,
    checks.canExtend,
  ]),
  release: releaseIn(state),
  report_followup: holderRoute<'report_followup'>(state, effects.reportFollowup),
  escalate: escalateRoute,
  close: closeByCenter,
  tick: tickWorking(state),
});

/** Each holder hands in their own slot; the task is `submitted` once every open slot is. */
const submitRoute: TaskRoute<'submit'> = {
  checks: [checks.isHolder, checks.notHandedIn],
  branches: [{ target: ['in_progress', 'submitted', 'rework'], effect: effects.submit }],
};

/** Judging one solver's settled work: rating, reward, classic case. */
const judgedIn = (state: TaskState) => ({
  rate: {
    checks: [checks.isCommandCenter, checks.notOwnWork, checks.targetSolved, checks.notRated],
    branches: [{ target: state, effect: effects.rate }],
  } satisfies TaskRoute<'rate'>,
  reward: {
    checks: [checks.isCommandCenter, checks.notOwnWork, checks.targetSolved, checks.notRewarded],
    branches: [{ target: state, effect: effects.reward }],
  } satisfies TaskRoute<'reward'>,
  mark_classic: {
    checks: [checks.isCommandCenter, checks.notOwnWork, checks.targetSolved, checks.notClassic],
    branches: [{ target: state, effect: effects.markClassic }],
  } satisfies TaskRoute<'mark_classic'>,
});

/**
 * The center judges each handed-in slot on its own, while other slots may still be
 * worked on: accept, send back, or reject. Accepted slots are rated and rewarded.
 */
const judgingIn = (state: TaskState) => ({
  accept: {
    checks: [checks.isCommandCenter, checks.isApproved, checks.notOwnWork, checks.handedIn],
    branches: [{ target: slotStates, effect: effects.accept }],
  } satisfies TaskRoute<'accept'>,
  request_rework: {
    checks: [checks.isCommandCenter, checks.notOwnWork, checks.handedIn],
    branches: [{ target: 'rework', effect: effects.requestRework }],
  } satisfies TaskRoute<'request_rework'>,
  reject: {
    checks: [checks.isCommandCenter, checks.notOwnWork, checks.handedIn],
    branches: [{ target: slotStates, effect: effects.reject }],
  } satisfies TaskRoute<'reject'>,
  ...judgedIn(state),
});

/**
 * The task lifecycle as one table: states, the commands each accepts, who may send
 * them (checks), where they go (branches) and what they change and emit (effects).
 * `taskMachine` and `transitionTask` are both built from it.
 */
export const taskDefinition: LifecycleDefinition<
  TaskState,
  TaskSnapshot,
  TaskCommand,
  LifecycleConfig
> = {
  id: 'task',
  initial: 'draft',
  evolve: evolveTask,
  states: {
    draft: {
      description: 'Written, not yet on the platform',
      on: { publish: publishRoute, close: closeOpen, tick: tickBefore },
    },
    pending_review: {
      description: 'Waiting for the command center (pre-review)',
      on: {
        review: {
          checks: [checks.isCommandCenter],
          branches: [
            { when: approves, target: 'published', effect: effects.review },
            { target: 'draft', effect: effects.review },
          ],
        },
        close: closeOpen,
        tick: tickBefore,
      },
    },
    published: {
      description: 'Open for claims within the visible range',
      on: {
        review: liveReviewIn('published'),
        claim: claimIn('published', 'claimed'),
        escalate: escalateRoute,
        close: closeOpen,
        tick: {
          checks: tickBefore.checks,
          branches: [
            { when: due('sla'), target: 'escalated', effect: effects.breachSla },
            ...tickBefore.branches,
          ],
        },
      },
    },
    claimed: {
      description: 'Held by one or more participants under a lease',
      on: {
        ...working('claimed'),
        claim: claimIn('claimed'),
        start: holderRoute<'start'>('in_progress', effects.start, [checks.notStarted]),
      },
    },
    in_progress: {
      description: 'Work under way (some slots may be handed in already)',
      on: {
        ...working('in_progress'),
        ...judgingIn('in_progress'),
        claim: claimIn('in_progress'),
        start: holderRoute<'start'>('in_progress', effects.start, [checks.notStarted]),
        submit: submitRoute,
      },
    },
    submitted: {
      description: 'Every open slot handed in, waiting for the command center',
      on: {
        review: liveReviewIn('submitted'),
        report_followup: holderRoute<'report_followup'>('submitted', effects.reportFollowup),
        ...judgingIn('submitted'),
        close: closeByCenter,
      },
    },
    rework: {
      description: 'A slot returned with structured reasons',
      on: { ...working('rework'), ...judgingIn('rework'), submit: submitRoute },
    },
    escalated: {
      description: 'Beyond the solver, needs an officer, or past its service level',
      on: {
        review: liveReviewIn('escalated'),
        release: releaseIn('escalated'),
        report_followup: holderRoute<'report_followup'>('escalated', effects.reportFollowup),
        resume: {
          checks: [checks.isCommandCenter],
          branches: [{ target: slotStates, effect: effects.resume }],
        },
        close: closeByCenter,
      },
    },
    accepted: {
      description: 'Every slot settled, some accepted; the rating window is open',
      on: {
        ...judgedIn('accepted'),
        close: {
          checks: [checks.isCommandCenter, checks.onlyResolved],
          branches: [{ target: 'closed', effect: effects.close }],
        },
        tick: {
          checks: tickBefore.checks,
          branches: [
            { when: due('auto_close'), target: 'closed', effect: effects.closeBecause('resolved') },
          ],
        },
      },
    },
    closed: { description: 'Closed with a reason that keeps outcomes apart', on: {} },
  },
};
