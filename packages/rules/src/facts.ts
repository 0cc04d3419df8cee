import {
  type ActorRole,
  anchorOf,
  type Category,
  type Circle,
  type CircleModel,
  distanceMeters,
  type Participant,
  type Position,
  roleOf,
  type Sensitivity,
  type Task,
  toEpoch,
} from '@quanzi/core';
import type { Tier } from './PolicySchema';

/**
 * What a decision knows about a participant. `level` and `tags` come from the
 * reputation package (or the caller); they are plain inputs here.
 */
export interface ParticipantFacts {
  participant: Participant;
  level: number;
  tags: readonly string[];
  /** 0..1, how positive the participant's reports and published tasks were. */
  credibility?: number;
}

/** What a decision knows about a task: the task, its lifecycle state and its claimants. */
export interface TaskFacts {
  task: Task;
  /** The lifecycle state, e.g. `published`, `claimed`, `submitted`. */
  state: string;
  claimantIds: readonly string[];
  /** 0..1, the publisher's credibility; ranks their tasks in nearby lists. */
  publisherCredibility?: number;
}

/** Where and when a decision is made. */
export interface DecisionContext {
  /** The decision instant (ISO 8601 UTC); qualifications expire against it. */
  now: string;
  /** Where the participant is; falls back to their home. */
  position?: Position;
  circle: Circle;
}

/** A category after the policy's overrides, with the level its `minTier` requires. */
export interface ResolvedCategory extends Category {
  minLevel: number;
}

/** The `participant` fact as rules read it. */
export interface ParticipantView {
  id: string;
  kind: Participant['kind'];
  roles: readonly string[];
  teamIds: readonly string[];
  circleId: string;
  status: Participant['status'];
  level: number;
  tags: readonly string[];
  credibility: number | null;
  /** Codes of the qualifications still valid at the decision's `now`. */
  qualifications: readonly string[];
  /** 0 outsider, 1 member, 2 qualified, 3 officer, 4 command center. */
  clearance: number;
  tier: Tier;
  /** How far the participant discovers tasks: the tier's radius, or the whole circle for officers. */
  radiusMeters: number;
}

/** The `task` fact as rules read it, with the category's defaults filled in. */
export interface TaskView {
  id: string;
  category: string;
  categoryKnown: boolean;
  state: string;
  difficulty: number;
  sensitivity: Sensitivity;
  /** The clearance needed to see it (see {@link ParticipantView.clearance}). */
  scope: number;
  requiredQualifications: readonly string[];
  minLevel: number;
  publisherId: string;
  claimantIds: readonly string[];
  claimants: number;
  slots: number;
  rewardPoints: number;
  publisherCredibility: number | null;
  sourceKind: Task['source']['kind'];
  /** The task's own discovery radius, overriding the tier's. */
  visibleRadiusMeters: number | null;
  anchor: Position;
}

/** The `circle` fact. */
export interface CircleView {
  id: string;
  model: CircleModel;
  review: Circle['review'];
}

/** The `context` fact: the instant, the participant's position and the distance to the task. */
export interface ContextView {
  now: string;
  position: Position | null;
  /** Null when the position is unknown, or when no rule of the action reads the context. */
  distanceMeters: number | null;
  /** The radius that applies: the task's own or the participant's tier's. */
  radiusMeters: number;
}

/** The four facts every rule reads. */
export interface DecisionFacts {
  participant: ParticipantView;
  task: TaskView;
  circle: CircleView;
  context: ContextView;
}

const scopeRank: Record<Sensitivity, number> = {
  public: 0,
  circle: 1,
  qualified: 2,
  officers: 3,
  command: 4,
};

/** The largest radius a policy may set: no circle is wider. */
const circleWideMeters = 100_000;

const clearanceByRole: Record<ActorRole, number> = {
  command: 4,
  officer: 3,
  upstream: 3,
  qualified: 2,
  resident: 1,
  sensor: 1,
  system: 1,
};

function clearanceOf(participant: Participant, circle: Circle, qualified: boolean): number {
  if (participant.circleId !== circle.id) return 0;
  const clearance = clearanceByRole[roleOf(participant)];
  return clearance === 1 && qualified ? 2 : clearance;
}

const none: readonly string[] = Object.freeze([]);

