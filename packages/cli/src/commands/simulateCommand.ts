import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  loadScenario,
  type Progress,
  parseSweep,
  renderReport,
  runSweep,
  summarize,
  toTidyCsv,
  toTidyJson,
} from '@quanzi/simulate';
import { SingleBar } from 'cli-progress';
import { type CliContext, say } from '../CliContext';
import { loadDataFile } from '../loadDataFile';
import { renderSummary } from '../renderSummary';
import type { RegisterCommand } from './RegisterCommand';

interface SimulateOptions {
  runs?: string;
  seed?: string;
  sweep: string[];
  out: string;
  workers?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${flag} must be a whole number, got "${text}"`);
  return value;
}

// A bar only when a person watches a terminal; `--json` output stays clean.
function progressBar(ctx: CliContext) {
  if (ctx.json || !ctx.io.interactive) return { update: (_: Progress) => {}, stop: () => {} };
  const bar = new SingleBar({
    format: ' {bar} {percentage}% | {value}/{total} steps | {run}',
    hideCursor: true,
  });
  let started = false;
  return {
    update(progress: Progress) {
      if (!started) bar.start(progress.total, 0, { run: progress.run });
      started = true;
      bar.update(progress.done, { run: progress.run });
    },
    stop: () => started && bar.stop(),
  };
}

/** `quanzi simulate <scenario>`: seeded runs or a sweep, tidy data, summary and an HTML report. */
export const registerSimulateCommand: RegisterCommand = (program, context) => {
  program
    .command('simulate')
    .description('simulate an incentive scheme; writes tidy data, a summary and an HTML report')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--runs <n>', 'runs (seeds) per setting')
    .option('--seed <s>', 'first seed')
    .option('--sweep <path=a,b,c>', 'sweep a scenario parameter (repeatable)', collect, [])
    .option('--workers <n>', 'worker threads (0: run in this thread)')
    .option('--out <dir>', 'output directory', 'quanzi-out')
    .action(async (file: string, options: SimulateOptions) => {
      const ctx = context();
      const scenario = loadDataFile(ctx.io.cwd, file, (text) =>
        loadScenario(text, { source: file }),
      );
      const bar = progressBar(ctx);
      const runs = positiveInt(options.runs, '--runs');
      const seed = positiveInt(options.seed, '--seed');
      const workers = positiveInt(options.workers, '--workers');
      const results = await runSweep(scenario, {
        sweep: options.sweep.map(parseSweep),
        ...(runs === undefined ? {} : { runs }),
        ...(seed === undefined ? {} : { seed }),
        ...(workers === undefined ? {} : { workers }),
        onProgress: bar.update,
      });
      bar.stop();
      const out = resolve(ctx.io.cwd, options.out);
      mkdirSync(out, { recursive: true });
      const summary = summarize(results, { steps: 'last' });
      const files = {
        csv: join(out, 'tidy.csv'),
        json: join(out, 'tidy.json'),
        summary: join(out, 'summary.json'),
        report: join(out, 'report.html'),
      };
      writeFileSync(files.csv, toTidyCsv(results));
      writeFileSync(files.json, toTidyJson(results));
      writeFileSync(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
      writeFileSync(
        files.report,
        await renderReport({ title: scenario.name, results, lang: ctx.lang }),
      );
      if (ctx.json) {
        ctx.io.stdout(`${JSON.stringify({ runs: results.length, files, summary }, null, 2)}\n`);
        return;
      }
      ctx.io.stdout(
        `${renderSummary(summary, ctx.lang)}\n${say(ctx, `Report: ${files.report}`, `报告：${files.report}`)}\n`,
      );
    });
};
