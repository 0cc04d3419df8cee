import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AssessableEvent,
  assess,
  createFormulaSet,
  type PeriodSpec,
  toCsv,
  toJson,
} from '@quanzi/assessment';
import { loadFormula } from '@quanzi/assessment/files';
import { QuanziError } from '@quanzi/core';
import { say } from '../CliContext';
import { loadDataFile } from '../loadDataFile';
import { displayWidth, padDisplay, padDisplayStart } from '../padDisplay';
import { readJsonLines } from '../readDataFile';
import type { RegisterCommand } from './RegisterCommand';

/**
 * Reads `--period`: `month:2026-11-15`, `week:…`, `quarter:…` (any day inside the
 * period) or `2026-11-01T00:00:00Z..2026-12-01T00:00:00Z` for a custom range.
 */
export function parsePeriod(text: string, timezone: string): PeriodSpec {
  const range = text.split('..');
  if (range.length === 2)
    return { kind: 'custom', from: range[0] as string, to: range[1] as string };
  const [kind, containing] = text.split(':');
  if ((kind === 'week' || kind === 'month' || kind === 'quarter') && containing) {
    return { kind, containing, timezone };
  }
  throw new QuanziError({
    code: 'invalid_input',
    path: ['--period'],
    message: {
      en: `--period: expected month:YYYY-MM-DD, week:…, quarter:… or FROM..TO, got "${text}"`,
      'zh-CN': `--period：应为 month:YYYY-MM-DD、week:…、quarter:… 或 起..止，实际为“${text}”`,
    },
  });
}

/** `quanzi assess <events.jsonl> --formula F --period P`. */
export const registerAssessCommand: RegisterCommand = (program, context) => {
  program
    .command('assess')
    .description('assess participants and teams for a period from an event log')
    .argument('<events>', 'events as JSON Lines (one CloudEvents envelope per line)')
    .requiredOption('--formula <file...>', 'formula file(s); each version of one formula')
    .requiredOption('--period <period>', 'month:2026-11-15 | week:… | quarter:… | FROM..TO')
    .option('--timezone <tz>', 'timezone of week/month/quarter boundaries', 'UTC')
    .option('--csv <file>', 'also write the rows as CSV')
    .option('--salt <secret>', 'secret for pseudonyms of anonymous participants', 'quanzi')
    .action(
      (
        eventsFile: string,
        options: {
          formula: string[];
          period: string;
          timezone: string;
          csv?: string;
          salt: string;
        },
      ) => {
        const ctx = context();
        const events = readJsonLines(ctx.io.cwd, eventsFile) as AssessableEvent[];
        const formulas = createFormulaSet(
          options.formula.map((file) =>
            loadDataFile(ctx.io.cwd, file, (text) => loadFormula(text, { source: file })),
          ),
        );
        const rows = assess(events, {
          formulas,
          period: parsePeriod(options.period, options.timezone),
          pseudonymSalt: options.salt,
        });
        if (options.csv) writeFileSync(resolve(ctx.io.cwd, options.csv), toCsv(rows));
        if (ctx.json) {
          ctx.io.stdout(toJson(rows));
          return;
        }
        const names = rows.map((row) => (row.anonymous ? row.pseudonym : row.displayName));
        const nameWidth = Math.max(13, ...names.map(displayWidth)) + 1;
        const widths = [5, 7, 9, 7, 10];
        const headings = say(ctx, 'score tasks workload points pay', '得分 任务 工作量 积分 报酬');
        const header = [
          padDisplay(say(ctx, 'name', '姓名'), nameWidth),
          ...headings.split(' ').map((heading, i) => padDisplay(heading, widths[i] ?? 0)),
        ]
          .join(' ')
          .trimEnd();
        const lines = rows.map((row, i) =>
          [
            padDisplay(names[i] ?? '', nameWidth),
            ...[
              row.score.toFixed(1),
              String(row.tasksCompleted),
              row.workload.toFixed(1),
              String(row.points),
              `${row.pay.toFixed(2)} ${row.currency}`,
            ].map((value, j) => padDisplayStart(value, widths[j] ?? 0)),
          ].join(' '),
        );
        ctx.io.stdout(`${[header, ...lines].join('\n')}\n`);
      },
    );
};
