import { type LocalizedText, plural, type Sensitivity, type TaskState } from '@quanzi/core';
import type { BuiltInCode } from './builtInRules';
import type { DecisionFacts } from './facts';
import type { Tier } from './PolicySchema';

/** Why an action was denied: a stable code and a message for people. */
export interface Reason {
  code: string;
  message: LocalizedText;
}

/** What would change the answer: "reach level 3", "get the road_repair qualification". */
export interface Unlock {
  /**
   * `reach_level`, `get_qualification`, `come_closer`, `share_location`, `join_circle`,
   * `report_instead`, or the reason code of the custom rule that gave the hint.
   */
  code: string;
  message: LocalizedText;
  /** Machine-readable details: `level`, `qualification`, `meters`. */
  params?: Readonly<Record<string, string | number>>;
}

type Explained = { reason: LocalizedText; unlock?: Unlock[] };
type Explain = (facts: DecisionFacts) => Explained;

function freezeExplained(explained: Explained): Explained {
  Object.freeze(explained.reason);
  for (const hint of explained.unlock ?? []) {
    Object.freeze(hint.message);
    if (hint.params) Object.freeze(hint.params);
    Object.freeze(hint);
  }
  if (explained.unlock) Object.freeze(explained.unlock);
  return Object.freeze(explained);
}

type Key = (facts: DecisionFacts) => unknown;
const noKey: Key = () => undefined;

/**
 * Builds each distinct explanation once. Most depend on one or two values the policy
 * bounds (a state, a sensitivity, a tier and a difficulty), and formatting two
 * languages per denial cost more than deciding; the results are frozen, so decisions
 * can share them. Keys are the values themselves, in nested maps, so a lookup builds
 * no string.
 */
function remembered(keys: { by?: Key; and?: Key }, explain: Explain): Explain {
  const { by = noKey, and = noKey } = keys;
  const seen = new Map<unknown, Map<unknown, Explained>>();
  return (facts) => {
    const first = by(facts);
    let inner = seen.get(first);
    if (inner === undefined) {
      // Keys come from task data too (an unknown category), so the memory is bounded.
      if (seen.size >= 256) seen.clear();
      inner = new Map();
      seen.set(first, inner);
    }
    const second = and(facts);
    let found = inner.get(second);
    if (found === undefined) {
      if (inner.size >= 256) inner.clear();
      found = freezeExplained(explain(facts));
      inner.set(second, found);
    }
    return found;
  };
}

const scopeNames: Record<Sensitivity, LocalizedText> = {
  public: { en: 'everybody', 'zh-CN': '所有人' },
  circle: { en: 'members of this circle', 'zh-CN': '本圈子成员' },
  qualified: { en: 'qualified participants', 'zh-CN': '具有资质的参与者' },
  officers: { en: 'officers', 'zh-CN': '民警' },
  command: { en: 'the command center', 'zh-CN': '指挥中心' },
};

// A resident reads "the task is already claimed", not the lifecycle's code `claimed`.
// biome-ignore format: one state per line reads as a glossary
const stateNames: Record<TaskState, LocalizedText> = {
  draft: { en: 'still a draft', 'zh-CN': '仍是草稿' },
  pending_review: { en: 'awaiting review', 'zh-CN': '待审核' },
  published: { en: 'open', 'zh-CN': '待认领' },
  claimed: { en: 'already claimed', 'zh-CN': '已被认领' },
  in_progress: { en: 'being worked on', 'zh-CN': '处理中' },
  submitted: { en: 'handed in for checking', 'zh-CN': '已提交待验收' },
  rework: { en: 'sent back for rework', 'zh-CN': '已退回返工' },
  escalated: { en: 'escalated to the command center', 'zh-CN': '已上报指挥中心' },
  accepted: { en: 'accepted', 'zh-CN': '已验收' },
  closed: { en: 'closed', 'zh-CN': '已关闭' },
};

const text = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

// Facts may come from a host's own data, so an unknown state is shown as given.
const stateName = (state: string): LocalizedText =>
  Object.hasOwn(stateNames, state) ? stateNames[state as TaskState] : text(state, state);

/** The unlock that raises a participant to `level`. */
export function reachLevel(level: number, tier?: Tier): Unlock {
  const named = tier
    ? { en: ` (${tier.name.en})`, zh: `（${tier.name['zh-CN']}）` }
    : { en: '', zh: '' };
  return {
    code: 'reach_level',
    message: text(`Reach level ${level}${named.en}`, `达到 ${level} 级${named.zh}`),
    params: { level },
  };
}

function missingQualifications({ participant, task }: DecisionFacts): string[] {
  return task.requiredQualifications.filter((code) => !participant.qualifications.includes(code));
}

/** What the built-in explanations look up in the policy, so messages name things. */
export interface ExplanationLookups {
  /** The lowest tier allowed to claim a difficulty, so "reach level N" names a real tier. */
  tierForDifficulty: (difficulty: number) => Tier | undefined;
  /** The tier that starts at a level, if one does. */
  tierAtLevel: (level: number) => Tier | undefined;
  /** A category's name in the policy, so a denial names "Broken streetlight", not its code. */
  categoryName: (code: string) => LocalizedText | undefined;
}

/**
 * The message and unlock hints of every built-in rule, naming tiers, categories and
 * task states as people call them.
 */
