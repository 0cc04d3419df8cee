// Real stored events for the tests of the published event contracts (JSON Schema,
// CloudEvents): a small day in a circle, read back from the memory store and PGlite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  createManualClock,
  createSequentialIds,
  type EventStore,
  type StoredEvent,
} from '@quanzi/core';
import { createEngine, createMemoryEventStore } from '@quanzi/engine';
import { loadPolicy } from '@quanzi/rules/files';
import { createPgliteDriver, createPostgresEventStore } from '@quanzi/store-postgres';

const root = join(import.meta.dirname, '..');

/** Runs a small day in a circle on `store`: registrations, a report, a task claimed. */
async function runDay(store: EventStore) {
  const policy = loadPolicy(
    readFileSync(join(root, 'examples/policies/civilized-city.yaml'), 'utf8'),
  );
  const circle = {
    id: 'civilized-city',
    name: { en: 'City', 'zh-CN': '城市' },
    model: 'extended' as const,
  };
  const engine = await createEngine({
    circles: [circle],
    policy,
    store,
    clock: createManualClock('2026-11-29T08:00:00Z'),
    ids: createSequentialIds(),
  });
  const here = { type: 'Point' as const, coordinates: [116.397, 39.909] as [number, number] };
  for (const participant of [
    {
      id: 'center',
      circleId: circle.id,
      kind: 'command',
      displayName: '指挥中心',
      roles: ['command_center'],
    },
    { id: 'wang', circleId: circle.id, kind: 'resident', displayName: '王芳', home: here },
  ])
    await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `reg-${participant.id}`,
      participant,
    });
  await engine.execute({
    type: 'report.submit',
    idempotencyKey: 'report-1',
    actorId: 'wang',
    report: {
      circleId: circle.id,
      channel: 'web',
      category: 'shared_bike_parking',
      text: '小区门口共享单车乱停',
      location: here,
    },
  });
  const created = await engine.execute({
    type: 'task.create',
    idempotencyKey: 'create-1',
    actorId: 'center',
    task: {
      circleId: circle.id,
      source: { kind: 'officer' },
      category: 'shared_bike_parking',
      title: 'Move three bikes back into the box',
      goal: 'The pavement at the north gate is clear',
      location: here,
    },
  });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await engine.execute({
    type: 'task.publish',
    idempotencyKey: 'publish-1',
    actorId: 'center',
    taskId,
  });
  await engine.execute({ type: 'task.claim', idempotencyKey: 'claim-1', actorId: 'wang', taskId });
  return store.readAll();
}

/** The events of a small day (registrations, a report, a task claimed) as `readAll` returns them from the memory store. */
export async function memoryStoreDay(): Promise<StoredEvent[]> {
  return runDay(createMemoryEventStore());
}

/** The same day read back from a fresh in-memory PGlite database. */
export async function pgliteStoreDay(): Promise<StoredEvent[]> {
  const db = await PGlite.create();
  try {
    return await runDay(await createPostgresEventStore({ driver: createPgliteDriver(db) }));
  } finally {
    await db.close();
  }
}
