import { plural } from '@quanzi/core';
import { formatMoney } from './formatMoney';
import type { Labels } from './labels';
import type { DistrictSummary } from './summarizeDistrict';

/** The explanations as sentences in the report's language, by the section they sit in. */
export interface ExplanationLines {
  readonly response: readonly string[];
  readonly tasks: readonly string[];
  readonly staff: readonly string[];
}

const listOf = (items: readonly string[], en: boolean) => items.join(en ? ', ' : '、');

/** A count with its English noun in the right number: "1 task", "2 tasks". */
const count = (n: number, one: string, other: string) =>
  plural(n, { one: `# ${one}`, other: `# ${other}` }, { other: '#' }).en;

/** Sentences that explain the alarming figures, next to the tables that show them. */
export function explanationLines(summary: DistrictSummary, labels: Labels): ExplanationLines {
  const en = labels.lang === 'en';
  const { explanations: x, health } = summary;
  const overall = health.responsiveness.overall;
  const response: string[] = [];
  if (overall.slaBreaches > 0) {
    const { unclaimed, late } = overall.slaBreachCauses;
    const worst = listOf(
      x.slaByCategory.map((c) =>
        en
          ? `${labels.category(c.category)} ${c.breaches} of ${c.tracked} (${c.unclaimed} unclaimed, ${c.late} late)`
          : `${labels.category(c.category)} ${c.tracked} 件中 ${c.breaches} 件（${c.unclaimed} 件无人认领，${c.late} 件办理超时）`,
      ),
      en,
    );
    response.push(
      en
        ? `Why ${count(overall.slaBreaches, 'task', 'tasks')} missed the SLA: ${unclaimed} were not claimed by their due time, ${late} were claimed in time but finished late. Most breaches: ${worst}.`
        : `${overall.slaBreaches} 件任务超时的原因：${unclaimed} 件到期前无人认领，${late} 件按时认领但办结超时。超时最多的类别：${worst}。`,
    );
  }
  const tasks = x.unclaimedCategories.map((c) => {
    const reasons = listOf(
      c.reasons
        .slice(0, 3)
        .map((r) =>
          en
            ? `${labels.named(r.message.en)} (${count(r.count, 'person', 'people')})`
            : `${labels.named(r.message['zh-CN'])}（${r.count} 人）`,
        ),
      en,
    );
    const allowed = c.allowed.length ? `: ${listOf(c.allowed, en)}` : '';
    return en
      ? `${labels.category(c.category)}: ${c.unclaimed} of ${count(c.tasks, 'task', 'tasks')} still unclaimed. Of ${count(c.asked, 'qualified participant or officer', 'qualified participants and officers')}, ${c.allowed.length} may claim one now${allowed}; the policy refuses the others because: ${reasons}.`
      : `${labels.category(c.category)}：${c.tasks} 件中 ${c.unclaimed} 件无人认领。${c.asked} 名具有资质的人员和民警中，目前 ${c.allowed.length} 人可以认领${allowed ? `（${listOf(c.allowed, en)}）` : ''}；其余人员被规则拒绝，原因：${reasons}。`;
  });
  const staff: string[] = [];
  const idle = (cause: string) => x.idleStaff.filter((s) => s.cause === cause);
  if (x.idleStaff.length > 0) {
    const names = (cause: string) =>
      listOf(
        idle(cause).map((s) => s.displayName),
        en,
      );
    const noWork = idle('no_open_work');
    const why = noWork[0]?.mainReason?.[labels.lang];
    const reason = why && labels.named(why);
    staff.push(
      en
        ? `${x.idleStaff.length} of ${summary.assessment.length} staff completed nothing.`
        : `${summary.assessment.length} 名人员中 ${x.idleStaff.length} 人没有完成任务。`,
    );
    if (noWork.length)
      staff.push(
        en
          ? `No work open to them (${noWork.length}): ${names('no_open_work')}${reason ? ` — e.g. “${reason}”` : ''}.`
          : `没有可认领的任务（${noWork.length} 人）：${names('no_open_work')}${reason ? `，例如“${reason}”` : ''}。`,
      );
    if (idle('no_claims').length)
      staff.push(
        en
          ? `Tasks were open to them but they claimed none — low activity, or others were quicker (${idle('no_claims').length}): ${idle(
              'no_claims',
            )
              .map((s) => `${s.displayName} (${s.openTasks} open)`)
              .join(', ')}.`
          : `有可认领的任务却未认领——活跃度低或被他人抢先（${idle('no_claims').length} 人）：${idle(
              'no_claims',
            )
              .map((s) => `${s.displayName}（${s.openTasks} 件可认领）`)
              .join('、')}。`,
      );
    if (idle('nothing_accepted').length)
      staff.push(
        en
          ? `Claimed work that was not accepted (${idle('nothing_accepted').length}): ${idle(
              'nothing_accepted',
            )
              .map((s) => `${s.displayName} (claimed ${s.claims})`)
              .join(', ')}.`
          : `认领了任务但未获验收（${idle('nothing_accepted').length} 人）：${idle(
              'nothing_accepted',
            )
              .map((s) => `${s.displayName}（认领 ${s.claims} 次）`)
              .join('、')}。`,
      );
  }
  const inversion = x.payInversion;
  if (inversion) {
    const { higher: h, lower: l } = inversion;
    const money = (amount: number) => formatMoney(amount, h.currency, labels.lang);
    const pay = (side: typeof h) =>
      side.payParts
        .map((p) => `${p.label[labels.lang]} → ${money(p.amount)}`)
        .join(en ? '; ' : '；');
    staff.push(
      en
        ? `${h.displayName} scored ${h.score.toFixed(1)} but was paid ${money(h.pay)}, less than ${l.displayName} (score ${l.score.toFixed(1)}, ${money(l.pay)}): the score rates quality (completion, timeliness, ratings, workload up to a cap), pay follows points — ${count(h.points, 'point', 'points')} from ${count(h.tasksCompleted, 'task', 'tasks')} against ${l.points} from ${l.tasksCompleted}. Pay of ${h.displayName}: ${pay(h)}; of ${l.displayName}: ${pay(l)}.`
        : `${h.displayName} 得分 ${h.score.toFixed(1)}，报酬 ${money(h.pay)}，低于 ${l.displayName}（得分 ${l.score.toFixed(1)}，报酬 ${money(l.pay)}）：得分衡量质量（完成率、及时率、评分、有上限的工作量），报酬按积分计算——${h.tasksCompleted} 件任务 ${h.points} 积分，对 ${l.tasksCompleted} 件任务 ${l.points} 积分。${h.displayName} 的报酬：${pay(h)}；${l.displayName} 的报酬：${pay(l)}。`,
    );
  }
  return { response, tasks, staff };
}
