import {
  type Circle,
  distanceMeters,
  IdSchema,
  InstantSchema,
  type Position,
  PositionSchema,
  parseInput,
  SensitivitySchema,
} from '@quanzi/core';
import KDBush from 'kdbush';
import TinyQueue from 'tinyqueue';
import * as z from 'zod';
import {
  type Policy,
  type PolicyInternals,
  type PreparedParticipant,
  policyInternals,
} from './createPolicy';
import type { ParticipantFacts, TaskFacts } from './facts';
import { compareNearby, dueMs, type IndexedTask, type NearbyTask, scoreNearby } from './rankNearby';

/** Options of {@link TaskIndex.claimableNear}. */
export const NearbyOptionsSchema = z.strictObject({
  now: InstantSchema,
  // Checked for shape only: like `decide`, the hot path trusts a circle the caller holds.
  circle: z.custom<Circle>(
    (value) => typeof value === 'object' && value !== null && 'id' in value && 'model' in value,
    { message: 'Pass the circle object / 请传入圈子对象' },
  ),
  /** `claim` lists what the participant may claim; `discover` what they may see. */
  action: z.enum(['claim', 'discover']).default('claim'),
  categories: z.array(IdSchema).max(500).optional(),
  sensitivities: z.array(SensitivitySchema).max(5).optional(),
  limit: z.number().int().min(1).max(200).default(20),
  offset: z.number().int().min(0).default(0),
  /** Overrides the policy's ranking weights for this query. */
  weights: z
    .strictObject({
      distance: z.number().min(0).max(100).optional(),
      urgency: z.number().min(0).max(100).optional(),
      credibility: z.number().min(0).max(100).optional(),
    })
    .optional(),
});

/** Options of a nearby search, as accepted on input. */
export type NearbyOptions = z.input<typeof NearbyOptionsSchema>;

/** One page of a nearby search. */
export interface NearbyPage {
  items: NearbyTask[];
  /** The offset of the next page, or `null` on the last one. */
  nextOffset: number | null;
}

/** Open tasks of a circle in a spatial index, for "what can I claim near me?". */
export interface TaskIndex {
  readonly size: number;
  /** Adds a task, or replaces the one with the same id (its state or claimants changed). */
  add(task: TaskFacts): void;
  /** Removes a task (it was claimed up, closed or cancelled); false if it was not there. */
  remove(taskId: string): boolean;
  get(taskId: string): TaskFacts | undefined;
  /**
   * Tasks near `position` that the policy lets the participant claim (or discover),
   * ranked by closeness, urgency and publisher credibility, one page at a time.
   */
  claimableNear(
    participant: ParticipantFacts,
    position: Position,
    options: NearbyOptions,
  ): NearbyPage;
}

interface Tree {
  index: KDBush;
  entries: IndexedTask[];
}

/**
 * Creates a spatial index of tasks over kdbush. kdbush is static, so new
 * tasks wait in a small list that every query scans, and the tree is rebuilt (at query
 * time, never on a timer) once that list or the share of removed tasks grows.
 *
 * @example
 * const index = createTaskIndex(policy);
 * for (const task of openTasks) index.add(task);
 * const page = index.claimableNear(me, [116.40, 39.91], { now, circle, limit: 10 });
 */
