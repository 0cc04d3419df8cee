/** Where new identifiers come from, so ids are reproducible in tests and replays. */
export interface IdSource {
  /** A new identifier, unique within this source. */
  next(prefix?: string): string;
}

/**
 * Deterministic ids `prefix-1`, `prefix-2`, … for tests and simulations.
 *
 * @example
 * const ids = createSequentialIds();
 * ids.next('task'); // 'task-1'
 */
export function createSequentialIds(namespace = ''): IdSource {
  let counter = 0;
  return {
    next(prefix = 'id') {
      counter += 1;
      return namespace ? `${namespace}.${prefix}-${counter}` : `${prefix}-${counter}`;
    },
  };
}
