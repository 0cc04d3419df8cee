import {
  type EventStore,
  IdSchema,
  parseInput,
  type StoredEvent,
  type SubscriptionCheckpoints,
} from '@quanzi/core';

/** What {@link createSubscription} needs. */
export interface SubscriptionOptions {
  /** The subscription's durable name; its checkpoint is saved under it. */
  readonly name: string;
  readonly store: EventStore;
  readonly checkpoints: SubscriptionCheckpoints;
  /**
   * Handles one event (send the SMS, push the mini-program notice). It may run again
   * for the same event after a crash, so it should be idempotent (the event `id` is
   * a natural key). A throw stops the drain before the checkpoint moves past it.
   */
  handle(event: StoredEvent): Promise<void> | void;
  /** Only this circle's events. */
  readonly circleId?: string;
  /** Events read per page; 500 by default. */
  readonly pageSize?: number;
}

/** A durable consumer of the log: the outbox an integrator's back end reads. */
export interface Subscription {
  /**
   * Hands every event after the saved checkpoint to `handle`, in log order (so in
   * order per stream), saving the checkpoint after each one; resolves with how many
   * it handled. Call it on a timer, after `engine.refresh()`, or on a notification.
   * Two drains of one subscription never run at once in this process: a drain called
   * while another runs waits for it, then reads on, so it also hands over what was
   * appended before the call. It resolves with what that later pass handled.
   */
  drain(): Promise<number>;
}

/**
 * Creates a durable subscription: every event is delivered at least once, in order,
 * across crashes and restarts. Only the event being handled when the process died
 * can come again.
 *
 * @example
 * const outbox = createSubscription({ name: 'sms', store, checkpoints: store.checkpoints,
 *   handle: async (event) => { if (event.type === 'quanzi.task.claimed') await sms.send(event) } });
 * setInterval(() => outbox.drain(), 1000);
 */
export function createSubscription(options: SubscriptionOptions): Subscription {
  const name = parseInput(IdSchema, options.name, { path: ['name'] });
  const pageSize = options.pageSize ?? 500;
  let running: Promise<number> | undefined;

  async function drainOnce(): Promise<number> {
    let position = await options.checkpoints.load(name);
    let handled = 0;
    for (;;) {
      const page = await options.store.readAll({
        after: position,
        limit: pageSize,
        ...(options.circleId === undefined ? {} : { circleId: options.circleId }),
      });
      for (const event of page) {
        await options.handle(event);
        position = event.position;
        await options.checkpoints.save(name, position);
        handled += 1;
      }
      if (page.length < pageSize) return handled;
    }
  }

  let next: Promise<number> | undefined;
  const ignore = () => undefined;
  function drain(): Promise<number> {
    if (running === undefined) {
      running = drainOnce().finally(() => {
        running = undefined;
      });
      return running;
    }
    // The running pass may have read its last page before this call's events were
    // appended: one more pass follows it, shared by every call until it starts.
    next ??= running.then(ignore, ignore).then(() => {
      next = undefined;
      return drain();
    });
    return next;
  }
  return { drain };
}
