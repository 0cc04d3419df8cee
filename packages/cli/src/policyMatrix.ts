import {
  type Circle,
  CircleSchema,
  type LocalizedText,
  type Participant,
  ParticipantSchema,
  parseInput,
  type Task,
  TaskSchema,
} from '@quanzi/core';
import { type Action, actions, type Decision, type Policy } from '@quanzi/rules';

/** A kind of participant a municipality reasons about: a kind, a level, and whether qualified. */
export interface Archetype {
  readonly id: string;
  readonly label: LocalizedText;
  readonly kind: Participant['kind'];
  readonly level: number;
  /** Holds every qualification the category asks for. */
  readonly qualified: boolean;
}

/** One cell: may this archetype do this action on a task of this category, and why not. */
export interface MatrixCell {
  readonly archetype: string;
  readonly category: string;
  readonly action: Action;
  readonly allowed: boolean;
  readonly reasons: ReadonlyArray<{ code: string; message: LocalizedText }>;
}

/** The policy as a municipality reads it: every archetype × category × action. */
export interface PolicyMatrix {
  readonly policyId: string;
  readonly archetypes: readonly Archetype[];
  readonly categories: ReadonlyArray<{ code: string; name: LocalizedText }>;
  readonly cells: readonly MatrixCell[];
}

const origin: [number, number] = [116.397, 39.909];
const now = '2026-01-01T00:00:00Z';

function archetypesOf(policy: Policy): Archetype[] {
  const tiered = policy.tiers.flatMap((tier) =>
    (['resident', 'qualified'] as const).map((kind) => ({
      id: `${kind}@${tier.id}`,
      label: {
        en: `${kind === 'resident' ? 'Resident' : 'Qualified'} · ${tier.name.en} (L${tier.minLevel})`,
        'zh-CN': `${kind === 'resident' ? '群众' : '具资质者'} · ${tier.name['zh-CN']}（${tier.minLevel} 级）`,
      },
      kind,
      level: tier.minLevel,
      qualified: kind === 'qualified',
    })),
  );
  const top = policy.tiers[policy.tiers.length - 1]?.minLevel ?? 0;
  return [
    ...tiered,
    {
      id: 'officer',
      label: { en: 'Officer', 'zh-CN': '民警' },
      kind: 'officer',
      level: top,
      qualified: true,
    },
    {
      id: 'command',
      label: { en: 'Command center', 'zh-CN': '指挥中心' },
      kind: 'command',
      level: top,
      qualified: true,
    },
  ];
}

/** The circle a policy describes, optionally under another circle id. */
export function circleOf(policy: Policy, id = policy.document.id): Circle {
  const { name, model } = policy.document;
  return parseInput(CircleSchema, { id, name, model: model ?? 'extended' });
}

/** Who a matrix or diff cell asks about; tags and credibility matter to custom rules only. */
export interface Probe {
  readonly kind: Participant['kind'];
  readonly level: number;
  readonly qualified: boolean;
  readonly tags?: readonly string[];
  readonly credibility?: number;
}

function participantOf(
  probe: Probe,
  circle: Circle,
  qualifications: readonly string[],
): Participant {
  return parseInput(ParticipantSchema, {
    id: 'someone',
    circleId: circle.id,
    kind: probe.kind,
    displayName: probe.kind,
    qualifications: probe.qualified
      ? qualifications.map((code) => ({ code, issuer: 'matrix', issuedAt: '2025-01-01T00:00:00Z' }))
      : [],
  });
}

// Each action is judged on the task in the state where that action happens.
const stateFor: Record<Action, string> = {
  discover: 'published',
  view: 'published',
  claim: 'published',
  publish: 'draft',
  verify: 'submitted',
};

function taskOf(category: string, circle: Circle, action: Action): Task {
  return parseInput(TaskSchema, {
    id: `matrix-${category}`,
    circleId: circle.id,
    publisherId: action === 'publish' ? 'someone' : 'another',
    source: { kind: action === 'publish' ? 'resident' : 'officer' },
    category,
    title: category,
    goal: category,
    location: { type: 'Point', coordinates: origin },
    createdAt: now,
  });
}

/** What a policy answers for a probe doing an action on a task of a category. */
export type CellJudge = (
  probe: Probe,
  category: string,
  qualifications: readonly string[],
  action: Action,
) => Decision;

/**
 * A judge of `policy` for matrix and diff cells, standing at the task; a qualified
 * probe holds every code in `qualifications`. Participants and tasks are validated
 * once and reused, since a diff asks thousands of cells.
 */
export function cellJudge(policy: Policy): CellJudge {
  const circle = circleOf(policy);
  const participants = new Map<string, Participant>();
  const tasks = new Map<string, Task>();
  return (probe, category, qualifications, action) => {
    const who = `${probe.kind}|${probe.qualified}|${qualifications.join(',')}`;
    const participant = participants.get(who) ?? participantOf(probe, circle, qualifications);
    participants.set(who, participant);
    const what = `${category}|${action}`;
    const task = tasks.get(what) ?? taskOf(category, circle, action);
    tasks.set(what, task);
    const credibility = probe.credibility === undefined ? {} : { credibility: probe.credibility };
    return policy.decide(
      action,
      { participant, level: probe.level, tags: probe.tags ?? [], ...credibility },
      {
        task,
        state: stateFor[action],
        claimantIds: action === 'verify' ? ['another-solver'] : [],
      },
      { now, position: origin, circle },
    );
  };
}

/**
 * Evaluates `policy` for every archetype (each tier as a resident and as a
 * qualified participant, an officer, the command center) × category × action,
 * standing at the task, so a municipality can read what its file allows.
 */
export function policyMatrix(policy: Policy): PolicyMatrix {
  const judge = cellJudge(policy);
  const archetypes = archetypesOf(policy);
  const categories = [...policy.categories.values()];
  const cells: MatrixCell[] = [];
  for (const archetype of archetypes) {
    for (const category of categories) {
      for (const action of actions) {
        const decision = judge(archetype, category.code, category.requiredQualifications, action);
        cells.push({
          archetype: archetype.id,
          category: category.code,
          action,
          allowed: decision.allowed,
          reasons: decision.reasons.map(({ code, message }) => ({ code, message })),
        });
      }
    }
  }
  return {
    policyId: policy.document.id,
    archetypes,
    categories: categories.map(({ code, name }) => ({ code, name })),
    cells,
  };
}
