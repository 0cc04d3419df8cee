/**
 * Runs work in order per key. Work under `keys` starts once every earlier piece that
 * shares one of its keys has settled, and runs alongside work under other keys;
 * work under `undefined` runs alone, after everything queued before it and before
 * everything queued after it. A failure does not stop the queue.
 */
export type CommandQueue = <T>(
  keys: ReadonlyArray<string> | undefined,
  work: () => Promise<T>,
) => Promise<T>;

// The work's promise; a synchronous throw becomes its rejection, as inside a `then`.
function started<T>(work: () => Promise<T>): Promise<T> {
  try {
    return work();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Creates a {@link CommandQueue}: commands on one task run in the order they came,
 * each planning on the state the previous one left, while commands on other tasks
 * run at the same time over the store's connections.
 *
 * @example
 * const queue = createCommandQueue();
 * queue(['task/t1'], claimT1); // runs at once
 * queue(['task/t2'], claimT2); // runs alongside claimT1
 * queue(['task/t1'], startT1); // waits for claimT1
 * queue(undefined, tick); // waits for all three, and everything after waits for it
 */
export function createCommandQueue(): CommandQueue {
  const tails = new Map<string, Promise<unknown>>();
  const running = new Set<Promise<unknown>>();
  let barrier: Promise<unknown> = Promise.resolve();
  return (keys, work) => {
    // Nothing queued or running (the common case of one command at a time): every earlier
    // piece has settled, so the work starts at once, with no wait on settled promises.
    const run =
      running.size === 0
        ? started(work)
        : Promise.allSettled(
            keys === undefined
              ? [barrier, ...running]
              : [barrier, ...keys.map((key) => tails.get(key))],
          ).then(() => work());
    // One reaction per piece does all the forgetting: promises per command showed in profiles.
    const forget = () => {
      running.delete(settled);
      // The last piece under a key forgets it, so the map holds only keys in use.
      if (keys) for (const key of keys) if (tails.get(key) === settled) tails.delete(key);
    };
    const settled: Promise<void> = run.then(forget, forget);
    running.add(settled);
    if (keys === undefined) {
      barrier = settled;
      tails.clear();
    } else for (const key of keys) tails.set(key, settled);
    return run;
  };
}
