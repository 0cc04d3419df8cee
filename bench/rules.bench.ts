// @quanzi/rules: compiled closures vs json-rules-engine on the same decisions, and the
// nearby index vs a linear scan over 100,000 open tasks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CircleSchema, createSeededRandom, type Position, parseInput } from '@quanzi/core';
import {
  createTaskIndex,
  type DecisionContext,
  loadPolicy,
  type ParticipantFacts,
  type TaskFacts,
} from '@quanzi/rules';
import fc from 'fast-check';
// Internals, so the scan baseline gets exactly the precomputed views the index has.
import { policyInternals } from '../packages/rules/src/createPolicy';
import { rankPage } from '../packages/rules/src/createTaskIndex';
import { dueMs } from '../packages/rules/src/rankNearby';
import { decisionCases } from '../packages/rules/test/arbitraries';
import type { BenchCase } from './BenchCase';
import { throughput } from './throughput';

const policyFile = join(import.meta.dirname, '..', 'examples', 'policies', 'police-district.yaml');
const policy = loadPolicy(readFileSync(policyFile, 'utf8'), { source: policyFile });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function compiledVsReference() {
  const [cases = []] = fc.sample(decisionCases(4096), { numRuns: 1, seed: 42 });
  const size = cases.length;
  let i = 0;
  let j = 0;
  const compiledBatch = 256;
  const referenceBatch = 8;
  const result = await throughput({
    compiled: {
      fn: () => {
        for (let k = 0; k < compiledBatch; k++) {
          const c = cases[i++ % size] as (typeof cases)[number];
          policy.decide(c.action, c.participant, c.task, c.context);
        }
      },
      opsPerCall: compiledBatch,
    },
    reference: {
      fn: async () => {
        for (let k = 0; k < referenceBatch; k++) {
          const c = cases[j++ % size] as (typeof cases)[number];
          await policy.decideWithReference(c.action, c.participant, c.task, c.context);
        }
      },
      opsPerCall: referenceBatch,
    },
  });
  return {
    value: result.compiled,
    baseline: result.reference,
    details: {
      cases: size,
      rules: policy.rules.length,
      compiledMicros: Number((1e6 / result.compiled).toFixed(3)),
      referenceMicros: Number((1e6 / result.reference).toFixed(2)),
    },
  };
}

// Beijing inside the 5th ring road is about 30 km across.
const cityCenter: Position = [116.397, 39.909];
const halfSpanDegrees = { lng: 0.2, lat: 0.15 };
const nearbyCategories = [
  'vehicle_moving',
  'traffic_guidance',
  'patrol_point',
  'hazard_screening',
  'utilities_help',
  'security_info',
  'lost_property',
];

function cityTasks(count: number): TaskFacts[] {
  const random = createSeededRandom(7);
  return Array.from({ length: count }, (_, n) => {
    const at: Position = [
      cityCenter[0] + (random.next() * 2 - 1) * halfSpanDegrees.lng,
      cityCenter[1] + (random.next() * 2 - 1) * halfSpanDegrees.lat,
    ];
    return {
      task: {
        id: `t${n}`,
        circleId: 'xinhua',
        publisherId: 'officer1',
        source: { kind: 'officer' },
        category: nearbyCategories[n % nearbyCategories.length] as string,
        title: 'Task',
        goal: 'Done',
        steps: [],
        compliance: [],
        requiredQualifications: [],
        location: { type: 'Point', coordinates: at },
        rewardPoints: 10,
        slots: 1,
        reportIds: [],
        createdAt: '2026-11-29T00:00:00Z',
        ...(n % 3 === 0 ? { deadline: '2026-11-29T18:00:00Z' } : {}),
      },
      state: 'published',
      claimantIds: [],
      publisherCredibility: random.next(),
    };
  });
}

async function nearbyVsScan() {
  const tasks = cityTasks(100_000);
  const index = createTaskIndex(policy);
  for (const task of tasks) index.add(task);
  const circle = parseInput(CircleSchema, {
    id: 'xinhua',
    name: { en: 'Xinhua', 'zh-CN': '新华' },
    model: 'basic',
  });
  const patrolMember: ParticipantFacts = {
    participant: {
      id: 'pm1',
      circleId: 'xinhua',
      kind: 'qualified',
      displayName: 'Patrol member',
      roles: ['patrol_member'],
      teamIds: [],
      memberIds: [],
      status: 'active',
      privacy: { anonymous: false, contactable: true },
      qualifications: [
        { code: 'patrol', issuer: 'Bureau', issuedAt: '2025-01-01T00:00:00Z' },
        { code: 'traffic_assistance', issuer: 'Bureau', issuedAt: '2025-01-01T00:00:00Z' },
      ],
    },
    level: 3,
    tags: [],
  };
  const random = createSeededRandom(11);
  const positions = Array.from(
    { length: 64 },
    (): Position => [
      cityCenter[0] + (random.next() * 2 - 1) * halfSpanDegrees.lng * 0.8,
      cityCenter[1] + (random.next() * 2 - 1) * halfSpanDegrees.lat * 0.8,
    ],
  );
  const options = { now: '2026-11-29T09:00:00Z', circle, limit: 20 };
  const inner = policyInternals(policy);
  const entries = tasks.map((facts) => {
    const view = inner.taskView(facts);
    return { facts, view, dueMs: dueMs(facts, policy.categories.get(view.category)?.slaHours) };
  });
  const context = (at: Position): DecisionContext => ({ now: options.now, position: at, circle });
  const scan = (at: Position) =>
    rankPage(entries, {
      at,
      prepared: inner.prepare(patrolMember, context(at)),
      options: { ...options, action: 'claim', offset: 0 },
      policy,
      inner,
    });
  index.claimableNear(patrolMember, positions[0] as Position, options); // builds the tree
  const found: number[] = [];
  const samples: number[] = [];
  for (const at of positions) {
    const started = performance.now();
    const page = index.claimableNear(patrolMember, at, options);
    samples.push(performance.now() - started);
    found.push(page.total);
    if (page.total !== scan(at).total) throw new Error('index and scan disagree');
  }
  let q = 0;
  let s = 0;
  const result = await throughput({
    index: {
      fn: () => index.claimableNear(patrolMember, positions[q++ % 64] as Position, options),
    },
    scan: { fn: () => scan(positions[s++ % 64] as Position) },
  });
  return {
    value: result.index,
    baseline: result.scan,
    details: {
      tasks: tasks.length,
      areaKm: '34 x 33',
      tierRadiusMeters: policy.tierFor(3).radiusMeters,
      medianClaimableFound: median(found),
      medianQueryMs: Number(median(samples).toFixed(3)),
      scanMs: Number((1000 / result.scan).toFixed(2)),
    },
  };
}

const cases: BenchCase[] = [
  {
    name: 'rules.compiled_vs_json_rules_engine',
    unit: 'decisions/s',
    target: 200,
    run: compiledVsReference,
  },
  {
    name: 'rules.nearby_vs_scan',
    unit: 'queries/s',
    target: 20,
    run: nearbyVsScan,
  },
];

export default cases;