export function builtInExplanations(lookups: ExplanationLookups): Record<BuiltInCode, Explain> {
  const { tierForDifficulty, tierAtLevel, categoryName } = lookups;
  return {
    participant_suspended: remembered({}, () => ({
      reason: text('Your account is suspended', '您的账号已被暂停'),
    })),
    unknown_category: remembered({ by: ({ task }) => task.category }, ({ task }) => ({
      reason: text(
        `Category "${task.category}" is not in this circle's policy`,
        `本圈子的策略中没有类别“${task.category}”`,
      ),
    })),
    outside_scope: remembered({ by: ({ task }) => task.sensitivity }, ({ task }) => {
      const who = scopeNames[task.sensitivity];
      return {
        reason: text(`Only ${who.en} may see this task`, `此任务仅限${who['zh-CN']}查看`),
      };
    }),
    not_a_member: remembered({ by: ({ circle }) => circle.id }, ({ circle }) => ({
      reason: text(`You are not a member of circle ${circle.id}`, `您不是圈子 ${circle.id} 的成员`),
      unlock: [
        {
          code: 'join_circle',
          message: text(`Join circle ${circle.id}`, `加入圈子 ${circle.id}`),
          params: { circle: circle.id },
        },
      ],
    })),
    task_not_open: remembered({ by: ({ task }) => task.state }, ({ task }) => ({
      reason: text(
        `The task is ${stateName(task.state).en}, not open for claims`,
        `任务${stateName(task.state)['zh-CN']}，不能认领`,
      ),
    })),
    out_of_range: ({ context }) => {
      const meters = Math.round(context.radiusMeters);
      if (context.distanceMeters === null)
        return {
          reason: text('Your position is unknown', '无法确定您的位置'),
          unlock: [
            { code: 'share_location', message: text('Share your location', '共享您的位置') },
          ],
        };
      const away = Math.round(context.distanceMeters);
      return {
        reason: text(
          `The task is ${away} m away; you see tasks within ${meters} m`,
          `任务距您 ${away} 米，超出您的可见范围 ${meters} 米`,
        ),
        unlock: [
          {
            code: 'come_closer',
            message: text(`Come within ${meters} m`, `进入任务 ${meters} 米范围内`),
            params: { meters },
          },
        ],
      };
    },
    level_too_low: remembered(
      { by: ({ participant }) => participant.tier, and: ({ task }) => task.difficulty },
      ({ participant, task }) => {
        const tier = tierForDifficulty(task.difficulty);
        return {
          reason: text(
            `Difficulty ${task.difficulty} is above what ${participant.tier.name.en} may claim (${participant.tier.maxDifficulty})`,
            `难度 ${task.difficulty} 超出${participant.tier.name['zh-CN']}可接的难度（${participant.tier.maxDifficulty}）`,
          ),
          unlock: tier ? [reachLevel(tier.minLevel, tier)] : [],
        };
      },
    ),
    category_needs_tier: remembered(
      { by: ({ task }) => task.category, and: ({ task }) => task.minLevel },
      ({ task }) => {
        const name = categoryName(task.category) ?? { en: task.category, 'zh-CN': task.category };
        return {
          reason: text(
            `${name.en} needs level ${task.minLevel}`,
            `“${name['zh-CN']}”需要达到 ${task.minLevel} 级`,
          ),
          unlock: [reachLevel(task.minLevel, tierAtLevel(task.minLevel))],
        };
      },
    ),
    missing_qualification: (facts) => {
      const missing = missingQualifications(facts);
      return {
        reason: text(
          `Missing qualification: ${missing.join(', ')}`,
          `缺少资质：${missing.join('、')}`,
        ),
        unlock: missing.map((code) => ({
          code: 'get_qualification',
          message: text(`Get the ${code} qualification`, `取得 ${code} 资质`),
          params: { qualification: code },
        })),
      };
    },
    already_claimed: remembered({}, () => ({
      reason: text('You already hold this task', '您已接下此任务'),
    })),
    no_slot_left: remembered({ by: ({ task }) => task.slots }, ({ task }) => ({
      reason: plural(
        task.slots,
        { one: 'The only place is taken', other: 'All # places are taken' },
        { other: '全部 # 个名额已满' },
      ),
    })),
    own_task: remembered({}, () => ({
      reason: text('You cannot claim a task you published', '不能接自己发布的任务'),
    })),
    publish_not_allowed: remembered({ by: ({ circle }) => circle.model }, ({ circle }) => ({
      reason: text(
        `In this circle's ${circle.model} model you may not publish tasks`,
        `本圈子采用${circle.model === 'basic' ? '基本' : '扩展'}模式，您无权发布任务`,
      ),
      unlock: [
        {
          code: 'report_instead',
          message: text(
            'Send a report; the command center turns it into a task',
            '请提交信息，由指挥中心发布任务',
          ),
        },
      ],
    })),
    verify_not_allowed: remembered({}, () => ({
      reason: text('You may not verify work in this circle', '您无权在本圈子验收'),
    })),
    task_not_submitted: remembered({ by: ({ task }) => task.state }, ({ task }) => ({
      reason: text(
        `The task is ${stateName(task.state).en}; only work handed in can be checked`,
        `任务${stateName(task.state)['zh-CN']}，只有已提交的成果才能验收`,
      ),
    })),
    verify_own_work: remembered({}, () => ({
      reason: text('You cannot verify work you did', '不能验收自己完成的工作'),
    })),
    verify_own_task: remembered({}, () => ({
      reason: text('You cannot verify a task you published', '不能验收自己发布的任务'),
    })),
  };
}