export function createTaskIndex(policy: Policy): TaskIndex {
  const inner = policyInternals(policy);
  const live = new Map<string, IndexedTask>();
  const pending = new Set<IndexedTask>();
  let tree: Tree | null = null;
  let stale = 0;
  let widestOverride = 0;

  const rebuild = () => {
    const entries = [...live.values()];
    pending.clear();
    stale = 0;
    widestOverride = Math.max(0, ...entries.map((e) => e.view.visibleRadiusMeters ?? 0));
    if (entries.length === 0) {
      tree = null;
      return;
    }
    const index = new KDBush(entries.length);
    for (const entry of entries) index.add(entry.view.anchor[0], entry.view.anchor[1]);
    tree = { index: index.finish(), entries };
  };
  const treeSize = () => tree?.entries.length ?? 0;
  const detach = (entry: IndexedTask) => {
    entry.live = false;
    if (!pending.delete(entry)) stale += 1;
  };

  return {
    get size() {
      return live.size;
    },
    add(facts) {
      const view = inner.taskView(facts);
      const sla = policy.categories.get(view.category)?.slaHours;
      const entry: IndexedTask = { facts, view, dueMs: dueMs(facts, sla), live: true };
      const previous = live.get(view.id);
      if (previous) detach(previous);
      live.set(view.id, entry);
      pending.add(entry);
      widestOverride = Math.max(widestOverride, view.visibleRadiusMeters ?? 0);
    },
    remove(taskId) {
      const entry = live.get(taskId);
      if (!entry) return false;
      live.delete(taskId);
      detach(entry);
      return true;
    },
    get: (taskId) => live.get(taskId)?.facts,
    claimableNear(participant, position, input) {
      const at = parseInput(PositionSchema, position, { path: ['position'] });
      const options = parseInput(NearbyOptionsSchema, input, { path: ['options'] });
      if (pending.size > 256 + treeSize() / 32 || stale > treeSize() / 4) rebuild();
      const prepared = inner.prepare(participant, {
        now: options.now,
        position: at,
        circle: options.circle,
      });
      const radius = Math.max(prepared.participant.radiusMeters, widestOverride);
      const wanted = (entry: IndexedTask) =>
        entry.live &&
        (options.categories === undefined || options.categories.includes(entry.view.category)) &&
        (options.sensitivities === undefined ||
          options.sensitivities.includes(entry.view.sensitivity));
      const candidates: IndexedTask[] = [...pending].filter(wanted);
      if (tree) {
        const { index, entries } = tree;
        const [minLng, minLat, maxLng, maxLat] = boundingBox(at, radius);
        for (const id of index.range(minLng, minLat, maxLng, maxLat)) {
          const entry = entries[id] as IndexedTask;
          if (wanted(entry)) candidates.push(entry);
        }
      }
      return rankPage(candidates, { at, prepared, options, policy, inner });
    },
  };
}

// Slightly under the 111,195 m of a degree on core's haversine sphere, so the box is
// a little larger than the circle rather than ever smaller.
const metersPerDegree = 111_000;

// A box that surely holds the circle of `radius` metres around `at`; the exact
// great-circle distance is checked per candidate by the policy's range rule.
function boundingBox(at: Position, radius: number): [number, number, number, number] {
  const dLat = radius / metersPerDegree;
  const cos = Math.cos((Math.min(89, Math.abs(at[1]) + dLat) * Math.PI) / 180);
  const dLng = Math.min(180, radius / (metersPerDegree * cos));
  return [at[0] - dLng, at[1] - dLat, at[0] + dLng, at[1] + dLat];
}

/** One nearby query, prepared: where, who, with which options. */
export interface NearbyQuery {
  at: Position;
  prepared: PreparedParticipant;
  options: z.output<typeof NearbyOptionsSchema>;
  policy: Policy;
  inner: PolicyInternals;
}

/**
 * Ranks candidate tasks, then decides them best first until the page (and one more,
 * to know whether a next page exists) is full. Ranking needs no rules, so most of the
 * tasks within reach are never decided at all. Tasks beyond their radius are skipped
 * before ranking: the range rule would deny them anyway.
 */
export function rankPage(candidates: Iterable<IndexedTask>, query: NearbyQuery): NearbyPage {
  const { at, prepared, options, inner } = query;
  const allows = inner.checker(options.action, prepared);
  if (allows === null) return { items: [], nextOffset: null };
  const weights = { ...query.policy.document.ranking, ...options.weights };
  const nowMs = Date.parse(options.now);
  const ranked: Array<{ item: NearbyTask; entry: IndexedTask }> = [];
  for (const entry of candidates) {
    const distance = distanceMeters(at, entry.view.anchor);
    const radius = entry.view.visibleRadiusMeters ?? prepared.participant.radiusMeters;
    if (distance > radius) continue;
    ranked.push({ item: scoreNearby(entry, distance, radius, nowMs, weights), entry });
  }
  // A heap, not a sort: only the best few are ever taken out, so most of the tasks
  // within reach are neither fully ordered nor decided.
  const queue = new TinyQueue(ranked, (a, b) => compareNearby(a.item, b.item));
  const items: NearbyTask[] = [];
  const end = options.offset + options.limit;
  let allowed = 0;
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const { entry, item } = next;
    if (!allows(entry.view, item.distanceMeters)) continue;
    if (allowed === end) return { items, nextOffset: end };
    if (allowed >= options.offset) items.push(item);
    allowed += 1;
  }
  return { items, nextOffset: null };
}
