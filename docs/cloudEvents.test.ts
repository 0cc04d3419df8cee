// Stored events are CloudEvents 1.0: the official SDK reads them, and they keep the
// spec's attribute rules, which the SDK does not check itself (it accepts a numeric
// `sequence` and any integer). A standard consumer orders by the Sequence extension's
// `sequence`, a string compared within a `source`; a per-stream number under that name
// would misorder it, so Quanzi's per-stream count is its own `streamsequence`.
import type { StoredEvent } from '@quanzi/core';
import { CloudEvent, HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { memoryStoreDay, pgliteStoreDay } from './storedEventsOfADay';

// CloudEvents 1.0 §3.1.1 (context attribute naming) and §3.1.1 type system.
const attributeName = /^[a-z0-9]{1,20}$/;
const core = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'datacontenttype',
  'dataschema',
  'subject',
  'time',
  'data',
]);
const int32 = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;

/** The spec's rules an SDK leaves to the producer; returns what `event` breaks. */
function specViolations(event: Record<string, unknown>): string[] {
  const broken: string[] = [];
  for (const [name, value] of Object.entries(event)) {
    if (!attributeName.test(name)) broken.push(`${name}: not a CloudEvents attribute name`);
    if (core.has(name)) continue;
    // Extension values are Boolean, Integer (32-bit), String (or URI/Timestamp as strings).
    if (!(typeof value === 'boolean' || typeof value === 'string' || int32(value)))
      broken.push(`${name}: ${JSON.stringify(value)} is not a CloudEvents type`);
  }
  // Sequence extension: a non-empty string.
  if ('sequence' in event && (typeof event.sequence !== 'string' || event.sequence === ''))
    broken.push(`sequence: ${JSON.stringify(event.sequence)} is not a non-empty string`);
  return broken;
}

function expectCloudEvents(events: ReadonlyArray<StoredEvent>) {
  expect(events.length).toBeGreaterThan(5);
  const ids = new Set<string>();
  for (const stored of events) {
    const json = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
    expect(specViolations(json), stored.id).toEqual([]);
    // source + id identify an event.
    expect(ids.has(`${stored.source} ${stored.id}`)).toBe(false);
    ids.add(`${stored.source} ${stored.id}`);
    // The official SDK builds it (strict mode validates) and a structured HTTP
    // message carries every attribute through unchanged.
    const event = new CloudEvent(json);
    expect(event.validate()).toBe(true);
    const received = HTTP.toEvent(HTTP.structured(event)) as CloudEvent<unknown>;
    expect(JSON.parse(JSON.stringify(received))).toEqual(json);
  }
}

describe('stored events as CloudEvents', () => {
  it('every event from the memory store is a valid CloudEvent', async () => {
    expectCloudEvents(await memoryStoreDay());
  });

  it('every event from a PGlite store is a valid CloudEvent', async () => {
    expectCloudEvents(await pgliteStoreDay());
  });

  it('keeps the per-stream count out of the Sequence extension', async () => {
    const events = await memoryStoreDay();
    for (const event of events) expect(event).not.toHaveProperty('sequence');
    // Each stream still counts from 1 without gaps under its own name.
    const last = new Map<string, number>();
    for (const event of events) {
      expect(event.streamsequence).toBe((last.get(event.subject) ?? 0) + 1);
      last.set(event.subject, event.streamsequence);
    }
  });

  it('the rules catch what the SDK lets through', () => {
    const [valid] = [
      {
        specversion: '1.0',
        id: 'e1',
        source: '/quanzi/circles/xinhua',
        type: 'quanzi.task.claimed',
        subject: 'task/t1',
        circleid: 'xinhua',
      },
    ];
    expect(specViolations(valid)).toEqual([]);
    // The old mapping: a per-subject number named `sequence`.
    expect(specViolations({ ...valid, sequence: 3 })).toHaveLength(1);
    expect(() => new CloudEvent({ ...valid, sequence: 3 }).validate()).not.toThrow();
    expect(specViolations({ ...valid, position: 2 ** 40 })).toHaveLength(1);
    expect(specViolations({ ...valid, circle_id: 'x' })).toHaveLength(1);
  });
});
