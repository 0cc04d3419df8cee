import type { DuplicateRef } from '@quanzi/core';
import type { DuplicateOptions, DuplicateProbe } from './findDuplicates';

// A little under the true length of a degree, so a cell is never narrower than the radius.
const metersPerDegree = 111_000;
const dayMs = 86_400_000;
// Cells are at least a metre tall, so a cell's column and row (|x| < 2^25, |y| < 2^24 on
// the globe) fit one exact number: `x * 2^26 + y`. Wider cells than the radius only hold more.
const minCellMeters = 1;
const rowSpan = 2 ** 26;

/**
 * The open reports and tasks a new report may duplicate, kept by circle, place cell
 * and day, so a lookup reads only the cells around the new report's place and the
 * days of its time window: its cost follows what is near in place and time, not how
 * many items are open.
 */
export interface DuplicateIndex {
  /** Adds or replaces an open item (by its `ref`); putting the very same probe again changes nothing. */
  put(probe: DuplicateProbe): void;
  /** The probe indexed for `ref`, if any. */
  get(ref: DuplicateRef): DuplicateProbe | undefined;
  /** Removes an item that is no longer open; nothing when it was not there. */
  remove(ref: DuplicateRef): void;
  /**
   * The indexed items that can pass `findDuplicates`' place and time filters for
   * `probe`: all of them, except that a bucket (cell and day) holds only its
   * `crowdLimit` most recently added items. A new array, the caller's to keep.
   */
  candidates(probe: DuplicateProbe): DuplicateProbe[];
  /** How many items are indexed. */
  readonly size: number;
}

/** One circle's items of one day. */
interface Day {
  /** Items of the day, evicted from the buckets or not: the day goes when it reaches 0. */
  count: number;
  /** Every item (a probe without a place can only match on wording). */
  readonly all: Set<DuplicateProbe>;
  /** Items without a place. */
  readonly placeless: Set<DuplicateProbe>;
  /** Placed items by cell number. */
  readonly cells: Map<number, Set<DuplicateProbe>>;
}

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
  const cellDegrees = Math.max(options.radiusMeters, minCellMeters) / metersPerDegree;
  const windowDays = Math.ceil(options.windowHours / 24);
  // Keyed by numbers and ids, never by strings built for the purpose: a restart puts a
  // city's open items at once, and building and flattening such keys was most of the
  // garbage it left behind.
  const circles = new Map<string, Map<number, Day>>();
  // Probes never change, so their buckets are found again on removal rather than kept.
  const placed = {
    report: new Map<string, DuplicateProbe>(),
    task: new Map<string, DuplicateProbe>(),
  };

  const dayOf = (probe: DuplicateProbe) =>
    Math.floor((probe.timeMs ?? Date.parse(probe.time)) / dayMs);
  // Longitude cells keep one width everywhere; near the poles they hold more metres.
  const column = (lng: number) => Math.floor(lng / cellDegrees);
  const row = (lat: number) => Math.floor(lat / cellDegrees);

  function add(set: Set<DuplicateProbe>, probe: DuplicateProbe) {
    set.add(probe);
    // A Set iterates in insertion order, so its first item is the least recently put.
    if (set.size > options.crowdLimit) set.delete(set.values().next().value as DuplicateProbe);
  }

  const remove = (ref: DuplicateRef) => {
    const probe = placed[ref.kind].get(ref.id);
    if (!probe) return;
    placed[ref.kind].delete(ref.id);
    const days = circles.get(probe.circleId) as Map<number, Day>;
    const day = dayOf(probe);
    const items = days.get(day) as Day;
    items.all.delete(probe);
    if (!probe.position) items.placeless.delete(probe);
    else {
      const cell = column(probe.position[0]) * rowSpan + row(probe.position[1]);
      const set = items.cells.get(cell);
      set?.delete(probe);
      if (set?.size === 0) items.cells.delete(cell);
    }
    items.count -= 1;
    if (items.count > 0) return;
    days.delete(day);
    if (days.size === 0) circles.delete(probe.circleId);
  };

  return {
    put(probe) {
      // Items are put again with each change of their record: only a new probe moves them.
      if (placed[probe.ref.kind].get(probe.ref.id) === probe) return;
      remove(probe.ref);
      let days = circles.get(probe.circleId);
      if (!days) {
        days = new Map();
        circles.set(probe.circleId, days);
      }
      const day = dayOf(probe);
      let items = days.get(day);
      if (!items) {
        items = { count: 0, all: new Set(), placeless: new Set(), cells: new Map() };
        days.set(day, items);
      }
      items.count += 1;
      add(items.all, probe);
      if (!probe.position) add(items.placeless, probe);
      else {
        const cell = column(probe.position[0]) * rowSpan + row(probe.position[1]);
        let set = items.cells.get(cell);
        if (!set) {
          set = new Set();
          items.cells.set(cell, set);
        }
        add(set, probe);
      }
      placed[probe.ref.kind].set(probe.ref.id, probe);
    },
    get: (ref) => placed[ref.kind].get(ref.id),
    remove,
    candidates(probe) {
      // One array rather than a generator: a submit reads a hundred items or so, and
      // resuming a generator per item cost more than scoring it.
      const found: DuplicateProbe[] = [];
      const take = (set: Set<DuplicateProbe> | undefined) => {
        if (set) for (const item of set) found.push(item);
      };
      const days = circles.get(probe.circleId);
      if (!days) return found;
      const day = dayOf(probe);
      if (!probe.position) {
        for (let d = day - windowDays; d <= day + windowDays; d += 1) take(days.get(d)?.all);
        return found;
      }
      const [lng, lat] = probe.position;
      const x = column(lng);
      const y = row(lat);
      // Enough longitude cells to cover the radius at this latitude.
      const cos = Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
      const spanX = Math.ceil(options.radiusMeters / (cellDegrees * metersPerDegree * cos));
      for (let d = day - windowDays; d <= day + windowDays; d += 1) {
        // Days with nothing open are skipped without looking at their cells.
        const items = days.get(d);
        if (!items) continue;
        for (let dx = -spanX; dx <= spanX; dx += 1)
          for (let dy = -1; dy <= 1; dy += 1) take(items.cells.get((x + dx) * rowSpan + y + dy));
        // Items without a place match on wording alone.
        take(items.placeless);
      }
      return found;
    },
    get size() {
      return placed.report.size + placed.task.size;
    },
  };
}
