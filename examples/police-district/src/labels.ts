import type { ClosureReason, Locale, TaskSource, TaskState } from '@quanzi/core';
import type { Policy } from '@quanzi/rules';

type Pair = readonly [en: string, zh: string];

// The lifecycle has codes only; a chief reads these names.
// biome-ignore format: one outcome per line reads as a glossary
const outcomes: Record<TaskState | ClosureReason, Pair> = {
  draft: ['draft', '草稿'],
  pending_review: ['awaiting review', '待审核'],
  published: ['unclaimed', '待认领'],
  claimed: ['claimed', '已认领'],
  in_progress: ['in progress', '处理中'],
  submitted: ['submitted', '已提交'],
  rework: ['rework', '返工'],
  escalated: ['escalated', '已上报'],
  accepted: ['accepted', '已验收'],
  closed: ['closed', '已关闭'],
  resolved: ['resolved', '已解决'],
  closed_not_fixed: ['closed, not fixed', '关闭未解决'],
  duplicate: ['duplicate', '重复'],
  not_responsible: ['not ours', '非本单位职责'],
  cancelled: ['cancelled', '已取消'],
  expired: ['expired', '已过期'],
};

const sources: Record<TaskSource['kind'], Pair> = {
  upstream: ['upstream dispatch', '上级派发'],
  report: ['reports', '信息报告'],
  officer: ['officers’ findings', '民警发现'],
  sensor: ['sensor alerts', '技防告警'],
  resident: ['residents', '群众发包'],
};

// The roles of the district's staff, as the article names them.
// biome-ignore format: one role per line reads as a glossary
const roles: Record<string, Pair> = {
  patrol_member: ['patrol member', '社保队员'],
  safety_volunteer: ['safety volunteer', '平安志愿者'],
  security_activist: ['security activist', '治安积极分子'],
  traffic_assistant: ['traffic assistant', '交通协管员'],
  social_worker: ['social worker', '村居社工'],
  estate_guard: ['estate guard', '小区保安'],
  grid_worker: ['grid worker', '网格员'],
};

// The qualifications the district's people hold or its categories require.
// biome-ignore format: one qualification per line reads as a glossary
const qualifications: Record<string, Pair> = {
  patrol: ['patrol', '巡逻'],
  traffic_assistance: ['traffic assistance', '交通协管'],
  social_work: ['social work', '社会工作'],
  mediation: ['mediation', '调解'],
  data_collection: ['data collection', '信息采集'],
};

/** Names of the policy's codes in one language. */
export interface Labels {
  readonly lang: Locale;
  category(code: string): string;
  tier(id: string): string;
  /** A task's state or, once closed, its closure reason. */
  outcome(code: string): string;
  role(code: string): string;
  source(kind: string): string;
  /**
   * `text` with the category and qualification codes it quotes replaced by their
   * names: the rules' denial messages quote codes.
   */
  named(text: string): string;
}

/**
 * The names a report prints instead of codes: categories and tiers from the policy,
 * outcomes, sources and roles from the tables above. An unknown code prints as itself.
 */
export function createLabels(policy: Policy, lang: Locale): Labels {
  const pick = (table: Record<string, Pair>, code: string) => {
    const pair = table[code];
    return pair ? pair[lang === 'en' ? 0 : 1] : code;
  };
  const category = (code: string) => policy.categories.get(code)?.name[lang] ?? code;
  return {
    lang,
    category,
    tier: (id) => policy.tiers.find((tier) => tier.id === id)?.name[lang] ?? id,
    outcome: (code) => pick(outcomes, code),
    role: (code) => pick(roles, code),
    source: (kind) => pick(sources, kind),
    named: (text) =>
      text.replace(/\b[a-z][a-z_]*\b/g, (word) =>
        policy.categories.has(word) ? category(word) : pick(qualifications, word),
      ),
  };
}
