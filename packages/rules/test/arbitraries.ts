import {
  CircleSchema,
  type Participant,
  ParticipantKindSchema,
  parseInput,
  RoleSchema,
  SensitivitySchema,
  type Task,
} from '@quanzi/core';
import type {
  Action,
  Condition,
  DecisionContext,
  ParticipantFacts,
  PolicyDocument,
  TaskFacts,
  TopLevelCondition,
} from '@quanzi/rules';
import fc from 'fast-check';
import { center, offset } from './fixtures';

export const ids = ['p1', 'p2', 'cmd', 'officer1'] as const;
export const categories = [
  'shared_bike_parking',
  'tactile_paving',
  'security_info',
  'patrol_point',
  'suspicious_watch',
  'traffic_guidance',
  'elderly_visit',
  'kite_rescue',
] as const;
export const qualificationCodes = ['road_repair', 'patrol', 'traffic_assistance', 'social_work'];
const tags = ['night_owl', 'first_aid', 'no_show'];
const teams = ['team_a', 'team_b'];
const states = ['draft', 'pending_review', 'published', 'claimed', 'submitted', 'closed'];
const instants = ['2026-11-29T09:00:00Z', '2026-06-01T00:00:00Z', '2027-03-01T12:30:00Z'];
const kinds = ParticipantKindSchema.options;
const roles = RoleSchema.options;

const sub = <T>(items: readonly T[]) => fc.subarray([...items]);
const near = (meters: number) =>
  fc
    .tuple(fc.integer({ min: -meters, max: meters }), fc.integer({ min: -meters, max: meters }))
    .map(([east, north]) => offset(center, east, north));

const scalar = fc.oneof(
  fc.integer({ min: -1, max: 8 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom('published', 'resident', 'officers', 'basic', 'patrol_point', '3', 'x'),
  fc.boolean(),
  fc.constant(null),
);

const paths = {
  participant: [
    '$.level',
    '$.kind',
    '$.roles',
    '$.tags',
    '$.credibility',
    '$.clearance',
    '$.tier.maxDifficulty',
    '$.tier.radiusMeters',
    '$.teamIds[0]',
    '$.qualifications',
    '$.status',
    '$.id',
  ],
  task: [
    '$.category',
    '$.difficulty',
    '$.sensitivity',
    '$.state',
    '$.publisherCredibility',
    '$.claimants',
    '$.slots',
    '$.anchor[0]',
    '$.requiredQualifications',
    '$.minLevel',
    '$.rewardPoints',
    '$.sourceKind',
    '$.visibleRadiusMeters',
  ],
  circle: ['$.model', '$.id', '$.review'],
  context: ['$.distanceMeters', '$.radiusMeters', '$.position[1]', '$.now'],
} as const;

const factPath = fc.constantFrom(
  ...Object.entries(paths).flatMap(([fact, list]) => list.map((path) => ({ fact, path }))),
) as fc.Arbitrary<{ fact: keyof typeof paths; path: string }>;

/** Any comparison a policy author might write, typed sensibly or not. */
const comparison: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .record({
      left: factPath,
      operator: fc.constantFrom(
        'equal',
        'notEqual',
        'lessThan',
        'lessThanInclusive',
        'greaterThan',
        'greaterThanInclusive',
        'contains',
        'doesNotContain',
      ),
      value: fc.oneof(scalar, factPath),
    })
    .filter(
      ({ operator, value }) =>
        !operator.includes('Than') ||
        (typeof value !== 'string' && typeof value !== 'boolean' && value !== null),
    )
    .map(({ left, operator, value }) => ({ ...left, operator, value }) as Condition),
  fc
    .record({
      left: factPath,
      operator: fc.constantFrom('in', 'notIn'),
      value: fc.array(scalar, { maxLength: 4 }),
    })
    .map(({ left, operator, value }) => ({ ...left, operator, value }) as Condition),
  fc.record({
    fact: fc.constant('participant'),
    operator: fc.constantFrom('hasQualification', 'hasTag', 'inTeam', 'hasRole'),
    value: fc.oneof(
      fc.constantFrom(...qualificationCodes, ...tags, ...teams, 'patrol_member', 'p1'),
      sub([...qualificationCodes, ...tags, ...teams, 'traffic_assistant']),
      fc.constant({ fact: 'task', path: '$.requiredQualifications' }),
    ),
  }) as fc.Arbitrary<Condition>,
  fc.record({
    fact: fc.constant('participant'),
    operator: fc.constant('levelAtLeast'),
    value: fc.oneof(
      fc.integer({ min: 0, max: 8 }),
      fc.constant({ fact: 'task', path: '$.difficulty' }),
    ),
  }) as fc.Arbitrary<Condition>,
  fc.record({
    fact: fc.constant('context'),
    operator: fc.constant('withinMeters'),
    value: fc.oneof(
      fc.integer({ min: 0, max: 4000 }),
      fc.constant({ fact: 'participant', path: '$.tier.radiusMeters' }),
    ),
  }) as fc.Arbitrary<Condition>,
);

function conditionTree(named: readonly string[]): fc.Arbitrary<TopLevelCondition> {
  const { tree } = fc.letrec<{ tree: TopLevelCondition; node: Condition }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('node') }),
      ...(named.length ? [fc.record({ condition: fc.constantFrom(...named) })] : []),
    ),
    node: fc.oneof({ depthSize: 'small', maxDepth: 3 }, comparison, comparison, tie('tree')),
  }));
  return tree;
}

