// @quanzi/rules: compiled closures vs json-rules-engine on the same decisions, and the
// nearby index vs a linear scan over 100,000 open tasks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CircleSchema,
  distanceMeters,
  type Participant,
  type Position,
  parseInput,
  type Role,
} from '@quanzi/core';
import { createSeededRandom } from '@quanzi/core/prng';
import {
  type Action,
  createTaskIndex,
  type DecisionContext,
  type NearbyTask,
  type ParticipantFacts,
  type TaskFacts,
} from '@quanzi/rules';
import { loadPolicy } from '@quanzi/rules/files';
import { decideWithReference } from '@quanzi/rules/reference';
import fc from 'fast-check';
// Internals, so the scan baseline gets exactly the precomputed views the index has.
import { policyInternals } from '../packages/rules/src/createPolicy';
import { compareNearby, dueMs, scoreNearby } from '../packages/rules/src/rankNearby';
import { decisionCases } from '../packages/rules/test/arbitraries';
import type { BenchCase } from './BenchCase';
import { throughput } from './throughput';

const policyFile = join(import.meta.dirname, '..', 'examples', 'policies', 'police-district.yaml');
const policy = loadPolicy(readFileSync(policyFile, 'utf8'), { source: policyFile });

function person(
  id: string,
  kind: Participant['kind'],
  roles: Role[],
  codes: string[],
): Participant {
  return {
    id,
    circleId: 'xinhua',
    kind,
    displayName: id,
    roles,
    teamIds: [],
    memberIds: [],
    status: 'active',
    privacy: { anonymous: false, contactable: true },
    qualifications: codes.map((code) => ({
      code,
      issuer: 'Bureau',
      issuedAt: '2025-01-01T00:00:00Z',
    })),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

type Case = {
  action: Action;
  participant: ParticipantFacts;
  task: TaskFacts;
  context: DecisionContext;
};

async function ratioOn(cases: readonly Case[]) {
  const size = cases.length;
  // Let the JIT settle on both paths first; tinybench's own warm-up is short.
  for (let k = 0; k < 50 * size; k++) {
    const c = cases[k % size] as Case;
    policy.decide(c.action, c.participant, c.task, c.context);
  }
  for (const c of cases.slice(0, 1000))
    await decideWithReference(policy, c.action, c.participant, c.task, c.context);
  let i = 0;
  let j = 0;
  const compiledBatch = 4096;
  const referenceBatch = 8;
  const result = await throughput(
    {
      compiled: {
        fn: () => {
          for (let k = 0; k < compiledBatch; k++) {
            const c = cases[i++ % size] as Case;
            policy.decide(c.action, c.participant, c.task, c.context);
          }
        },
        opsPerCall: compiledBatch,
      },
      reference: {
        fn: async () => {
          for (let k = 0; k < referenceBatch; k++) {
            const c = cases[j++ % size] as Case;
            await decideWithReference(policy, c.action, c.participant, c.task, c.context);
          }
        },
        opsPerCall: referenceBatch,
      },
    },
    { time: 3000 },
  );
  return result;
}

const districtRoles: Array<[Participant['kind'], Role[], string[], number]> = [
  ['resident', [], [], 0],
  ['resident', ['safety_volunteer'], [], 1],
  ['qualified', ['traffic_assistant'], ['traffic_assistance'], 2],
  ['qualified', ['patrol_member'], ['patrol'], 3],
  ['qualified', ['security_activist'], ['mediation', 'patrol'], 5],
  ['officer', ['community_officer'], [], 0],
];
const districtActions: Action[] = [
  'discover',
  'discover',
  'discover',
  'view',
  'view',
  'claim',
  'claim',
  'claim',
  'publish',
  'verify',
];
const districtStates = ['published', 'published', 'published', 'published', 'claimed', 'submitted'];

/** A day in the police district: its people, near tasks of its categories, mostly browsing and claiming. */
function districtCases(count: number): Case[] {
  const random = createSeededRandom(3);
  const pick = <T>(items: readonly T[]) => items[random.int(0, items.length - 1)] as T;
  const circle = parseInput(CircleSchema, {
    id: 'xinhua',
    name: { en: 'Xinhua', 'zh-CN': '新华' },
    model: 'basic',
  });
  const tasks = cityTasks(512, 0.02).map((task) => ({ ...task, state: pick(districtStates) }));
  return Array.from({ length: count }, (_, n) => {
    const [kind, roles, codes, level] = pick(districtRoles);
    const participant: ParticipantFacts = {
      participant: person(`p${n % 97}`, kind, roles, codes),
      level,
      tags: [],
      credibility: random.next(),
    };
    const task = pick(tasks);
    return {
      action: pick(districtActions),
      participant,
      task,
      context: { now: '2026-11-29T09:00:00Z', position: cityCenter, circle },
    };
  });
}

async function compiledVsReference() {
  const realistic = districtCases(4096);
  const [random = []] = fc.sample(decisionCases(4096), { numRuns: 1, seed: 42 });
  const main = await ratioOn(realistic);
  const stress = await ratioOn(random);
  return {
    value: main.compiled,
    baseline: main.reference,
    details: {
      cases: realistic.length,
      rules: policy.rules.length,
      compiledMicros: Number((1e6 / main.compiled).toFixed(3)),
      referenceMicros: Number((1e6 / main.reference).toFixed(2)),
      randomCasesRatio: Number((stress.compiled / stress.reference).toFixed(1)),
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

function cityTasks(count: number, span = 1): TaskFacts[] {
  const random = createSeededRandom(7);
  return Array.from({ length: count }, (_, n) => {
    const at: Position = [
      cityCenter[0] + (random.next() * 2 - 1) * halfSpanDegrees.lng * span,
      cityCenter[1] + (random.next() * 2 - 1) * halfSpanDegrees.lat * span,
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
    participant: person('pm1', 'qualified', ['patrol_member'], ['patrol', 'traffic_assistance']),
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
    return {
      facts,
      view,
      dueMs: dueMs(facts, policy.categories.get(view.category)?.slaHours),
    };
  });
  const context = (at: Position): DecisionContext => ({ now: options.now, position: at, circle });
  // The baseline: what an integrator without the index would do, with the same compiled
  // checks, the same precomputed task views and the same ranking.
  const scan = (who: ParticipantFacts, at: Position) => {
    const prepared = inner.prepare(who, context(at));
    const allows = inner.checker('claim', prepared);
    const nowMs = Date.parse(options.now);
    const weights = policy.document.ranking;
    const ranked: NearbyTask[] = [];
    for (const entry of entries) {
      const distance = distanceMeters(at, entry.view.anchor);
      if (!allows?.(entry.view, distance)) continue;
      const radius = entry.view.visibleRadiusMeters ?? prepared.participant.tier.radiusMeters;
      const credibility = entry.view.publisherCredibility ?? Number.NaN;
      const score = scoreNearby(distance, radius, entry.dueMs, credibility, nowMs, weights);
      ranked.push({ task: entry.facts, distanceMeters: distance, score });
    }
    ranked.sort((a, b) =>
      compareNearby(
        a.score,
        a.distanceMeters,
        a.task.task.id,
        b.score,
        b.distanceMeters,
        b.task.task.id,
      ),
    );
    return { items: ranked.slice(0, options.limit), found: ranked.length };
  };
  index.claimableNear(patrolMember, positions[0] as Position, options); // builds the tree
  const compare = async (who: ParticipantFacts) => {
    const found: number[] = [];
    const samples: number[] = [];
    for (const at of positions) {
      const started = performance.now();
      const page = index.claimableNear(who, at, options);
      samples.push(performance.now() - started);
      const baseline = scan(who, at);
      found.push(baseline.found);
      const ids = (items: NearbyTask[]) => items.map((item) => item.task.task.id).join();
      if (ids(page.items) !== ids(baseline.items)) throw new Error('index and scan disagree');
    }
    let q = 0;
    let s = 0;
    const result = await throughput({
      index: { fn: () => index.claimableNear(who, positions[q++ % 64] as Position, options) },
      scan: { fn: () => scan(who, positions[s++ % 64] as Position) },
    });
    return { result, found: median(found), queryMs: Number(median(samples).toFixed(3)) };
  };
  const patrol = await compare(patrolMember);
  const volunteer = await compare({
    participant: person('v1', 'resident', ['safety_volunteer'], []),
    level: 1,
    tags: [],
  });
  return {
    value: patrol.result.index,
    baseline: patrol.result.scan,
    details: {
      tasks: tasks.length,
      areaKm: '34 x 33',
      tierRadiusMeters: policy.tierFor(3).radiusMeters,
      medianClaimableFound: patrol.found,
      medianQueryMs: patrol.queryMs,
      scanMs: Number((1000 / patrol.result.scan).toFixed(2)),
      volunteerRadiusMeters: policy.tierFor(1).radiusMeters,
      volunteerRatio: Number((volunteer.result.index / volunteer.result.scan).toFixed(1)),
      volunteerMedianQueryMs: volunteer.queryMs,
      volunteerMedianClaimableFound: volunteer.found,
    },
  };
}

const cases: BenchCase[] = [
  {
    name: 'rules.compiled_vs_json_rules_engine',
    unit: 'decisions/s',
    target: 200,
    // A decision takes well under a microsecond, and how well V8 inlines the fact
    // builders varies from process to process by about ±15%.
    processes: 5,
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
