// parseReputationEvent checks events with checks compiled from its zod schemas, and
// leaves to zod whatever those do not pass. Both must answer alike: the same value
// (same key order) for an event zod accepts, the same error for one it refuses.
import { compileSchema, isQuanziError, parseInput } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseReputationEvent,
  reputationEventSchemaOf,
  reputationEventTypes,
} from '../src/parseReputationEvent';
import { arbitraryOps, buildLog } from './arbitraryLog';

function outcome(parse: () => unknown) {
  try {
    const value = parse();
    return { ok: true, value, text: JSON.stringify(value) };
  } catch (error) {
    if (!isQuanziError(error)) throw error;
    return { ok: false, message: error.message, path: error.path, issues: error.issues };
  }
}

const byZod = (input: Record<string, unknown>) =>
  outcome(() => parseInput(reputationEventSchemaOf(input.type), input, { path: [] }));
const byParse = (input: Record<string, unknown>) =>
  outcome(() => parseReputationEvent(input as never));

// Values near the edges of the leaf checks: ids, instants, lengths, numbers, shapes.
const leaf = fc.oneof(
  fc.constantFrom('t1', 'p1', '', ' ', 'bad id', 'x\u0000', 'k'.repeat(200), 'k'.repeat(201)),
  fc.constantFrom('2026-11-29T08:00:00Z', '2026-02-30T08:00:00Z', '2026-11-29', 'yesterday'),
  fc.constantFrom(0, 1, 5, 6, 2.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.constantFrom(true, false, null, undefined, [], {}, ['p1'], [''], { id: 'p1' }),
  fc.string({ maxLength: 8 }),
);

type Mutation =
  | { kind: 'none' }
  | { kind: 'envelope'; key: string; value: unknown }
  | { kind: 'data'; at: number; value: unknown }
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; value: unknown }
  | { kind: 'type'; type: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constant('envelope' as const),
    key: fc.constantFrom('id', 'type', 'time', 'actor', 'data'),
    value: leaf,
  }),
  fc.record({ kind: fc.constant('data' as const), at: fc.nat(), value: leaf }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('extra' as const), value: leaf }),
  fc.record({
    kind: fc.constant('type' as const),
    type: fc.constantFrom(...reputationEventTypes, 'quanzi.task.claimed', 'x.other'),
  }),
);

function mutated(event: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const data = { ...(event.data as Record<string, unknown>) };
  const keys = Object.keys(data);
  const key = (at: number) => keys[at % Math.max(keys.length, 1)] ?? 'missing';
  switch (mutation.kind) {
    case 'none':
      return event;
    case 'envelope':
      return { ...event, [mutation.key]: mutation.value };
    case 'data':
      return { ...event, data: { ...data, [key(mutation.at)]: mutation.value } };
    case 'drop':
      delete data[key(mutation.at)];
      return { ...event, data };
    case 'extra':
      return { ...event, data: { ...data, extra: mutation.value }, extra: mutation.value };
    case 'type':
      return { ...event, type: mutation.type };
  }
}

describe('the compiled check of reputation events', () => {
  it('exists for every type reputation reads and for the others', () => {
    for (const type of [...reputationEventTypes, 'quanzi.task.claimed'])
      expect(compileSchema(reputationEventSchemaOf(type))).toBeDefined();
  });

  it('answers as zod does, for events of a log and near misses of them (property)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(arbitraryOps, fc.array(mutationArb, { maxLength: 8 }), (ops, mutations) => {
        const events = buildLog(ops).events as unknown as Array<Record<string, unknown>>;
        const inputs = [
          ...events,
          ...mutations.map((mutation, i) => mutated(events[i % events.length] ?? {}, mutation)),
        ];
        for (const input of inputs) {
          const expected = byZod(input);
          expect(byParse(input)).toEqual(expected);
          if (expected.ok) accepted += 1;
        }
      }),
      { numRuns: 200 },
    );
    // Mostly valid events, so most inputs took the compiled check.
    expect(accepted).toBeGreaterThan(1000);
  });
});
