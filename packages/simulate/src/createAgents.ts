import type { Participant, Position, Random } from '@quanzi/core';
import { drawPointInCircle } from './drawPointInCircle';
import type { Behaviour, Population, Scenario } from './ScenarioSchema';

/**
 * Every simulated participant, column-wise: index `i` is one agent across all
 * arrays, which keeps a run of 100,000 agents compact and its loops linear.
 */
export interface Agents {
  readonly count: number;
  readonly participants: readonly Participant[];
  /** Index into `scenario.populations`. */
  readonly population: Int32Array;
  readonly homes: readonly Position[];
  /** Chance that submitted work is accepted. */
  readonly skill: Float64Array;
  /** 1 when the agent's reports are false or malicious. */
  readonly malicious: Uint8Array;
  /** The colluding partner's index, or -1. */
  readonly partner: Int32Array;
  /** 1 once the agent has left the platform. */
  readonly churned: Uint8Array;
  /** Points earned recently, decaying with the scheme's memory. */
  readonly recentPoints: Float64Array;
  /** Accepted tasks and points so far, for fairness metrics. */
  readonly accepted: Float64Array;
  readonly points: Float64Array;
  /** The level as reputation last reported it. */
  readonly level: Int32Array;
}

const clip = (value: number) => Math.min(1, Math.max(0, value));

function drawNormal(random: Random): number {
  // Box–Muller; 1 - next() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** Creates the agents of every population, deterministically from `random`. */
export function createAgents(scenario: Scenario, random: Random): Agents {
  const count = scenario.populations.reduce((sum, population) => sum + population.count, 0);
  const agents: Agents = {
    count,
    participants: [],
    population: new Int32Array(count),
    homes: [],
    skill: new Float64Array(count),
    malicious: new Uint8Array(count),
    partner: new Int32Array(count).fill(-1),
    churned: new Uint8Array(count),
    recentPoints: new Float64Array(count),
    accepted: new Float64Array(count),
    points: new Float64Array(count),
    level: new Int32Array(count),
  };
  const participants = agents.participants as Participant[];
  const homes = agents.homes as Position[];
  const { center, radiusMeters, id: circleId } = scenario.circle;
  let index = 0;
  scenario.populations.forEach((population, p) => {
    const { behaviour } = population;
    let pendingPartner = -1;
    for (let k = 0; k < population.count; k++, index++) {
      const home = drawPointInCircle(random, center, radiusMeters);
      homes.push(home);
      participants.push({
        id: `${population.id}-${k}`,
        circleId,
        kind: population.kind,
        displayName: `${population.id} ${k}`,
        roles: population.roles,
        qualifications: population.qualifications.map((code) => ({
          code,
          issuer: 'simulation',
          issuedAt: scenario.start,
        })),
        teamIds: [],
        memberIds: [],
        home: { type: 'Point', coordinates: home },
        privacy: { anonymous: false, contactable: true },
        status: 'active',
      });
      agents.population[index] = p;
      agents.skill[index] = clip(behaviour.skill + behaviour.skillSpread * drawNormal(random));
      agents.malicious[index] = random.next() < behaviour.maliciousShare ? 1 : 0;
      if (random.next() < behaviour.colludingPairShare) {
        if (pendingPartner < 0) pendingPartner = index;
        else {
          agents.partner[index] = pendingPartner;
          agents.partner[pendingPartner] = index;
          pendingPartner = -1;
        }
      }
    }
  });
  return agents;
}

/** The participant of agent `i`. */
export function participantAt(agents: Agents, i: number): Participant {
  return agents.participants[i] as Participant;
}

/** The behaviour of agent `i`'s population. */
export function behaviourAt(scenario: Scenario, agents: Agents, i: number): Behaviour {
  return (scenario.populations[agents.population[i] ?? 0] as Population).behaviour;
}
