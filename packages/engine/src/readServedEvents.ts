import { type EventStore, parseStreamId, type StoredEvent } from '@quanzi/core';

/** Which part of a shared log an engine instance loads. */
export interface ServedCircles {
  /** The circles whose every stream the engine loads and whose commands it takes. */
  readonly served: ReadonlySet<string>;
  /** The other known circles: only their task streams, so boundary participants discover them. */
  readonly neighbours: ReadonlySet<string>;
}

/** A page of the events an engine serving `circles` needs after `after`, in global order. */
export interface ServedPage {
  readonly events: StoredEvent[];
  /** The global position read up to (including events left out as not needed). */
  readonly through: number;
  /** True when nothing after `through` has been written yet. */
  readonly done: boolean;
}

const needed = (event: StoredEvent, circles: ServedCircles) =>
  circles.served.has(event.circleid) ||
  (circles.neighbours.has(event.circleid) && parseStreamId(event.subject)?.kind === 'task');

/**
 * Reads the next page of the log (or of its events of `types`) for an engine: the whole
 * log when it serves every circle; otherwise each known
 * circle is read on its own (so another province's circles are never fetched), the
 * pages are merged in global order, and only what is known complete — up to the
 * smallest last position of a full page — is returned.
 */
export async function readServedEvents(
  store: EventStore,
  circles: ServedCircles | undefined,
  after: number,
  limit: number,
  types?: ReadonlyArray<string>,
): Promise<ServedPage> {
  const only = types === undefined ? {} : { types };
  if (circles === undefined) {
    const events = await store.readAll({ after, limit, ...only });
    return { events, through: events.at(-1)?.position ?? after, done: events.length < limit };
  }
  const pages = await Promise.all(
    [...circles.served, ...circles.neighbours].map((circleId) =>
      store.readAll({ after, circleId, limit, ...only }),
    ),
  );
  let through = Number.POSITIVE_INFINITY;
  for (const page of pages)
    if (page.length === limit) through = Math.min(through, page.at(-1)?.position ?? after);
  const done = through === Number.POSITIVE_INFINITY;
  const events = pages
    .flat()
    .filter((event) => event.position <= through && needed(event, circles))
    .sort((a, b) => a.position - b.position);
  return { events, through: done ? (events.at(-1)?.position ?? after) : through, done };
}
