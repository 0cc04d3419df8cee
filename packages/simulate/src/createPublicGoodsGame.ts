import type { Participant, Task } from '@quanzi/core';
import type { TaskSnapshot } from '@quanzi/lifecycle';
import { commandActor, type RunContext, type SimulationModel } from './RunContext';
import type { PublicGoods } from './ScenarioSchema';

/** Strategies of the optional public-goods game. */
const cooperator = 0;
const defector = 1;
const loner = 2;
const strategyNames = ['cooperators', 'defectors', 'loners'] as const;

const evidence = [{ type: 'image', url: 'https://example.org/evidence.jpg' }] as const;

function groupTask(context: RunContext, game: PublicGoods, id: string, at: string): Task {
  const { circle, scenario } = context;
  return {
    id,
    circleId: circle.id,
    publisherId: commandActor.id,
    source: { kind: 'officer' },
    category: scenario.arrivals[0]?.category ?? 'litter',
    title: 'Group task',
    goal: 'Done together',
    steps: [],
    compliance: [],
    requiredQualifications: [],
    location: { type: 'Point', coordinates: scenario.circle.center },
    rewardPoints: 0,
    slots: game.groupSize,
    reportIds: [],
    createdAt: at,
  };
}

/**
 * Members who take part: the non-loners whom the policy lets claim. The group
 * decides at once on the published task, then the holders claim in group order.
 */
function claimGroup(
  context: RunContext,
  members: readonly number[],
  strategy: Int8Array,
  task: Task,
  published: TaskSnapshot,
  at: string,
) {
  const { runner, policy, agents, circle } = context;
  const taskFacts = { task, state: published.state, claimantIds: [] };
  let snapshot = published;
  const holders: number[] = [];
  for (const member of members) {
    if (strategy[member] === loner) continue;
    const participant = agents.participants[member] as Participant;
    const facts = { participant, level: agents.level[member] ?? 0, tags: [] };
    if (!policy.decide('claim', facts, taskFacts, { now: at, circle }).allowed) continue;
    const actor = { id: participant.id, role: 'resident' } as const;
    const next = runner.send(snapshot, actor, { type: 'claim' }, at);
    if (!next) continue;
    snapshot = next;
    holders.push(member);
  }
  return { snapshot, holders };
}

/**
 * One group round through the real lifecycle: the center publishes a task with
 * `groupSize` slots; cooperators and defectors claim it, a cooperator (or, with
 * none, a defector) submits, the center accepts and rewards every holder the
 * equal share of the multiplied contributions. Returns each member's payoff.
 */
function playGroup(
  context: RunContext,
  game: PublicGoods,
  members: readonly number[],
  strategy: Int8Array,
  payoff: Float64Array,
  taskId: string,
  at: string,
) {
  const { runner, agents } = context;
  const task = groupTask(context, game, taskId, at);
  const draft = runner.create(task);
  const published = runner.sendExpected(draft, commandActor, { type: 'publish' }, at);
  const { snapshot, holders } = claimGroup(context, members, strategy, task, published, at);
  for (const member of members) payoff[member] = game.lonerPayoff;
  if (holders.length < 2) {
    runner.sendExpected(snapshot, commandActor, { type: 'close', reason: 'cancelled' }, at);
    return;
  }
  const cooperators = holders.filter((member) => strategy[member] === cooperator);
  const share = (game.multiplier * game.cost * cooperators.length) / holders.length;
  // Every holder hands in their slot, defectors with nothing; the center cannot tell
  // who did the work and accepts every slot.
  let current = snapshot;
  const idOf = (member: number) => (agents.participants[member] as Participant).id;
  for (const member of holders) {
    const holder = { id: idOf(member), role: 'resident' } as const;
    const handed = strategy[member] === cooperator ? [...evidence] : [];
    current = runner.sendExpected(current, holder, { type: 'start' }, at);
    current = runner.sendExpected(current, holder, { type: 'submit', evidence: handed }, at);
  }
  for (const member of holders)
    current = runner.sendExpected(
      current,
      commandActor,
      { type: 'accept', claimantId: idOf(member) },
      at,
    );
  const points = Math.round(share * 100);
  for (const member of holders) {
    const participantId = idOf(member);
    const reward = { type: 'reward', participantId, points } as const;
    current = runner.sendExpected(current, commandActor, reward, at);
    agents.points[member] = (agents.points[member] ?? 0) + points;
    payoff[member] = strategy[member] === cooperator ? share - game.cost : share;
  }
  runner.sendExpected(current, commandActor, { type: 'close', reason: 'resolved' }, at);
}

/** Pairwise-comparison (Fermi) imitation with exploration, on a copy so updates are synchronous. */
function revise(context: RunContext, game: PublicGoods, strategy: Int8Array, payoff: Float64Array) {
  const random = context.streams.agents;
  const next = strategy.slice();
  const n = strategy.length;
  for (let i = 0; i < n; i++) {
    if (random.next() >= game.revisionRate) continue;
    if (random.next() < game.mutation) {
      next[i] = random.int(0, 2);
      continue;
    }
    const model = random.int(0, n - 1);
    const gain = (payoff[model] ?? 0) - (payoff[i] ?? 0);
    if (random.next() < 1 / (1 + Math.exp(-game.selection * gain)))
      next[i] = strategy[model] ?? loner;
  }
  strategy.set(next);
}

function initialStrategies(context: RunContext, game: PublicGoods): Int8Array {
  const { cooperators, defectors, loners } = game.initial;
  const total = cooperators + defectors + loners || 1;
  const random = context.streams.agents;
  return Int8Array.from({ length: context.agents.count }, () => {
    const draw = random.next() * total;
    return draw < cooperators ? cooperator : draw < cooperators + defectors ? defector : loner;
  });
}

/**
 * Hauert et al.'s optional public-goods game (Science 2002) as a circle: every
 * round the agents are shuffled into groups, each group plays one task through
 * the lifecycle and the policy, then a share of agents revise their strategy by
 * imitating a random other with a better payoff. Samples the strategy shares,
 * participation (non-loners) and mean payoff.
 */
export function createPublicGoodsGame(context: RunContext, game: PublicGoods): SimulationModel {
  const { agents, streams } = context;
  const strategy = initialStrategies(context, game);
  const payoff = new Float64Array(agents.count);
  const order = Array.from({ length: agents.count }, (_, i) => i);
  let rounds = 0;
  return {
    advance(step) {
      const at = context.instantAt(step);
      for (let round = 0; round < game.roundsPerStep; round++, rounds++) {
        for (let i = order.length - 1; i > 0; i--) {
          const j = streams.agents.int(0, i);
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        for (let g = 0; g + game.groupSize <= order.length; g += game.groupSize) {
          const members = order.slice(g, g + game.groupSize);
          playGroup(
            context,
            game,
            members,
            strategy,
            payoff,
            `g${rounds}-${g / game.groupSize}`,
            at,
          );
        }
        revise(context, game, strategy, payoff);
      }
    },
    sample(step) {
      const counts = [0, 0, 0];
      for (const s of strategy) counts[s] = (counts[s] ?? 0) + 1;
      for (const [s, name] of strategyNames.entries())
        context.record(step, `share_${name}`, (counts[s] ?? 0) / agents.count);
      context.record(step, 'participation_rate', 1 - (counts[loner] ?? 0) / agents.count);
      const total = payoff.reduce((sum, value) => sum + value, 0);
      context.record(step, 'mean_payoff', total / agents.count);
    },
  };
}
