import {
  bilingualMessage,
  type Circle,
  haversineMeters,
  IdSchema,
  InstantSchema,
  type Position,
  PositionSchema,
  parseInput,
  SensitivitySchema,
  toEpoch,
} from '@quanzi/core';
import KDBush from 'kdbush';
import TinyQueue from 'tinyqueue';
import * as z from 'zod/mini';
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
    { message: bilingualMessage({ en: 'Pass the circle object', 'zh-CN': '请传入圈子对象' }) },
  ),
  /** `claim` lists what the participant may claim; `discover` what they may see. */
  action: z._default(z.enum(['claim', 'discover']), 'claim'),
  categories: z.optional(z.array(IdSchema).check(z.maxLength(500))),
  sensitivities: z.optional(z.array(SensitivitySchema).check(z.maxLength(5))),
  limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(200)), 20),
  offset: z._default(z.number().check(z.int(), z.gte(0)), 0),
  /** Overrides the policy's ranking weights for this query. */
  weights: z.optional(
    z.strictObject({
      distance: z.optional(z.number().check(z.gte(0), z.lte(100))),
      urgency: z.optional(z.number().check(z.gte(0), z.lte(100))),
      credibility: z.optional(z.number().check(z.gte(0), z.lte(100))),
    }),
  ),
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
  /**
   * Sets the credibility every indexed task of `publisherId` ranks with, in place (no
   * rebuild), so the ranking follows the publisher's record and not the value copied
   * when each task last changed. Returns how many tasks it updated.
   */
  setPublisherCredibility(publisherId: string, credibility: number): number;
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

/**
 * The kdbush tree with the fields a query reads kept in columns by tree id: a query
 * over thousands of tasks then reads contiguous memory and follows a pointer to a
 * task only when it makes the page. Missing values are NaN.
 */
interface Tree {
  index: KDBush;
  entries: IndexedTask[];
  /** Task ids, for the ranking's tie-break without visiting the task. */
  ids: string[];
  live: Uint8Array;
  lng: Float64Array;
  lat: Float64Array;
  radius: Float64Array;
  due: Float64Array;
  credibility: Float64Array;
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
  // Live tasks by publisher: a credibility change touches only that publisher's tasks.
  const byPublisher = new Map<string, Set<IndexedTask>>();
  const pending = new Set<IndexedTask>();
  let tree: Tree | null = null;
  let stale = 0;
  let widestOverride = 0;

  const rebuild = () => {
    const entries = spatialOrder([...live.values()]);
    pending.clear();
    stale = 0;
    widestOverride = 0;
    if (entries.length === 0) {
      tree = null;
      return;
    }
    const index = new KDBush(entries.length);
    const column = () => new Float64Array(entries.length);
    const built: Tree = {
      index,
      entries,
      ids: entries.map((entry) => entry.view.id),
      live: new Uint8Array(entries.length).fill(1),
      lng: column(),
      lat: column(),
      radius: column(),
      due: column(),
      credibility: column(),
    };
    for (const entry of entries) {
      const [lng, lat] = entry.view.anchor;
      const slot = index.add(lng, lat);
      entry.slot = slot;
      built.lng[slot] = lng;
      built.lat[slot] = lat;
      built.radius[slot] = entry.view.visibleRadiusMeters ?? Number.NaN;
      // A loop, not Math.max(...spread): a city's open tasks can outnumber the
      // arguments a call may take.
      widestOverride = Math.max(widestOverride, entry.view.visibleRadiusMeters ?? 0);
      built.due[slot] = entry.dueMs;
      built.credibility[slot] = entry.view.publisherCredibility ?? Number.NaN;
    }
    index.finish();
    tree = built;
  };
  const treeSize = () => tree?.entries.length ?? 0;
  const detach = (entry: IndexedTask) => {
    entry.live = false;
    const own = byPublisher.get(entry.view.publisherId);
    own?.delete(entry);
    if (own?.size === 0) byPublisher.delete(entry.view.publisherId);
    if (pending.delete(entry)) return;
    if (tree && entry.slot >= 0) tree.live[entry.slot] = 0;
    stale += 1;
  };

