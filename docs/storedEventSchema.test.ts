// docs/schemas/stored-event.json must accept every event a store really emits — read
// back from the memory store and from PGlite — not only hand-written fixtures, so a
// portal validating an export or a feed with it never rejects a genuine event.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { memoryStoreDay, pgliteStoreDay } from './storedEventsOfADay';

const root = join(import.meta.dirname, '..');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(root, 'docs', 'schemas', 'stored-event.json'), 'utf8')),
);

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
    expectAllValid(await memoryStoreDay());
  });

  it('accepts every event a PGlite store returns from readAll', async () => {
    expectAllValid(await pgliteStoreDay());
  });

  it('rejects a stored event without its position', async () => {
    const [first] = await memoryStoreDay();
    const { position: _position, ...withoutPosition } = first as unknown as Record<string, unknown>;
    expect(validate(JSON.parse(JSON.stringify(withoutPosition)))).toBe(false);
  });
});
