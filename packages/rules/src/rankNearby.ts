import { toEpoch } from '@quanzi/core';
import type { TaskFacts, TaskView } from './facts';
import type { PolicyDocument } from './PolicySchema';

/** The weights of the nearby ranking; see the policy's `ranking` section. */
export type RankingWeights = PolicyDocument['ranking'];

/** A task in the index with what ranking needs precomputed. */
export interface IndexedTask {
  facts: TaskFacts;
  view: TaskView;
  /** Deadline in epoch ms: the task's own, else creation plus the SLA hours. */
  dueMs: number;
  /** False once the task was removed or replaced; the tree keeps it until a rebuild. */
  live: boolean;
  /** Its id in the current tree, or -1 while it waits to be indexed. */
  slot: number;
}

/** One result of a nearby search. */
export interface NearbyTask {
  task: TaskFacts;
  distanceMeters: number;
  /** Higher ranks first: weighted closeness, urgency and publisher credibility. */
  score: number;
}

const hourMs = 3_600_000;
// With no credibility on record a publisher ranks as neither good nor bad.
const neutralCredibility = 0.5;

/** When a task is due, from its deadline or its SLA hours. */
export function dueMs(facts: TaskFacts, categorySlaHours: number | undefined): number {
  const { task } = facts;
  if (task.deadline !== undefined) return toEpoch(task.deadline);
  const hours = task.slaHours ?? categorySlaHours ?? 24 * 7;
  return toEpoch(task.createdAt) + hours * hourMs;
}

/**
 * Scores one candidate. Each term is scaled to 0..1: closeness within the radius,
 * urgency (1 when overdue, 0.5 a day before the deadline) and publisher credibility
 * (`NaN` when none is on record).
 */
export function scoreNearby(
  distance: number,
  radiusMeters: number,
  dueMs: number,
  publisherCredibility: number,
  nowMs: number,
  weights: RankingWeights,
): number {
  const closeness = 1 - Math.min(1, distance / radiusMeters);
  const hoursLeft = (dueMs - nowMs) / hourMs;
  const urgency = hoursLeft <= 0 ? 1 : 1 / (1 + hoursLeft / 24);
  const credibility = Number.isNaN(publisherCredibility)
    ? neutralCredibility
    : publisherCredibility;
  return (
    weights.distance * closeness + weights.urgency * urgency + weights.credibility * credibility
  );
}

/**
 * The nearby order over (score, distance, task id): best score first; ties go to the
 * nearer task, then to the smaller id, so pages are stable.
 */
export function compareNearby(
  scoreA: number,
  distanceA: number,
  idA: string,
  scoreB: number,
  distanceB: number,
  idB: string,
): number {
  return scoreB - scoreA || distanceA - distanceB || (idA < idB ? -1 : idA > idB ? 1 : 0);
}