  return {
    get size() {
      return live.size;
    },
    add(facts) {
      const view = inner.taskView(facts);
      const sla = policy.categories.get(view.category)?.slaHours;
      const entry: IndexedTask = { facts, view, dueMs: dueMs(facts, sla), live: true, slot: -1 };
      const previous = live.get(view.id);
      if (previous) detach(previous);
      live.set(view.id, entry);
      const own = byPublisher.get(view.publisherId) ?? new Set();
      byPublisher.set(view.publisherId, own.add(entry));
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
    setPublisherCredibility(publisherId, credibility) {
      const own = byPublisher.get(publisherId);
      if (!own) return 0;
      for (const entry of own) {
        entry.facts = { ...entry.facts, publisherCredibility: credibility };
        entry.view = { ...entry.view, publisherCredibility: credibility };
        // A pending entry is read from its view; a tree entry from its column.
        if (tree && !pending.has(entry) && entry.slot >= 0)
          tree.credibility[entry.slot] = credibility;
      }
      return own.size;
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
      const ranking = createRanking({ at, prepared, options, policy, inner });
      if (ranking === null) return { items: [], nextOffset: null };
      const { categories, sensitivities } = options;
      const filtered = categories !== undefined || sensitivities !== undefined;
      const wanted = ({ view }: IndexedTask) =>
        (categories === undefined || categories.includes(view.category)) &&
        (sensitivities === undefined || sensitivities.includes(view.sensitivity));
      for (const entry of pending) {
        if (!wanted(entry)) continue;
        const { view } = entry;
        ranking.consider(
          entry,
          view.id,
          view.anchor[0],
          view.anchor[1],
          view.visibleRadiusMeters ?? Number.NaN,
          entry.dueMs,
          view.publisherCredibility ?? Number.NaN,
        );
      }
      if (tree) {
        const { index, entries, ids, live, lng, lat, radius, due, credibility } = tree;
        const reach = Math.max(prepared.participant.radiusMeters, widestOverride);
        const [minLng, minLat, maxLng, maxLat] = boundingBox(at, reach);
        for (const id of index.range(minLng, minLat, maxLng, maxLat)) {
          if (live[id] === 0) continue;
          const entry = entries[id] as IndexedTask;
          if (filtered && !wanted(entry)) continue;
          ranking.consider(
            entry,
            ids[id] as string,
            lng[id] as number,
            lat[id] as number,
            radius[id] as number,
            due[id] as number,
            credibility[id] as number,
          );
        }
      }
      return ranking.page();
    },
  };
}

// Tree ids follow insertion order, and a query reads the columns at the ids it finds.
// Inserting in the order a first tree sorted the points puts neighbours next to each
// other in every column, so a query touches a few cache lines instead of thousands.
function spatialOrder(entries: IndexedTask[]): IndexedTask[] {
  if (entries.length === 0) return entries;
  const draft = new KDBush(entries.length);
  for (const { view } of entries) draft.add(view.anchor[0], view.anchor[1]);
  draft.finish();
  return Array.from(draft.ids, (id) => entries[id] as IndexedTask);
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
interface NearbyQuery {
  at: Position;
  prepared: PreparedParticipant;
  options: z.output<typeof NearbyOptionsSchema>;
  policy: Policy;
  inner: PolicyInternals;
}

/** One nearby query's ranking: candidates go in one by one, a page comes out. */
interface Ranking {
  /** Scores a candidate; NaN `radius` means the participant's, NaN `credibility` none. */
  consider(
    entry: IndexedTask,
    id: string,
    lng: number,
    lat: number,
    radius: number,
    dueMs: number,
    credibility: number,
  ): void;
  /**
   * Decides candidates best first until the page (and one more, to know whether a
   * next page exists) is full. Ranking needs no rules, so most tasks within reach
   * are never decided at all.
   */
  page(): NearbyPage;
}

/**
 * Starts ranking for one query, or returns `null` when a rule about the participant
 * alone denies every task. Tasks beyond their radius are dropped before scoring: the
 * range rule would deny them anyway.
 */
function createRanking(query: NearbyQuery): Ranking | null {
  const { at, prepared, options, inner } = query;
  const allows = inner.checker(options.action, prepared);
  if (allows === null) return null;
  const weights = { ...query.policy.document.ranking, ...options.weights };
  const nowMs = toEpoch(options.now);
  const ownRadius = prepared.participant.radiusMeters;
  // Parallel arrays: thousands of tasks are within reach and a page takes a few
  // dozen, so only those ever become result objects.
  const kept: IndexedTask[] = [];
  const keptIds: string[] = [];
  const distances: number[] = [];
  const scores: number[] = [];
  const order = (a: number, b: number) =>
    compareNearby(
      scores[a] as number,
      distances[a] as number,
      keptIds[a] as string,
      scores[b] as number,
      distances[b] as number,
      keptIds[b] as string,
    );
  return {
    consider(entry, id, lng, lat, radius, dueMs, credibility) {
      const distance = haversineMeters(at[0], at[1], lng, lat);
      const reach = Number.isNaN(radius) ? ownRadius : radius;
      if (distance > reach) return;
      kept.push(entry);
      keptIds.push(id);
      distances.push(distance);
      scores.push(scoreNearby(distance, reach, dueMs, credibility, nowMs, weights));
    },
    page() {
      const end = options.offset + options.limit;
      // Most tasks within reach are allowed, so the best few usually fill the page;
      // when denials eat them, look at four times as many and decide again.
      for (let wanted = 2 * (end + 1); ; wanted *= 4) {
        const items: NearbyTask[] = [];
        let allowed = 0;
        const best = bestPositions(kept.length, wanted, order);
        for (const position of best) {
          const entry = kept[position] as IndexedTask;
          const distance = distances[position] as number;
          if (!allows(entry.view, distance)) continue;
          if (allowed === end) return { items, nextOffset: end };
          if (allowed >= options.offset)
            items.push({
              task: entry.facts,
              distanceMeters: distance,
              score: scores[position] as number,
            });
          allowed += 1;
        }
        if (best.length === kept.length) return { items, nextOffset: null };
      }
    },
  };
}

/**
 * The `count` best of positions `0..total-1` under `order`, best first. A heap of
 * `count` whose top is the worst kept: each further position costs one comparison
 * unless it beats that worst, so thousands of candidates are never fully ordered.
 */
function bestPositions(
  total: number,
  count: number,
  order: (a: number, b: number) => number,
): number[] {
  const worstFirst = new TinyQueue<number>([], (a, b) => order(b, a));
  for (let position = 0; position < total; position++) {
    if (worstFirst.length < count) worstFirst.push(position);
    else if (order(position, worstFirst.peek() as number) < 0) {
      worstFirst.pop();
      worstFirst.push(position);
    }
  }
  const best: number[] = new Array(worstFirst.length);
  for (let at = worstFirst.length - 1; at >= 0; at--) best[at] = worstFirst.pop() as number;
  return best;
}
