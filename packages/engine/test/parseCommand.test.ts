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

// Commands with nested drafts (reports, tasks, evidence), each field valid or near an edge.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const pointArb = fc.oneof(
  fc.constant({ type: 'Point', coordinates: [116.3965, 39.905] }),
  fc.constantFrom(
    { type: 'Point', coordinates: [181, 39.9] },
    { type: 'Point', coordinates: [116.3] },
    { type: 'Point', coordinates: [116.3, 39.9, 5] },
    { type: 'Point', coordinates: [116.3, 39.9], extra: 1 },
    { type: 'Point', coordinates: '116,39' },
    [116.3, 39.9],
  ),
);
const geometryArb = fc.oneof(
  pointArb,
  fc.constantFrom(
    {
      type: 'LineString',
      coordinates: [
        [116.3, 39.9],
        [116.4, 39.9],
      ],
    },
    { type: 'LineString', coordinates: [[116.3, 39.9]] },
    {
      type: 'Polygon',
      coordinates: [
        [
          [116.3, 39.9],
          [116.4, 39.9],
          [116.4, 40],
          [116.3, 39.9],
        ],
      ],
    },
    { type: 'Circle', coordinates: [116.3, 39.9] },
  ),
);
const textArb = fc.oneof(
  fc.constantFrom('小区门口共享单车乱停', 'Bikes\non the pavement', '', 'x\u0000', 'k'.repeat(201)),
  fc.string({ maxLength: 8 }),
);
const mediaArb = fc.constantFrom(
  { type: 'image', url: 'https://img.example/a.jpg' },
  { type: 'video', url: 's3://bucket/v.mp4', caption: 'Before' },
  { type: 'image', url: 'javascript:alert(1)' },
  { type: 'sound', url: 'https://img.example/a.mp3' },
  { type: 'image', url: 'https://img.example/a.jpg', extra: true },
);
const reportDraftArb = fc.record(
  {
    channel: fc.constantFrom('mobile', 'web', 'proxy', 'pigeon'),
    text: textArb,
    category: fc.constantFrom('shared_bike_parking', 'bad id'),
    media: fc.oneof(fc.array(mediaArb, { maxLength: 3 }), fc.constant('none')),
    location: pointArb,
    anonymous: fc.constantFrom(true, false, 'yes'),
    proxyFor: fc.constantFrom({ name: 'Grandma Zhao' }, { name: '' }, { name: 'A', contact: '1' }),
    id: fc.constantFrom('rep-1', 'bad id'),
    circleId: fc.constantFrom('xinhua', undefined),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
);
const taskDraftArb = fc.record(
  {
    source: fc.constantFrom(
      { kind: 'officer' },
      { kind: 'report', reportId: 'r1' },
      { kind: 'upstream', dispatchId: 'D-7' },
      { kind: 'upstream' },
      { kind: 'rumour' },
    ),
    category: fc.constantFrom('shared_bike_parking', ''),
    title: textArb,
    goal: textArb,
    steps: fc.array(textArb, { maxLength: 2 }),
    difficulty: fc.constantFrom(1, 5, 6, 2.5),
    location: geometryArb,
    visibleRadiusMeters: fc.constantFrom(50, 0, 100_001),
    sensitivity: fc.constantFrom('public', 'officers', 'secret'),
    deadline: fc.constantFrom(
      '2026-12-01T08:00:00Z',
      '2026-12-01T08:00:00.5Z',
      '2026-12-01',
      'soon',
    ),
    slaHours: fc.constantFrom(1, -1),
    rewardPoints: fc.constantFrom(0, 10, 1.5),
    slots: fc.constantFrom(1, 3, 0),
    reportIds: fc.array(fc.constantFrom('r1', 'bad id'), { maxLength: 2 }),
    requiredQualifications: fc.array(fc.constant('first_aid'), { maxLength: 1 }),
    id: fc.constantFrom('t-9', undefined),
  },
  { requiredKeys: [] },
);
const qualificationArb = fc.record(
  {
    code: fc.constantFrom('first_aid', 'bad id'),
    issuer: textArb,
    issuedAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z'),
    expiresAt: fc.constantFrom('2027-01-01T00:00:00Z', undefined),
  },
  { requiredKeys: ['code', 'issuer'] },
);
const participantArb = fc.record(
  {
    id: fc.constantFrom('p9', 'bad id'),
    circleId: fc.constant('xinhua'),
    kind: fc.constantFrom('qualified', 'resident', 'wizard'),
    displayName: textArb,
    roles: fc.array(fc.constantFrom('safety_volunteer', 'grid_worker', 'king'), { maxLength: 2 }),
    qualifications: fc.array(qualificationArb, { maxLength: 2 }),
    home: pointArb,
    privacy: fc.constantFrom(
      {},
      { anonymous: true },
      { contactable: 'no' },
      { anonymous: false, extra: 1 },
    ),
    status: fc.constantFrom('active', 'suspended'),
  },
  { requiredKeys: ['id', 'circleId', 'kind', 'displayName'] },
);
const nestedArb = fc
  .record({
    kind: fc.constantFrom(
      'report.submit',
      'task.create',
      'task.submit',
      'report.convert',
      'tick',
      'participant.register',
      'participant.certify',
    ),
    participant: participantArb,
    qualification: qualificationArb,
    idempotencyKey: fc.constantFrom('k1', ''),
    actorId: fc.constantFrom('r1', 'cmd'),
    clientTime: maybe(fc.constantFrom('2026-11-29T08:00:00Z', 'yesterday')),
    report: reportDraftArb,
    task: taskDraftArb,
    evidence: fc.oneof(fc.array(mediaArb, { maxLength: 2 }), fc.constant(undefined)),
    note: maybe(textArb),
    followUpReports: maybe(fc.array(reportDraftArb, { maxLength: 2 })),
    now: fc.constantFrom('2026-11-29T08:00:00Z', '2026-11-29T08:00:00+08:00', 'garbage'),
  })
  .map(
    ({
      kind,
      idempotencyKey,
      actorId,
      clientTime,
      report,
      task,
      evidence,
      note,
      followUpReports,
      now,
      participant,
      qualification,
    }) => {
      const base: Record<string, unknown> = { type: kind, idempotencyKey, actorId };
      if (clientTime !== undefined) base.clientTime = clientTime;
      if (kind === 'participant.register') return { ...base, participant };
      if (kind === 'participant.certify') return { ...base, participantId: 'q1', qualification };
      if (kind === 'report.submit') return { ...base, report };
      if (kind === 'task.create') return { ...base, task };
      if (kind === 'report.convert') {
        const { source: _s, reportIds: _r, ...rest } = task;
        return { ...base, reportId: 'r1', task: rest };
      }
      if (kind === 'tick') return { ...base, now };
      const submit: Record<string, unknown> = { ...base, taskId: 't1', evidence };
      if (note !== undefined) submit.note = note;
      if (followUpReports !== undefined) submit.followUpReports = followUpReports;
      return submit;
    },
  );

/** The same answer, value and key order at every depth. */
function expectSameAnswer(input: unknown) {
  const expected = byZod(input);
  const actual = byParseCommand(input);
  expect(actual).toStrictEqual(expected);
  if (expected.ok) expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.value));
}

describe('parseCommand', () => {
  it('answers exactly as zod does for commands with nested drafts (differential property)', () => {
    let passed = 0;
    fc.assert(
      fc.property(nestedArb, (input) => {
        expectSameAnswer(input);
        if (byZod(input).ok) passed += 1;
      }),
      { numRuns: 3000, seed: 14 },
    );
    // The property must see accepted commands too, not only refusals.
    expect(passed).toBeGreaterThan(50);
  });

  it('refuses a tick whose `now` is no instant, as zod does', () => {
    const tick = { type: 'tick', idempotencyKey: 'k', actorId: 'cmd', now: 'garbage' };
    expect(() => parseCommand(tick)).toThrow();
    expectSameAnswer(tick);
  });

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
