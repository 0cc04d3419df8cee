import { isQuanziError, quanziErrorCodes } from '@quanzi/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, taskDraft, xinhuaSpot } from './engineFixtures';

let h: Harness;
let taskId = '';
beforeAll(async () => {
  h = await harness();
  const created = await h.run('cmd', { type: 'task.create', task: taskDraft() });
  taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await h.run('cmd', { type: 'task.publish', taskId });
});

/** Valid commands to break. */
const valid = (): Record<string, unknown>[] => [
  { type: 'task.claim', idempotencyKey: 'h1', actorId: 'q1', taskId },
  {
    type: 'task.rate',
    idempotencyKey: 'h2',
    actorId: 'cmd',
    taskId,
    participantId: 'q1',
    rating: 4,
  },
  {
    type: 'report.submit',
    idempotencyKey: 'h3',
    actorId: 'r1',
    report: { channel: 'mobile', text: 'Hi', location: { type: 'Point', coordinates: xinhuaSpot } },
  },
  { type: 'task.create', idempotencyKey: 'h4', actorId: 'cmd', task: taskDraft() },
];

type Mutation = (command: Record<string, unknown>) => unknown;
const breakers: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom<Mutation>(
    ({ type: _t, ...rest }) => rest,
    ({ idempotencyKey: _k, ...rest }) => rest,
    ({ actorId: _a, ...rest }) => rest,
    (c) => ({ ...c, actorId: 'not an id!' }),
    (c) => ({ ...c, idempotencyKey: '' }),
    (c) => ({ ...c, idempotencyKey: 'k'.repeat(201) }),
    (c) => ({ ...c, clientTime: 'yesterday' }),
    (c) => ({ ...c, type: 'task.explode' }),
    (c) => ({ ...c, rating: 6 }),
    (c) => ({ ...c, report: { channel: 'proxy', text: 'no proxy subject' } }),
    (c) => ({
      ...c,
      task: { ...taskDraft(), location: { type: 'Point', coordinates: [200, 95] } },
    }),
    (c) => ({ ...c, taskId: '<script>' }),
    (c) => JSON.stringify(c),
    (c) => [c],
  ),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter(
      (k) =>
        ![
          'type',
          'idempotencyKey',
          'actorId',
          'clientTime',
          'taskId',
          'rating',
          'participantId',
          'report',
          'task',
          'at',
          'comment',
        ].includes(k),
    )
    .map(
      (k): Mutation =>
        (c) => ({ ...c, [k]: 1 }),
    ),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object()).map(
    (bad): Mutation =>
      (c) => ({ ...c, idempotencyKey: bad }),
  ),
);

async function expectRejectedWithoutTrace(input: unknown) {
  const events = (await h.engine.store.readAll()).length;
  const snapshot = h.engine.getPrivilegedSnapshot();
  const error = await h.engine.execute(input as never).then(
    (outcome) => outcome,
    (e: unknown) => e,
  );
  expect(isQuanziError(error), `accepted: ${JSON.stringify(input)?.slice(0, 200)}`).toBe(true);
  if (!isQuanziError(error)) return;
  expect(quanziErrorCodes).toContain(error.code);
  expect(error.messages.en.length).toBeGreaterThan(0);
  expect(error.messages['zh-CN'].length).toBeGreaterThan(0);
  expect((await h.engine.store.readAll()).length).toBe(events);
  expect(h.engine.getPrivilegedSnapshot()).toBe(snapshot);
}

describe('hostile input', () => {
  it('answers arbitrary values with a typed error and changes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.anything(), expectRejectedWithoutTrace), { numRuns: 1500 });
  });

  it('answers broken commands with a typed error and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(3), breakers, (i, mutate) =>
        expectRejectedWithoutTrace(mutate(valid()[i] as Record<string, unknown>)),
      ),
      { numRuns: 1500 },
    );
  });

  it('answers references to things that do not exist with not_found and changes nothing', async () => {
    const id = fc
      .stringMatching(/^[a-z][a-z0-9-]{0,12}$/)
      .filter((s) => s !== taskId && s !== 'system');
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('actorId', 'taskId'), async (missing, field) => {
        const command = { ...(valid()[0] as Record<string, unknown>), [field]: `zz-${missing}` };
        await expectRejectedWithoutTrace(command);
      }),
      { numRuns: 200 },
    );
  });
});

describe('control characters (#15)', () => {
  // C0 and C1 controls except tab, LF and CR, which free text may hold.
  const control = fc
    .integer({ min: 0, max: 0x9f })
    .filter((c) => c < 0x20 || c >= 0x7f)
    .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
    .map((c) => String.fromCharCode(c));
  const place = (text: string, char: string, at: number) =>
    text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1));
  const withControl: Array<(char: string, at: number) => Record<string, unknown>> = [
    (char, at) => ({
      ...valid()[2],
      report: { ...(valid()[2]?.report as object), text: place('Bikes on the pavement', char, at) },
    }),
    (char, at) => ({
      ...valid()[3],
      task: { ...taskDraft(), title: place('Move bikes', char, at) },
    }),
    (char, at) => ({
      ...valid()[3],
      task: { ...taskDraft(), goal: place('Pavement clear', char, at) },
    }),
    (char, at) => ({ ...valid()[3], task: { ...taskDraft(), steps: [place('Lift', char, at)] } }),
    // The commands' own fields, not only the domain records they carry.
    (char, at) => ({ ...valid()[1], comment: place('Good work', char, at) }),
    (char, at) => ({ ...valid()[0], idempotencyKey: place('phone-1:7', char, at) }),
    (char, at) => ({
      ...valid()[0],
      type: 'task.cancel',
      actorId: 'cmd',
      note: place('Done', char, at),
    }),
  ];

  it('refuses NUL and other control characters in text with invalid_input naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(withControl.length - 1), control, fc.nat(40), async (i, char, at) => {
        const command = withControl[i]?.(char, at);
        await expectRejectedWithoutTrace(command);
        const error = await h.engine.execute(command as never).catch((e: unknown) => e);
        expect(isQuanziError(error) && error.code).toBe('invalid_input');
        expect(isQuanziError(error) && error.messages.en).toMatch(
          /text|title|goal|steps|comment|idempotencyKey|note/,
        );
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('still accepts tab and line breaks in a report text', async () => {
    const command = {
      ...valid()[2],
      idempotencyKey: 'h-tab',
      report: { ...(valid()[2]?.report as object), text: 'Line one\r\n\tLine two' },
    };
    const outcome = await h.engine.execute(command as never);
    expect(outcome.status).toBe('applied');
  });
});

describe('unpaired surrogates (#14)', () => {
  // Half of a character, as text cut in the middle of an emoji leaves; PostgreSQL would
  // keep U+FFFD in its place, so a retry with the same key would no longer match.
  const half = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

  it('refuses half a character in an idempotency key with invalid_input naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(half, fc.nat(12), async (char, at) => {
        const key = 'phone-1:7';
        const cut = key.slice(0, at % (key.length + 1)) + char + key.slice(at % (key.length + 1));
        const command = { ...valid()[0], idempotencyKey: cut };
        await expectRejectedWithoutTrace(command);
        const error = await h.engine.execute(command as never).catch((e: unknown) => e);
        expect(isQuanziError(error) && error.path).toEqual(['idempotencyKey']);
        expect(isQuanziError(error) && error.messages.en).toMatch(/idempotencyKey/);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('accepts whole characters from beyond the basic plane in a key', async () => {
    const outcome = await h.engine.execute({
      ...valid()[2],
      idempotencyKey: 'phone-1:🚲',
    } as never);
    expect(outcome.status).toBe('applied');
  });
});
