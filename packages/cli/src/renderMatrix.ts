import type { Locale } from '@quanzi/core';
import { actions } from '@quanzi/rules';
import { actionNames } from './actionNames';
import { displayWidth, padDisplay } from './padDisplay';
import type { MatrixCell, PolicyMatrix } from './policyMatrix';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cellIndex(matrix: PolicyMatrix) {
  const byKey = new Map<string, MatrixCell>();
  for (const cell of matrix.cells)
    byKey.set(`${cell.archetype}|${cell.category}|${cell.action}`, cell);
  return (archetype: string, category: string, action: string) =>
    byKey.get(`${archetype}|${category}|${action}`);
}

/**
 * The matrix for a terminal: one block per category, archetypes down, the five
 * actions across, ✓ or the first denial code. Columns are padded by display width,
 * so Chinese labels line up.
 */
export function renderMatrixText(matrix: PolicyMatrix, lang: Locale): string {
  const cell = cellIndex(matrix);
  const mark = (found: MatrixCell | undefined) =>
    found?.allowed ? '✓' : `✗ ${found?.reasons[0]?.code ?? ''}`;
  const labels = matrix.archetypes.map((a) => a.label[lang]);
  const first = Math.max(...labels.map(displayWidth)) + 2;
  const column =
    Math.max(
      ...actions.map((action) => displayWidth(actionNames[action][lang])),
      ...matrix.cells.map((found) => displayWidth(mark(found))),
    ) + 2;
  const lines: string[] = [];
  for (const category of matrix.categories) {
    lines.push('', `${category.name[lang]} (${category.code})`);
    lines.push(
      padDisplay('', first) +
        actions.map((action) => padDisplay(actionNames[action][lang], column)).join(''),
    );
    for (const archetype of matrix.archetypes) {
      const row = actions.map((action) =>
        padDisplay(mark(cell(archetype.id, category.code, action)), column),
      );
      lines.push(padDisplay(archetype.label[lang], first) + row.join(''));
    }
  }
  return lines.join('\n').trimStart();
}

/** The matrix as a self-contained HTML page; hovering a ✗ shows every reason. */
export function renderMatrixHtml(matrix: PolicyMatrix, lang: Locale): string {
  const cell = cellIndex(matrix);
  const head = matrix.categories
    .map(
      (c) =>
        `<th colspan="${actions.length}">${escapeHtml(c.name[lang])}<br><code>${c.code}</code></th>`,
    )
    .join('');
  const sub = matrix.categories.map(() => actions.map((a) => `<th>${a}</th>`).join('')).join('');
  const rows = matrix.archetypes
    .map((archetype) => {
      const cells = matrix.categories
        .map((category) =>
          actions
            .map((action) => {
              const found = cell(archetype.id, category.code, action);
              if (found?.allowed) return '<td class="yes">✓</td>';
              const why = (found?.reasons ?? []).map((r) => r.message[lang]).join('\n');
              return `<td class="no" title="${escapeHtml(why)}">✗<small>${escapeHtml(found?.reasons[0]?.code ?? '')}</small></td>`;
            })
            .join(''),
        )
        .join('');
      return `<tr><th>${escapeHtml(archetype.label[lang])}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(matrix.policyId)}</title>
<style>body{font-family:system-ui,sans-serif}table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #ccc;padding:2px 4px;text-align:center}td.yes{background:#e6f4ea}
td.no{background:#fdecea}td small{display:block;color:#900}</style></head>
<body><h1>${escapeHtml(matrix.policyId)}</h1>
<table><thead><tr><th rowspan="2"></th>${head}</tr><tr>${sub}</tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
