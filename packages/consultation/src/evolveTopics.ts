import type { Topic } from './clusterTopics';

/** A time slice of a round. */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

/** How one topic moved across the windows. */
export interface TopicTrack {
  readonly topicId: string;
  readonly label: string;
  /** Distinct authors per window, in window order. */
  readonly authors: readonly number[];
  /** Items per window, in window order. */
  readonly items: readonly number[];
  /** `emerging`: first heard in the last window; otherwise the last window against the mean before it. */
  readonly trend: 'emerging' | 'growing' | 'steady' | 'fading';
}

/** Topic evolution: the windows and one track per topic. */
export interface TopicEvolution {
  readonly windows: readonly TimeWindow[];
  readonly tracks: readonly TopicTrack[];
}

/** Something that happened at a time, by someone. */
export interface TimedItem {
  readonly id: string;
  readonly author: string;
  readonly at: string;
}

function trendOf(values: readonly number[]): TopicTrack['trend'] {
  const last = values[values.length - 1] ?? 0;
  const before = values.slice(0, -1);
  if (before.every((v) => v === 0)) return last > 0 && before.length > 0 ? 'emerging' : 'steady';
  const mean = before.reduce((a, b) => a + b, 0) / before.length;
  if (last > mean * 1.25) return 'growing';
  return last < mean * 0.75 ? 'fading' : 'steady';
}

/** Cuts `[start, end)` into windows of `windowHours`; the last one may be shorter. */
export function timeWindows(start: string, end: string, windowHours: number): TimeWindow[] {
  const out: TimeWindow[] = [];
  const stop = Date.parse(end);
  const step = windowHours * 3_600_000;
  for (let t = Date.parse(start); t < stop; t += step)
    out.push({
      start: new Date(t).toISOString(),
      end: new Date(Math.min(t + step, stop)).toISOString(),
    });
  return out;
}

/**
 * Counts each topic's authors and items per time window and names its trend,
 * so the center sees which concerns are rising while the round is open.
 *
 * @example
 * evolveTopics(topics, items, timeWindows(round.opensAt, round.closesAt, 24));
 */
export function evolveTopics(
  topics: readonly Topic[],
  items: readonly TimedItem[],
  windows: readonly TimeWindow[],
): TopicEvolution {
  const byId = new Map(items.map((item) => [item.id, item]));
  const slot = (at: string) => {
    const t = Date.parse(at);
    return windows.findIndex((w) => t >= Date.parse(w.start) && t < Date.parse(w.end));
  };
  const tracks = topics.map((topic) => {
    const authors = windows.map(() => new Set<string>());
    const counts = windows.map(() => 0);
    for (const id of topic.itemIds) {
      const item = byId.get(id);
      const i = item ? slot(item.at) : -1;
      if (!item || i < 0) continue;
      authors[i]?.add(item.author);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    const perWindow = authors.map((a) => a.size);
    return {
      topicId: topic.id,
      label: topic.keywords.slice(0, 3).join(' · '),
      authors: perWindow,
      items: counts,
      trend: trendOf(perWindow),
    };
  });
  return { windows, tracks };
}