const tier = (index: number) =>
  fc.record({
    id: fc.constant(`tier${index}`),
    name: fc.constant({ en: `Tier ${index}`, 'zh-CN': `第${index}级` }),
    minLevel: fc.constant(index * 2),
    radiusMeters: fc.constantFrom(300, 1000, 3000),
    maxDifficulty: fc.integer({ min: 1, max: 5 }),
  });

const audience = fc.record({ kinds: sub(kinds), roles: sub(roles) });

/** A random valid policy document: tiers, overrides, audiences, named conditions and rules. */
export const policyDocument: fc.Arbitrary<PolicyDocument> = fc
  .record({
    tierCount: fc.integer({ min: 1, max: 4 }),
    namedCount: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ tierCount, namedCount }) => {
    const names = Array.from({ length: namedCount }, (_, i) => `named${i}`);
    return fc.record({
      version: fc.constant(1 as const),
      id: fc.constant('random'),
      name: fc.constant({ en: 'Random', 'zh-CN': '随机' }),
      model: fc.option(fc.constantFrom('basic', 'extended'), { nil: undefined }),
      tiers: fc.tuple(...Array.from({ length: tierCount }, (_, i) => tier(i))),
      useDefaultCategories: fc.constant(true),
      categories: fc.uniqueArray(
        fc.record({
          code: fc.constantFrom(...categories.slice(0, -1)),
          minTier: fc.option(
            fc.constantFrom(...Array.from({ length: tierCount }, (_, i) => `tier${i}`)),
            { nil: undefined },
          ),
          defaultSensitivity: fc.option(fc.constantFrom(...SensitivitySchema.options), {
            nil: undefined,
          }),
        }),
        { selector: (category) => category.code, maxLength: 3 },
      ),
      publishers: fc.record({ basic: audience, extended: audience }),
      verifiers: audience,
      separationOfDuty: fc.record({
        publisherCannotClaim: fc.boolean(),
        claimantCannotVerify: fc.boolean(),
        publisherCannotVerify: fc.boolean(),
      }),
      ranking: fc.constant({ distance: 1, urgency: 1, credibility: 0.5 }),
      // Each named condition may only use earlier ones, so the graph has no cycle.
      conditions: fc
        .tuple(...names.map((_, i) => conditionTree(names.slice(0, i))))
        .map((trees) => Object.fromEntries(trees.map((tree, i) => [names[i], tree]))),
      rules: fc.array(
        fc.record({
          name: fc.constant('rule'),
          actions: fc.subarray(['discover', 'view', 'claim', 'publish', 'verify'] as Action[], {
            minLength: 1,
          }),
          conditions: conditionTree(names),
          reason: fc
            .constantFrom('custom_a', 'custom_b')
            .map((code) => ({ code, message: { en: code, 'zh-CN': code } })),
        }),
        { maxLength: 4 },
      ),
    });
  })
  .map((document) => ({
    ...document,
    categories: document.categories.map(({ minTier, defaultSensitivity, ...rest }) => ({
      ...rest,
      ...(minTier ? { minTier } : {}),
      ...(defaultSensitivity ? { defaultSensitivity } : {}),
    })),
    rules: document.rules.map((rule, i) => ({ ...rule, name: `rule${i}` })),
  })) as fc.Arbitrary<PolicyDocument>;

const qualification = fc.record({
  code: fc.constantFrom(...qualificationCodes),
  issuer: fc.constant('Training centre'),
  issuedAt: fc.constant('2025-01-01T00:00:00Z'),
  expiresAt: fc.option(
    fc.constantFrom('2026-11-29T08:59:59Z', '2026-11-29T09:00:00Z', '2027-01-01T00:00:00Z'),
    { nil: undefined },
  ),
});

