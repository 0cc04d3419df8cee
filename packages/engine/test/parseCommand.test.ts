import { isQuanziError, parseInput } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandSchema } from '../src/commandSchemas';
import { parseCommand } from '../src/parseCommand';

/** zod's answer: the parsed command, or the error's message and issues. */
function byZod(input: unknown) {
  try {
    return { ok: true, value: parseInput(CommandSchema, input, { path: [] }) };
  } catch (error) {
    if (!isQuanziError(error)) throw error;
    return { ok: false, message: error.message, issues: error.issues };
  }
}

function byParseCommand(input: unknown) {
  try {
    return { ok: true, value: parseCommand(input) };
  } catch (error) {
    if (!isQuanziError(error)) throw error;
    return { ok: false, message: error.message, issues: error.issues };
  }
}

const types = [
  'task.publish',
  'task.claim',
  'task.start',
  'task.extend',
  'task.release',
  'task.accept',
  'task.rate',
  'task.cancel',
  'task.second_review',
  'participant.reinstate',
  'tick',
  'task.submit',
  'report.prioritize',
  'no.such',
];

// Values near the edges of the leaf checks: ids, control characters, lengths, numbers.
const leaf = fc.oneof(
  fc.constantFrom('t1', 'q1', 'cmd', 'a.b:c-d_e', '', ' ', 'bad id', 'x\u0000', 'x\u0085', 'é'),
  fc.constantFrom('k'.repeat(128), 'k'.repeat(129), 'k'.repeat(200), 'k'.repeat(201)),
  fc.constantFrom(0, 1, 3, 5, 6, 2.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.constantFrom(true, false, null, undefined, [], {}, '2026-11-29T08:00:00Z'),
  fc.string({ maxLength: 12 }),
);

const fieldNames = [
  'taskId',
  'participantId',
  'claimantId',
  'rating',
  'comment',
  'note',
  'agrees',
  'at',
  'clientTime',
  'now',
  'priority',
  'reportId',
  'evidence',
  'extra',
];

const commandArb = fc
  .record({
    type: fc.constantFrom(...types),
    idempotencyKey: leaf,
    actorId: leaf,
    fields: fc.dictionary(fc.constantFrom(...fieldNames), leaf, { maxKeys: 4 }),
    drop: fc.subarray(['type', 'idempotencyKey', 'actorId']),
  })
  .map(({ type, idempotencyKey, actorId, fields, drop }) => {
    const command: Record<string, unknown> = { type, idempotencyKey, actorId, ...fields };
    for (const key of drop) delete command[key];
    return command;
  });

// Well-formed commands of plain fields, so most runs take the compiled check.
const validArb = fc.oneof(
  fc.record({
    type: fc.constantFrom('task.publish', 'task.claim', 'task.start', 'task.accept'),
    idempotencyKey: fc.string({ minLength: 1, maxLength: 20 }),
    actorId: fc.constantFrom('q1', 'cmd'),
    taskId: fc.constantFrom('t1', 'old-3'),
  }),
  fc.record({
    taskId: fc.constantFrom('t1'),
    type: fc.constant('task.rate'),
    idempotencyKey: fc.constantFrom('k', 'k\n'),
    actorId: fc.constant('cmd'),
    participantId: fc.constant('q1'),
    rating: fc.integer({ min: 0, max: 6 }),
  }),
);

describe('parseCommand', () => {
  it('answers exactly as zod does, value, key order, error and all (differential property)', () => {
    fc.assert(
      fc.property(fc.oneof(commandArb, validArb), (input) => {
        const expected = byZod(input);
        const actual = byParseCommand(input);
        expect(actual).toStrictEqual(expected);
        if (expected.ok)
          expect(Object.keys(actual.value ?? {})).toEqual(Object.keys(expected.value ?? {}));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('returns a new object, not the input', () => {
    const input = { type: 'task.claim', idempotencyKey: 'k', actorId: 'q1', taskId: 't1' };
    const command = parseCommand(input);
    expect(command).toEqual(input);
    expect(command).not.toBe(input);
  });

  it('leaves objects that are not plain, and inherited keys, to zod', () => {
    const inherited = Object.create({ extra: 1 });
    Object.assign(inherited, {
      type: 'task.claim',
      idempotencyKey: 'k',
      actorId: 'q1',
      taskId: 't1',
    });
    expect(() => parseCommand(inherited)).toThrow();
    const bare = Object.assign(Object.create(null), {
      type: 'task.claim',
      idempotencyKey: 'k',
      actorId: 'q1',
      taskId: 't1',
    });
    expect(byParseCommand(bare)).toStrictEqual(byZod(bare));
  });
});
