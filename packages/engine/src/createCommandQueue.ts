/** Runs work one piece at a time, in the order it was queued. */
export type CommandQueue = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Creates a queue that runs each piece of work after the previous one settled, so
 * each command plans on the state the previous one left. A failure does not stop
 * the queue.
 */
export function createCommandQueue(): CommandQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
