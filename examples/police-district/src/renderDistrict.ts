import type { AuditVerification, Locale } from '@quanzi/core';
import { outcomeChart, weeklyChart } from './districtCharts';
import { districtPolicy } from './districtPolicy';
import { explanationLines } from './explanationLines';
import { formatPeriod } from './formatDate';
import { formatMoney } from './formatMoney';
import { createLabels, type Labels } from './labels';
import type { DistrictSummary } from './summarizeDistrict';
import { words } from './words';

/** How a report is rendered. */
export interface RenderOptions {
  /** The one language of the report; English by default. */
  readonly lang?: Locale;
  /** The store's audit-chain verification, shown in the report when given. */
  readonly audit?: AuditVerification;
}

// Fonts that carry Chinese on Linux, macOS and Windows, so no glyph shows as a box;
// nothing is downloaded when the page opens.
const fontStack =
  'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** One sentence on the audit chain: intact, or where and why it breaks. */
function auditLine(audit: AuditVerification, events: number, lang: Locale): string {
  if (audit.ok)
    return lang === 'en'
      ? `Audit chain: intact — ${audit.entries} entries in ${audit.circles} ${audit.circles === 1 ? 'circle' : 'circles'} verified against ${events} events.`
      : `审计链：完整——已核验 ${audit.circles} 个圈子的 ${audit.entries} 条记录与 ${events} 个事件一致。`;
  const where = 'seq' in audit ? ` (${audit.circleId} #${audit.seq})` : '';
  return lang === 'en'
    ? `Audit chain: BROKEN — ${audit.reason.replaceAll('_', ' ')}${where}. Do not trust these figures.`
    : `审计链：已损坏——${audit.reason}${where}。以上数字不可信。`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(0)}%`);

function labelsFor(options: RenderOptions): Labels {
  return createLabels(districtPolicy(), options.lang ?? 'en');
}

/** The rows every rendering shows, so the terminal and the HTML page never disagree. */
function tables(summary: DistrictSummary, labels: Labels) {
  const { health } = summary;
  const { lang } = labels;
  const w = (key: keyof typeof words) => words[key][lang];
  const hours = (value: number | null) =>
    value === null ? '—' : `${value.toFixed(1)} ${w('hours')}`;
  const overall = health.responsiveness.overall;
  const tierOf = districtPolicy().tierFor;
  return {
    sources: Object.entries(summary.bySource).map(([source, n]) => [
      labels.source(source),
      String(n),
    ]),
    categories: summary.byCategory.map(({ category, total, outcomes }) => [
      labels.category(category),
      String(total),
      Object.entries(outcomes)
        .sort((a, b) => b[1] - a[1])
        .map(([outcome, n]) => `${labels.outcome(outcome)} ${n}`)
        .join(lang === 'en' ? ', ' : '，'),
    ]),
    response: [
      [
        w('firstResponse'),
        `${hours(overall.firstResponseHours.p50)} / ${hours(overall.firstResponseHours.p90)}`,
      ],
      [w('timeToClose'), `${hours(overall.closeHours.p50)} / ${hours(overall.closeHours.p90)}`],
      [
        w('slaBreaches'),
        `${overall.slaBreaches} ${w('of')} ${overall.slaTracked} (${share(overall.slaBreachRate)})`,
      ],
      [w('conversion'), share(health.outcomes.conversionRate)],
      [w('resolvedShare'), share(health.outcomes.resolvedShare)],
      [
        w('gini'),
        `${health.fairness.giniTasks.toFixed(2)} / ${health.fairness.giniPoints.toFixed(2)}`,
      ],
    ],
    assessment: [...summary.assessment]
      .sort((a, b) => b.score - a.score)
      .map((row) => [
        row.anonymous ? row.pseudonym : row.displayName,
        row.roles.map(labels.role).join(', '),
        String(row.tasksCompleted),
        row.workload.toFixed(1),
        row.score.toFixed(1),
        String(row.points),
        formatMoney(row.pay, row.currency, lang),
      ]),
    levels: Object.entries(summary.levels).map(([level, n]) => [
      `L${level} ${labels.tier(tierOf(Number(level)).id)}`,
      String(n),
    ]),
  };
}

const assessmentHeader = (lang: Locale) =>
  (['staff', 'role', 'tasksCol', 'workload', 'score', 'points', 'pay'] as const).map(
    (key) => words[key][lang],
  );

// East Asian wide and fullwidth characters (Hangul Jamo, CJK, Hangul, fullwidth forms) take
// two terminal columns; everything else, a curly quote ’ or a dash – included, takes one.
const wide =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const width = (text: string) => [...text].reduce((sum, char) => sum + (wide.test(char) ? 2 : 1), 0);

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(width(h), ...rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The readable summary the demo prints, in one language. */
export function renderDistrictText(summary: DistrictSummary, options: RenderOptions = {}): string {
  const labels = labelsFor(options);
  const { lang } = labels;
  const w = (key: keyof typeof words) => words[key][lang];
  const t = tables(summary, labels);
  const why = explanationLines(summary, labels);
  const promotions = summary.levelChanges.filter((c) => c.to > c.from).length;
  // Chinese text takes full-width punctuation.
  const [comma, colon, semicolon] = lang === 'en' ? [', ', ': ', '; '] : ['，', '：', '；'];
  return [
    `${w('district')} · ${formatPeriod(summary.from, summary.to, lang)}`,
    `${summary.commands} ${w('commands')}${comma}${summary.refused} ${w('refused')}${comma}${summary.events} ${w('events')}`,
    '',
    w('bySource'),
    textTable([w('source'), w('tasksCol')], t.sources),
    '',
    w('byCategory'),
    textTable([w('category'), w('tasksCol'), w('outcomes')], t.categories),
    ...why.tasks.map((line) => `→ ${line}`),
    '',
    w('response'),
    textTable([w('measure'), w('value')], t.response),
    ...why.response.map((line) => `→ ${line}`),
    '',
    w('assessment'),
    textTable(assessmentHeader(lang), t.assessment),
    ...why.staff.map((line) => `→ ${line}`),
    '',
    `${w('levelChanges')}${colon}${promotions} ${w('promotions')}${comma}${summary.levelChanges.length - promotions} ${w('demotions')}${semicolon}${w('staffByLevel')}${colon}${t.levels.map(([l, n]) => `${l} ×${n}`).join(comma)}`,
    ...(options.audit ? ['', auditLine(options.audit, summary.events, lang)] : []),
  ].join('\n');
}

function htmlTable(header: string[], rows: string[][]): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

// Explanations sit right under the figures they explain.
const whyList = (lines: readonly string[]) =>
  lines.length
    ? `<ul class="why">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
    : '';

