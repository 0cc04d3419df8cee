import type { DuplicateRef } from '@quanzi/core';
import type { DuplicateOptions, DuplicateProbe } from './findDuplicates';

// A little under the true length of a degree, so a cell is never narrower than the radius.
const metersPerDegree = 111_000;
const dayMs = 86_400_000;

/**
 * The open reports and tasks a new report may duplicate, kept by circle, place cell
 * and day, so a lookup reads only the cells around the new report's place and the
 * days of its time window: its cost follows what is near in place and time, not how
 * many items are open.
 */
export interface DuplicateIndex {
  /** Adds or replaces an open item (by its `ref`); putting the very same probe again changes nothing. */
  put(probe: DuplicateProbe): void;
  /** Removes an item that is no longer open; nothing when it was not there. */
  remove(ref: DuplicateRef): void;
  /**
   * The indexed items that can pass `findDuplicates`' place and time filters for
   * `probe`: all of them, except that a bucket (cell and day) holds only its
   * `crowdLimit` most recently added items.
   */
  candidates(probe: DuplicateProbe): Iterable<DuplicateProbe>;
  /** How many items are indexed. */
  readonly size: number;
}

const refKey = (ref: DuplicateRef) => `${ref.kind}/${ref.id}`;

/**
 * Creates an empty index for `options` (cells are `radiusMeters` tall, buckets one
 * day long).
 *
 * @example
 * const index = createDuplicateIndex(defaultDuplicateOptions);
 * index.put(probe);
 * findDuplicates(newReport, index.candidates(newReport));
 */
export function createDuplicateIndex(options: DuplicateOptions): DuplicateIndex {
  const cellDegrees = options.radiusMeters / metersPerDegree;
  const windowDays = Math.ceil(options.windowHours / 24);
  // Buckets by circle and day: `c|` placed items by cell, `p|` items without a place,
  // `d|` every item (a probe without a place can only match on wording).
  const buckets = new Map<string, Set<DuplicateProbe>>();
  // Probes never change, so their bucket keys are computed again on removal rather than
  // kept: at a city's scale that is a quarter of a million items' key strings.
  const placed = new Map<string, DuplicateProbe>();
  // Items per circle and day, so a lookup skips the cells of days with nothing open.
  const perDay = new Map<string, number>();
  const dayKey = (circleId: string, day: number) => `${circleId}|${day}`;
  const count = (probe: DuplicateProbe, by: number) => {
    const key = dayKey(probe.circleId, dayOf(probe));
    const n = (perDay.get(key) ?? 0) + by;
    if (n === 0) perDay.delete(key);
    else perDay.set(key, n);
  };

  const dayOf = (probe: DuplicateProbe) =>
    Math.floor((probe.timeMs ?? Date.parse(probe.time)) / dayMs);
  const cellOf = (lng: number, lat: number, lngDegrees: number) =>
    [Math.floor(lng / lngDegrees), Math.floor(lat / cellDegrees)] as const;
  // Longitude cells keep one width everywhere; near the poles they hold more metres.
  const lngDegrees = cellDegrees;

  const bucket = (key: string) => {
    let set = buckets.get(key);
    if (!set) {
      set = new Set();
      buckets.set(key, set);
    }
    return set;
  };

  function keysOf(probe: DuplicateProbe): string[] {
    const day = dayOf(probe);
    if (!probe.position) return [`d|${probe.circleId}|${day}`, `p|${probe.circleId}|${day}`];
    const [x, y] = cellOf(probe.position[0], probe.position[1], lngDegrees);
    return [`d|${probe.circleId}|${day}`, `c|${probe.circleId}|${x}|${y}|${day}`];
  }

  const remove = (ref: DuplicateRef) => {
    const probe = placed.get(refKey(ref));
    if (!probe) return;
    placed.delete(refKey(ref));
    count(probe, -1);
    for (const key of keysOf(probe)) {
      const set = buckets.get(key);
      set?.delete(probe);
      if (set?.size === 0) buckets.delete(key);
    }
  };

  return {
    put(probe) {
      // Items are put again with each change of their record: only a new probe moves them.
      if (placed.get(refKey(probe.ref)) === probe) return;
      remove(probe.ref);
      for (const key of keysOf(probe)) {
        const set = bucket(key);
        set.add(probe);
        // A Set iterates in insertion order, so its first item is the least recently put.
        if (set.size > options.crowdLimit) set.delete(set.values().next().value as DuplicateProbe);
      }
      placed.set(refKey(probe.ref), probe);
      count(probe, 1);
    },
    remove,
    candidates(probe) {
      // One array rather than a generator: a submit reads a hundred items or so, and
      // resuming a generator per item cost more than scoring it.
      const found: DuplicateProbe[] = [];
      const take = (key: string) => {
        const set = buckets.get(key);
        if (set) for (const item of set) found.push(item);
      };
      const day = dayOf(probe);
      if (!probe.position) {
        for (let d = day - windowDays; d <= day + windowDays; d += 1)
          take(`d|${probe.circleId}|${d}`);
        return found;
      }
      const [lng, lat] = probe.position;
      const [x, y] = cellOf(lng, lat, lngDegrees);
      // Enough longitude cells to cover the radius at this latitude.
      const cos = Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
      const spanX = Math.ceil(options.radiusMeters / (lngDegrees * metersPerDegree * cos));
      for (let d = day - windowDays; d <= day + windowDays; d += 1) {
        if (!perDay.has(dayKey(probe.circleId, d))) continue;
        for (let dx = -spanX; dx <= spanX; dx += 1)
          for (let dy = -1; dy <= 1; dy += 1) take(`c|${probe.circleId}|${x + dx}|${y + dy}|${d}`);
        // Items without a place match on wording alone.
        take(`p|${probe.circleId}|${d}`);
      }
      return found;
    },
    get size() {
      return placed.size;
    },
  };
}
