// follow() keeps an engine current with other processes' appends. A read that fails on
// the way (the server restarting) must be tried again, not end the host's process.
import { createSequentialIds, type EventStore, QuanziError } from '@quanzi/core';
import { expect, it } from 'vitest';
import { createEngine, createMemoryEventStore } from '../src/index';
import { circles, harness, policy, taskDraft } from './engineFixtures';

/** A store shared with a writer, which the test notifies by hand and can make fail to read. */
function watchedStore(shared: EventStore) {
  let onAppend: (circleId: string) => void = () => undefined;
  let unwatched = false;
  let onError: ((error: unknown) => void) | undefined;
  const control = {
    failing: false,
    notify: (circleId: string) => onAppend(circleId),
    /** The store's listening connection ended, as it tells its watcher. */
    lose: (error: unknown) => onError?.(error),
  };
  const store: EventStore = {
    ...shared,
    readAll: (query) =>
      control.failing
        ? Promise.reject(new QuanziError({ code: 'storage_failure' }))
        : shared.readAll(query),
    watch: async (listener, heard) => {
      onAppend = listener;
      onError = heard;
      return async () => {
        unwatched = true;
      };
    },
  };
  return { store, control, unwatched: () => unwatched };
}

async function writerAndFollower() {
  const shared = createMemoryEventStore();
  const writer = await harness({ store: shared, ids: createSequentialIds('w') });
  const watched = watchedStore(shared);
  const follower = await createEngine({
    circles,
    policy,
    store: watched.store,
    clock: writer.clock,
    ids: createSequentialIds('f'),
  });
  return { writer, follower, ...watched };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('reads again after a read that failed while following, and reports the failure', async () => {
  const { writer, follower, control } = await writerAndFollower();
  const errors: unknown[] = [];
  const stop = await follower.follow({ onError: (error) => errors.push(error) });
  const outcome = await writer.run('cmd', { type: 'task.create', task: taskDraft() });
  const taskId = outcome.status === 'applied' ? outcome.taskId : undefined;
  const seen = () => follower.getPrivilegedSnapshot().tasks.some((t) => t.task.id === taskId);
  control.failing = true;
  control.notify('xinhua');
  await sleep(50);
  expect(errors).toEqual([expect.objectContaining({ code: 'storage_failure' })]);
  expect(seen()).toBe(false);
  // The server is back; nobody notifies again, and the retry reads the task.
  control.failing = false;
  for (let waited = 0; !seen() && waited < 2000; waited += 10) await sleep(10);
  expect(seen()).toBe(true);
  expect(errors).toHaveLength(1);
  await stop();
});

it('passes on what the store says of its listening connection', async () => {
  const { follower, control } = await writerAndFollower();
  const errors: unknown[] = [];
  const stop = await follower.follow({ onError: (error) => errors.push(error) });
  const lost = new QuanziError({ code: 'storage_failure' });
  control.lose(lost);
  expect(errors).toEqual([lost]);
  await stop();
});

it('stops trying again once stopped', async () => {
  const { writer, follower, control, unwatched } = await writerAndFollower();
  const stop = await follower.follow();
  await writer.run('cmd', { type: 'task.create', task: taskDraft() });
  control.failing = true;
  control.notify('xinhua');
  await sleep(20);
  await stop();
  expect(unwatched()).toBe(true);
  control.failing = false;
  await sleep(300);
  expect(follower.getPrivilegedSnapshot().tasks).toHaveLength(0);
});

it('rejects, and listens no more, when its first read fails', async () => {
  const { follower, control, unwatched } = await writerAndFollower();
  control.failing = true;
  await expect(follower.follow()).rejects.toMatchObject({ code: 'storage_failure' });
  expect(unwatched()).toBe(true);
});