function validQualifications(participant: Participant, nowMs: number): readonly string[] {
  if (participant.qualifications.length === 0) return none;
  const codes: string[] = [];
  for (const q of participant.qualifications) {
    if (q.expiresAt === undefined || toEpoch(q.expiresAt) > nowMs) codes.push(q.code);
  }
  return codes;
}

/** Builds the `participant` fact once per participant and instant. */
export function createParticipantView(
  facts: ParticipantFacts,
  circle: Circle,
  now: string,
  tierFor: (level: number) => Tier,
): ParticipantView {
  const { participant } = facts;
  const qualifications = validQualifications(participant, toEpoch(now));
  const clearance = clearanceOf(participant, circle, qualifications.length > 0);
  const tier = tierFor(facts.level);
  return {
    id: participant.id,
    kind: participant.kind,
    roles: participant.roles,
    teamIds: participant.teamIds,
    circleId: participant.circleId,
    status: participant.status,
    level: facts.level,
    tags: facts.tags,
    credibility: facts.credibility ?? null,
    qualifications,
    clearance,
    tier,
    // Officers and the center oversee the whole circle, not a radius around home.
    radiusMeters: clearance >= 3 ? circleWideMeters : tier.radiusMeters,
  };
}

/** Builds the `task` fact once per task version; categories come from the policy. */
export function createTaskView(
  facts: TaskFacts,
  categories: ReadonlyMap<string, ResolvedCategory>,
): TaskView {
  const { task } = facts;
  const category = categories.get(task.category);
  const sensitivity = task.sensitivity ?? category?.defaultSensitivity ?? 'command';
  const fromCategory = category?.requiredQualifications ?? none;
  const required =
    fromCategory.length === 0
      ? task.requiredQualifications
      : task.requiredQualifications.length === 0
        ? fromCategory
        : [...new Set([...fromCategory, ...task.requiredQualifications])];
  return {
    id: task.id,
    category: task.category,
    categoryKnown: category !== undefined,
    state: facts.state,
    difficulty: task.difficulty ?? category?.defaultDifficulty ?? 5,
    sensitivity,
    scope: scopeRank[sensitivity],
    requiredQualifications: required,
    minLevel: category?.minLevel ?? 0,
    publisherId: task.publisherId,
    claimantIds: facts.claimantIds,
    claimants: facts.claimantIds.length,
    slots: task.slots,
    rewardPoints: task.rewardPoints,
    publisherCredibility: facts.publisherCredibility ?? null,
    sourceKind: task.source.kind,
    visibleRadiusMeters: task.visibleRadiusMeters ?? null,
    anchor: anchorOf(task.location),
  };
}

/** Builds the `circle` fact; a policy's `model` overrides the circle's own. */
export function createCircleView(circle: Circle, model: CircleModel | undefined): CircleView {
  return { id: circle.id, model: model ?? circle.model, review: circle.review };
}

/**
 * Builds the `context` fact for one participant–task pair. `knownDistance` skips the
 * computation: a distance the caller has, or `null` when nothing will read it.
 */
export function createContextView(
  now: string,
  position: Position | null,
  task: TaskView,
  participant: Pick<ParticipantView, 'radiusMeters'>,
  knownDistance?: number | null,
): ContextView {
  const distance =
    knownDistance !== undefined
      ? knownDistance
      : position === null
        ? null
        : distanceMeters(position, task.anchor);
  return {
    now,
    position,
    distanceMeters: distance,
    radiusMeters: task.visibleRadiusMeters ?? participant.radiusMeters,
  };
}

/** The fields each fact offers, so a policy naming an unknown one is rejected at load. */
export const factFields = {
  participant: [
    'id',
    'kind',
    'roles',
    'teamIds',
    'circleId',
    'status',
    'level',
    'tags',
    'credibility',
    'qualifications',
    'clearance',
    'tier',
  ] satisfies Array<keyof ParticipantView>,
  task: [
    'id',
    'category',
    'categoryKnown',
    'state',
    'difficulty',
    'sensitivity',
    'scope',
    'requiredQualifications',
    'minLevel',
    'publisherId',
    'claimantIds',
    'claimants',
    'slots',
    'rewardPoints',
    'publisherCredibility',
    'sourceKind',
    'visibleRadiusMeters',
    'anchor',
  ] satisfies Array<keyof TaskView>,
  circle: ['id', 'model', 'review'] satisfies Array<keyof CircleView>,
  context: ['now', 'position', 'distanceMeters', 'radiusMeters'] satisfies Array<keyof ContextView>,
} as const;
