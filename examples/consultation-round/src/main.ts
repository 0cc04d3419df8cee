// One public-decision round (公共决策众包), end to end, printed and charted.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  coverageChart,
  optionStanceChart,
  topicEvolutionChart,
  toVegaLite,
} from '@quanzi/consultation';
import { renderChart } from '@quanzi/simulate';
import { runConsultation } from './runConsultation';

const run = await runConsultation(mkdtempSync(join(tmpdir(), 'quanzi-round-')));
const { analysis, decided, next } = run;
console.log('Round 1: evenings on Xinhua Square / 新华广场晚间使用');
console.log(
  `Collected ${run.collected.counted} items (${run.collected.duplicates} duplicates dropped, ${run.collected.damped} damped as a flood) from ${analysis.totals.authors} people.`,
);
console.log('\nWhat people talk about (by distinct authors):');
for (const phrase of analysis.keyphrases.slice(0, 8))
  console.log(`  ${phrase.term}  ${phrase.authors}`);
console.log('\nOptions:');
for (const option of analysis.options) {
  console.log(
    `  ${option.label['zh-CN']} / ${option.label.en}: ${option.supporters} support, ${option.concerned} concerned`,
  );
  for (const concern of option.concerns.slice(0, 3)) console.log(`    concern: ${concern.term}`);
}
console.log(
  `\nWhose voice is missing: areas ${analysis.coverage.missing.areas.join(', ') || '—'}; groups ${analysis.coverage.missing.groups.join(', ') || '—'}`,
);
console.log(`\nDecision: ${decided.decision?.optionId} — ${decided.decision?.rationale.en}`);
console.log(`Next round ${next.id} (round ${next.number}) follows ${next.previousRoundId}.`);

const charts = await Promise.all(
  [
    optionStanceChart(analysis.options),
    topicEvolutionChart(analysis.evolution),
    coverageChart(analysis.coverage),
  ].map((chart) => renderChart(toVegaLite(chart, 'zh-CN') as Parameters<typeof renderChart>[0])),
);
const outDir = join(import.meta.dirname, '..', 'out');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'round.html');
writeFileSync(
  file,
  `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Round 1</title><body style="font-family:system-ui">${charts.join('\n')}</body></html>\n`,
);
console.log(`\nCharts written to ${relative(process.cwd(), file)}`);
