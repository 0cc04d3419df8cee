import { type LocalizedText, plural, type Sensitivity } from '@quanzi/core';
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

const text = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

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

/**
 * The message and unlock hints of every built-in rule. `tierForDifficulty` finds the
 * lowest tier allowed to claim a difficulty, so "reach level N" names a real tier.
 */
export function builtInExplanations(
  tierForDifficulty: (difficulty: number) => Tier | undefined,
): Record<BuiltInCode, Explain> {
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
      reason: text(`The task is ${task.state}, not open`, `任务当前状态为 ${task.state}，未开放`),
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
            `难度 ${task.difficulty} 超出 ${participant.tier.name['zh-CN']} 可接的难度（${participant.tier.maxDifficulty}）`,
          ),
          unlock: tier ? [reachLevel(tier.minLevel, tier)] : [],
        };
      },
    ),
    category_needs_tier: remembered(
      { by: ({ task }) => task.category, and: ({ task }) => task.minLevel },
      ({ task }) => ({
        reason: text(
          `Category ${task.category} needs level ${task.minLevel}`,
          `类别 ${task.category} 需要达到 ${task.minLevel} 级`,
        ),
        unlock: [reachLevel(task.minLevel)],
      }),
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
        `The task is ${task.state}; only submitted work can be verified`,
        `任务当前状态为 ${task.state}，只有已提交的成果才能验收`,
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
