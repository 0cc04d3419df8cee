import { renderChart } from '@quanzi/simulate';
import type { DistrictSummary } from './summarizeDistrict';

const hours = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} h`);
const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(0)}%`);
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The rows every rendering shows, so the terminal and the HTML page never disagree. */
function tables(summary: DistrictSummary) {
  const { health } = summary;
  const overall = health.responsiveness.overall;
  return {
    sources: Object.entries(summary.bySource).map(([source, n]) => [source, String(n)]),
    categories: summary.byCategory.map(({ category, total, outcomes }) => [
      category,
      String(total),
      Object.entries(outcomes)
        .sort((a, b) => b[1] - a[1])
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', '),
    ]),
    response: [
      [
        'first response p50 / p90',
        `${hours(overall.firstResponseHours.p50)} / ${hours(overall.firstResponseHours.p90)}`,
      ],
      [
        'time to close p50 / p90',
        `${hours(overall.closeHours.p50)} / ${hours(overall.closeHours.p90)}`,
      ],
      [
        'SLA breaches',
        `${overall.slaBreaches} of ${overall.slaTracked} (${share(overall.slaBreachRate)})`,
      ],
      ['reports → tasks', share(health.outcomes.conversionRate)],
      ['resolved share of closed tasks', share(health.outcomes.resolvedShare)],
      [
        'Gini of tasks / points',
        `${health.fairness.giniTasks.toFixed(2)} / ${health.fairness.giniPoints.toFixed(2)}`,
      ],
    ],
    assessment: [...summary.assessment]
      .sort((a, b) => b.score - a.score)
      .map((row) => [
        row.anonymous ? row.pseudonym : row.displayName,
        row.roles.join(','),
        String(row.tasksCompleted),
        row.workload.toFixed(1),
        row.score.toFixed(1),
        String(row.points),
        `${row.pay.toFixed(0)} ${row.currency}`,
      ]),
    levels: Object.entries(summary.levels).map(([level, n]) => [`L${level}`, String(n)]),
  };
}

const assessmentHeader = ['staff', 'role', 'tasks', 'workload', 'score', 'points', 'pay'];

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The readable summary the demo prints. */
export function renderDistrictText(summary: DistrictSummary): string {
  const t = tables(summary);
  const promotions = summary.levelChanges.filter((c) => c.to > c.from).length;
  return [
    `Xinhua police district 新华警务区 · ${summary.from.slice(0, 10)} → ${summary.to.slice(0, 10)}`,
    `${summary.commands} commands, ${summary.refused} refused by the rules or the lifecycle, ${summary.events} events`,
    '',
    'Tasks by source',
    textTable(['source', 'tasks'], t.sources),
    '',
    'Tasks by category and outcome',
    textTable(['category', 'tasks', 'outcomes'], t.categories),
    '',
    'Responsiveness and outcomes',
    textTable(['measure', 'value'], t.response),
    '',
    'Assessment of auxiliary staff (考核)',
    textTable(assessmentHeader, t.assessment),
    '',
    `Level changes: ${promotions} promotions, ${summary.levelChanges.length - promotions} demotions; staff by level now: ${t.levels.map(([l, n]) => `${l}×${n}`).join(' ')}`,
  ].join('\n');
}

function htmlTable(header: string[], rows: string[][]): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A self-contained HTML report: tables and inline SVG charts, nothing loaded from the network. */
export async function renderDistrictHtml(summary: DistrictSummary): Promise<string> {
  const t = tables(summary);
  const outcomes = summary.byCategory.flatMap(({ category, outcomes: o }) =>
    Object.entries(o).map(([outcome, n]) => ({ category, outcome, n })),
  );
  const byCategory = await renderChart({
    title: 'Tasks by category and outcome',
    data: { values: outcomes },
    mark: 'bar',
    encoding: {
      y: { field: 'category', type: 'nominal', sort: '-x' },
      x: { field: 'n', type: 'quantitative', aggregate: 'sum', title: 'tasks' },
      color: { field: 'outcome', type: 'nominal' },
    },
    width: 500,
  });
  const activity = await renderChart({
    title: 'Active participants',
    data: { values: summary.health.sustainability.buckets.map((b) => ({ ...b })) },
    mark: 'line',
    encoding: {
      x: { field: 'from', type: 'temporal', title: '' },
      y: { field: 'active', type: 'quantitative' },
    },
    width: 500,
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Xinhua police district report</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}h2{margin-top:2rem}</style></head><body>
<h1>新华警务区 · Xinhua police district</h1>
<p>${escapeHtml(summary.from)} → ${escapeHtml(summary.to)} · ${summary.commands} commands · ${summary.events} events</p>
<h2>Tasks</h2>${byCategory}${htmlTable(['category', 'tasks', 'outcomes'], t.categories)}${htmlTable(['source', 'tasks'], t.sources)}
<h2>Responsiveness and outcomes</h2>${htmlTable(['measure', 'value'], t.response)}
<h2>Participation</h2>${activity}
<h2>Assessment of auxiliary staff (考核)</h2>${htmlTable(assessmentHeader, t.assessment)}
<h2>Levels</h2>${htmlTable(['level', 'staff'], t.levels)}
</body></html>
`;
}
