import { describe, expect, it } from 'vitest';
import { createCommandQueue } from '../src/createCommandQueue';

/** A promise with its resolve, to hold a piece of work open. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('createCommandQueue', () => {
  it('starts work at once when the queue is idle, and in order under one key otherwise', async () => {
    const queue = createCommandQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue(['task/t1'], async () => {
      log.push('a start');
      await first.opened;
      log.push('a end');
    });
    // Idle queue: the first piece began before the call returned.
    expect(log).toEqual(['a start']);
    const b = queue(['task/t1'], async () => {
      log.push('b');
    });
    const c = queue(['task/t2'], async () => {
      log.push('c');
    });
    await c;
    expect(log).toEqual(['a start', 'c']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'c', 'a end', 'b']);
  });

  it('runs keyless work alone: after everything before it, before everything after it', async () => {
    const queue = createCommandQueue();
    const log: string[] = [];
    const held = gate();
    const a = queue(['task/t1'], async () => {
      await held.opened;
      log.push('a');
    });
    const tick = queue(undefined, async () => {
      log.push('tick');
    });
    const b = queue(['task/t2'], async () => {
      log.push('b');
    });
    held.open();
    await Promise.all([a, tick, b]);
    expect(log).toEqual(['a', 'tick', 'b']);
  });

  it('turns a synchronous throw into a rejection and keeps going', async () => {
    const queue = createCommandQueue();
    const failing = queue(['task/t1'], (() => {
      throw new Error('boom');
    }) as () => Promise<never>);
    await expect(failing).rejects.toThrow('boom');
    await expect(queue(['task/t1'], async () => 'next')).resolves.toBe('next');
  });
});