/** A self-contained HTML report in one language: tables and inline SVG charts, nothing loaded from the network. */
export async function renderDistrictHtml(
  summary: DistrictSummary,
  options: RenderOptions = {},
): Promise<string> {
  const labels = labelsFor(options);
  const { lang } = labels;
  const w = (key: keyof typeof words) => words[key][lang];
  const t = tables(summary, labels);
  const why = explanationLines(summary, labels);
  const [byCategory, activity] = await Promise.all([
    outcomeChart(summary, labels),
    weeklyChart(summary, labels),
  ]);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(w('district'))}</title>
<style>body,svg text{font-family:${fontStack}}body{max-width:960px;margin:2rem auto}.audit{font-weight:bold}.why{background:#fff8e1;padding:.5rem 1.5rem;border-left:4px solid #ff9f1c}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}h2{margin-top:2rem}</style></head><body>
<h1>${escapeHtml(w('district'))}</h1>
<p>${formatPeriod(summary.from, summary.to, lang)} · ${summary.commands} ${w('commands')} · ${summary.events} ${w('events')}</p>
<h2>${w('tasks')}</h2>${byCategory}${htmlTable([w('category'), w('tasksCol'), w('outcomes')], t.categories)}${whyList(why.tasks)}${htmlTable([w('source'), w('tasksCol')], t.sources)}
<h2>${w('response')}</h2>${htmlTable([w('measure'), w('value')], t.response)}${whyList(why.response)}
<h2>${w('participation')}</h2>${activity}<p>${w('partialNote')}</p>
<h2>${w('assessment')}</h2>${htmlTable(assessmentHeader(lang), t.assessment)}${whyList(why.staff)}
<h2>${w('levels')}</h2>${htmlTable([w('level'), w('staff')], t.levels)}
${options.audit ? `<h2>${w('audit')}</h2><p class="audit">${escapeHtml(auditLine(options.audit, summary.events, lang))}</p>` : ''}
</body></html>
`;
}
