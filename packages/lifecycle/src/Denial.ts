import type { LocalizedText } from '@quanzi/core';

// One row per reason keeps both languages side by side for review.
// biome-ignore format: aligned table
const messages = {
  not_in_this_state: ['This step is not possible in the current state', '当前状态下无法执行此操作'],
  role_not_allowed: ['Your role may not do this', '您的角色无权执行此操作'],
  model_forbids_publishing: ['In the basic model only the command center and officers publish', '基础模式下只有指挥中心和民警可以发布任务'],
  not_publisher: ['Only the publisher or the command center may do this', '只有发布者或指挥中心可以执行此操作'],
  not_claimant: ['Only a holder of this task may do this', '只有接包人可以执行此操作'],
  self_claim: ['Publishers may not claim their own task in this circle', '本圈子不允许发布者认领自己的任务'],
  already_claimed: ['You already hold this task', '您已认领该任务'],
  no_free_slot: ['Every slot of this task is taken', '该任务名额已满'],
  needs_qualified: ['Until the command center reviews it, only qualified participants may claim', '指挥中心审核前仅限具有资质的人员认领'],
  extension_cap: ['The lease may not be extended again', '租约已达延期上限'],
  already_started: ['You already started this task', '您已开始该任务'],
  not_reviewed: ['The command center has not approved this task yet', '指挥中心尚未审核通过该任务'],
  already_reviewed: ['The command center already approved this task', '指挥中心已审核通过该任务'],
  own_work: ['Nobody judges their own work', '不能评判自己的工作'],
  not_a_solver: ['That participant did not solve this task', '该参与者未完成此任务'],
  already_rated: ['This participant was already rated for this task', '该参与者已就此任务被评分'],
  already_rewarded: ['This participant was already rewarded for this task', '该参与者已就此任务获得奖励'],
  already_classic: ['This work is already a classic case', '该工作已被评为经典案例'],
  has_claims: ['The task is held by participants; only the command center may close it now', '任务已被认领，仅指挥中心可关闭'],
  resolved_needs_acceptance: ['A task closes as resolved only after acceptance', '任务须验收后才能以“已解决”关闭'],
  acceptance_closes_resolved: ['Accepted work closes as resolved', '已验收的任务只能以“已解决”关闭'],
  duplicate_needs_reference: ['Name what this duplicates', '请注明重复的对象'],
  duplicate_of_itself: ['Nothing duplicates itself', '不能与自身重复'],
  already_submitted: ['You already handed in your work on this task', '您已提交该任务的成果'],
  not_handed_in: ['That participant has not handed in work to judge', '该参与者尚未提交待验收的成果'],
  nothing_due: ['Nothing is due yet', '暂无到期事项'],
  own_report: ['Nobody judges their own report', '不能处理自己提交的信息'],
} as const satisfies Record<string, readonly [string, string]>;

/** Why a lifecycle step was refused; a closed set so hosts can branch on it. */
export type DenialCode = keyof typeof messages;

/** A refused step: a machine-readable code and a message to show in both languages. */
export interface Denial {
  readonly code: DenialCode;
  readonly message: LocalizedText;
}

const denials = Object.fromEntries(
  Object.entries(messages).map(([code, [en, zh]]) => [
    code,
    { code, message: { en, 'zh-CN': zh } },
  ]),
) as { [TCode in DenialCode]: Denial };

/** The shared, frozen denial for `code`. */
export function deny(code: DenialCode): Denial {
  return denials[code];
}

/** Every denial code. */
export const denialCodes = Object.keys(messages) as DenialCode[];
