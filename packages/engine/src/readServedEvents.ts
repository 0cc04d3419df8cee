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
 * log when it serves every circle; otherwise the known circles' events in one read (so
 * another province's circles are never fetched, and a circle's event still committing
 * cannot be passed by reading another circle's later one), keeping what the engine needs.
 */
export async function readServedEvents(
  store: EventStore,
  circles: ServedCircles | undefined,
  after: number,
  limit: number,
  types?: ReadonlyArray<string>,
): Promise<ServedPage> {
  const page = await store.readAll({
    after,
    limit,
    ...(types === undefined ? {} : { types }),
    ...(circles === undefined ? {} : { circleIds: [...circles.served, ...circles.neighbours] }),
  });
  const events = circles === undefined ? page : page.filter((event) => needed(event, circles));
  return { events, through: page.at(-1)?.position ?? after, done: page.length < limit };
}
