import { parseStreamId, type StoredEvent, toEpoch } from '@quanzi/core';
import type { ReputationProjection } from '@quanzi/reputation';
import TinyQueue from 'tinyqueue';
import type { ParticipantRecord } from './EngineRecord';

/** A participant whose level, as reputation holds it now, differs from the one recorded. */
export interface DueLevel {
  readonly record: ParticipantRecord;
  readonly to: number;
}

/** Which participants' levels a tick must record, found without looking at everyone. */
export interface LevelWatch {
  /** Notes an event the state and reputation took in: whoever it changed is checked at the next tick. */
  noteEvent(event: StoredEvent): void;
  /**
   * Every participant whose level held at `now` (decay counted) differs from the level
   * last recorded in their stream, in registration order: what comparing every
   * participant would find, at the cost of the participants changed or due.
   */
  dueLevels(now: string): DueLevel[];
}

/** What a {@link LevelWatch} reads; getters, since a rebuild replaces both. */
export interface LevelWatchSources {
  participants(): ReadonlyMap<string, ParticipantRecord>;
  reputation(): ReputationProjection;
}

interface DecayEntry {
  atMs: number;
  participantId: string;
}

/**
 * Creates a watch; feed it every event from the start of the log, or from a snapshot's
 * position with `known` the participants the snapshot holds, in registration order (the
 * first tick then checks them all once).
 */
export function createLevelWatch(
  sources: LevelWatchSources,
  known: Iterable<string> = [],
): LevelWatch {
  // Changed since their last check: reputation's record, or their own stream.
  const pending = new Set<string>(known);
  const decays = new TinyQueue<DecayEntry>([], (a, b) => a.atMs - b.atMs);
  // The one live decay entry per participant; older ones are dropped when they surface.
  const scheduled = new Map<string, number>();
  const order = new Map<string, number>();
  for (const id of pending) order.set(id, order.size);
  let lastMs = Number.NEGATIVE_INFINITY;

  function candidates(nowMs: number): Iterable<string> {
    // Levels are only checked forward in time; a tick back in time looks at everyone.
    if (nowMs < lastMs) return sources.participants().keys();
    const ids = new Set(pending);
    while (decays.length > 0 && (decays.peek() as DecayEntry).atMs <= nowMs) {
      const entry = decays.pop() as DecayEntry;
      if (scheduled.get(entry.participantId) !== entry.atMs) continue;
      scheduled.delete(entry.participantId);
      ids.add(entry.participantId);
    }
    return ids;
  }

  return {
    noteEvent(event) {
      for (const id of sources.reputation().takeChanged()) pending.add(id);
      const stream = parseStreamId(event.subject);
      if (stream?.kind !== 'participant') return;
      const { id } = stream;
      pending.add(id);
      if (!order.has(id)) order.set(id, order.size);
    },
    dueLevels(now) {
      const nowMs = toEpoch(now);
      const participants = sources.participants();
      const reputation = sources.reputation();
      const due: DueLevel[] = [];
      for (const id of candidates(nowMs)) {
        const record = participants.get(id);
        if (!record) {
          // Known to reputation only; their registration will bring them back.
          pending.delete(id);
          continue;
        }
        const to = reputation.levelAt(id, now);
        if (to !== record.level) {
          // Stays pending until the level is recorded (a failed tick finds it again).
          pending.add(id);
          due.push({ record, to });
          continue;
        }
        pending.delete(id);
        const atMs = reputation.decayDueAt(id, to);
        if (atMs === null) continue;
        // Held levels only fall with time, and this one has not fallen by `now`.
        const next = Math.max(atMs, nowMs + 1);
        scheduled.set(id, next);
        decays.push({ atMs: next, participantId: id });
      }
      lastMs = Math.max(lastMs, nowMs);
      return due.sort(
        (a, b) =>
          (order.get(a.record.participant.id) ?? 0) - (order.get(b.record.participant.id) ?? 0),
      );
    },
  };
}