// Built directly rather than through zod: the differential test needs 100,000 of them.
export const participantFacts: fc.Arbitrary<ParticipantFacts> = fc
  .record({
    id: fc.constantFrom(...ids),
    circleId: fc.constantFrom('c1', 'c1', 'c2'),
    kind: fc.constantFrom(...kinds),
    roles: sub(roles.slice(0, 16)).map((list) => list.slice(0, 3)),
    qualifications: fc.array(qualification, { maxLength: 3 }),
    teamIds: sub(teams),
    home: fc.option(near(3000), { nil: undefined }),
    status: fc.constantFrom<Participant['status']>('active', 'active', 'suspended'),
    level: fc.integer({ min: 0, max: 8 }),
    tags: sub(tags),
    credibility: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map(({ level, tags: tagList, credibility, home, qualifications, ...input }) => ({
    participant: {
      ...input,
      displayName: 'P',
      memberIds: [],
      privacy: { anonymous: false, contactable: true },
      qualifications: qualifications.map(({ expiresAt, ...q }) =>
        expiresAt ? { ...q, expiresAt } : q,
      ),
      ...(home ? { home: { type: 'Point' as const, coordinates: home } } : {}),
    },
    level,
    tags: tagList,
    ...(credibility === undefined ? {} : { credibility }),
  }));

export const taskFacts: fc.Arbitrary<TaskFacts> = fc
  .record({
    id: fc.constantFrom('t1', 't2', 't3'),
    publisherId: fc.constantFrom(...ids),
    category: fc.constantFrom(...categories),
    difficulty: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    requiredQualifications: sub(qualificationCodes).map((list) => list.slice(0, 2)),
    sensitivity: fc.option(fc.constantFrom(...SensitivitySchema.options), { nil: undefined }),
    at: near(4000),
    visibleRadiusMeters: fc.option(fc.constantFrom(200, 2500), { nil: undefined }),
    slots: fc.integer({ min: 1, max: 3 }),
    state: fc.constantFrom(...states),
    claimantIds: sub(ids),
    publisherCredibility: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map(({ state, claimantIds, publisherCredibility, at, ...input }) => ({
    task: {
      ...(Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      ) as typeof input),
      circleId: 'c1',
      source: { kind: 'officer' as const },
      title: 'Task',
      goal: 'Done',
      steps: [],
      compliance: [],
      rewardPoints: 0,
      reportIds: [],
      location: { type: 'Point' as const, coordinates: at },
      createdAt: '2026-11-28T08:00:00Z',
    } as Task,
    state,
    claimantIds,
    ...(publisherCredibility === undefined ? {} : { publisherCredibility }),
  }));

export const decisionContext: fc.Arbitrary<DecisionContext> = fc
  .record({
    now: fc.constantFrom(...instants),
    position: fc.option(near(3000), { nil: undefined }),
    model: fc.constantFrom('basic', 'extended'),
  })
  .map(({ now, position, model }) => ({
    now,
    circle: parseInput(CircleSchema, { id: 'c1', name: { en: 'C', 'zh-CN': '圈' }, model }),
    ...(position ? { position } : {}),
  }));

export const action = fc.constantFrom<Action>('discover', 'view', 'claim', 'publish', 'verify');

/** One decision to make: an action by a participant on a task in a context. */
export const decisionCase = fc.record({
  action,
  participant: participantFacts,
  task: taskFacts,
  context: decisionContext,
});

/**
 * `count` decisions drawn from small pools of participants, tasks and contexts: far
 * cheaper to generate than independent cases, and every pairing is still random.
 */
export function decisionCases(count: number) {
  const pool = Math.ceil(Math.sqrt(count));
  return fc
    .record({
      participants: fc.array(participantFacts, { minLength: pool, maxLength: pool }),
      tasks: fc.array(taskFacts, { minLength: pool, maxLength: pool }),
      contexts: fc.array(decisionContext, { minLength: 4, maxLength: 4 }),
      picks: fc.array(fc.tuple(action, fc.nat(pool - 1), fc.nat(pool - 1), fc.nat(3)), {
        minLength: count,
        maxLength: count,
      }),
    })
    .map(({ participants, tasks, contexts, picks }) =>
      picks.map(([picked, p, t, c]) => ({
        action: picked,
        participant: participants[p] as ParticipantFacts,
        task: tasks[t] as TaskFacts,
        context: contexts[c] as DecisionContext,
      })),
    );
}
