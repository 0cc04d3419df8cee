// docs/schemas/stored-event.json must accept every event a store really emits — read
// back from the memory store and from PGlite — not only hand-written fixtures, so a
// portal validating an export or a feed with it never rejects a genuine event.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createManualClock, createSequentialIds, type EventStore } from '@quanzi/core';
import { createEngine, createMemoryEventStore } from '@quanzi/engine';
import { loadPolicy } from '@quanzi/rules';
import { createPgliteDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(root, 'docs', 'schemas', 'stored-event.json'), 'utf8')),
);

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

function expectAllValid(events: ReadonlyArray<unknown>) {
  // Several kinds of event, so the schema is tried on more than one shape of data.
  expect(
    new Set(events.map((event) => (event as { type: string }).type)).size,
  ).toBeGreaterThanOrEqual(4);
  for (const event of events) {
    // What a consumer receives is JSON, so validate the JSON form.
    const json = JSON.parse(JSON.stringify(event));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  }
}

describe('stored-event.json', () => {
  it('accepts every event the memory store returns from readAll', async () => {
    expectAllValid(await runDay(createMemoryEventStore()));
  });

  it('accepts every event a PGlite store returns from readAll', async () => {
    const db = await PGlite.create();
    try {
      const store = await createPostgresEventStore({ driver: createPgliteDriver(db) });
      expectAllValid(await runDay(store));
    } finally {
      await db.close();
    }
  });

  it('rejects a stored event without its position', async () => {
    const [first] = await runDay(createMemoryEventStore());
    const { position: _position, ...withoutPosition } = first as unknown as Record<string, unknown>;
    expect(validate(JSON.parse(JSON.stringify(withoutPosition)))).toBe(false);
  });
});
