import { loadFormula } from '@quanzi/assessment/files';
import { isQuanziError, type QuanziError } from '@quanzi/core';
import { loadPolicy } from '@quanzi/rules/files';
import { loadScenario } from '@quanzi/simulate';
import { Option } from 'commander';
import { emit, say } from '../CliContext';
import { errorLine } from '../errorLine';
import { placeIssues } from '../placeIssues';
import { readDataFile } from '../readDataFile';
import type { RegisterCommand } from './RegisterCommand';

const loaders = {
  policy: (text: string, source: string, format: 'json' | 'yaml') =>
    loadPolicy(text, { source, format }),
  formula: (text: string, source: string) => loadFormula(text, { source }),
  scenario: (text: string, source: string) => loadScenario(text, { source }),
} as const;

type Kind = keyof typeof loaders;

/** Top-level keys only one kind of file has (each schema is strict, so none is shared). */
const markers: Record<Kind, readonly string[]> = {
  policy: ['tiers', 'categories', 'useDefaultCategories', 'publishers', 'verifiers', 'rules'],
  formula: ['effectiveFrom', 'appliesTo', 'workload', 'points', 'pay'],
  scenario: ['populations', 'durationDays', 'seeds', 'arrivals', 'lifecycle', 'scheme'],
};

/** The kinds whose marker keys the document has: one when it is clear, else zero or several. */
function detectKinds(data: unknown): Kind[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  return (Object.keys(markers) as Kind[]).filter((kind) =>
    markers[kind].some((key) => key in data),
  );
}

function attempt(
  kind: Kind,
  text: string,
  source: string,
  format: 'json' | 'yaml',
): QuanziError | null {
  try {
    loaders[kind](text, source, format);
    return null;
  } catch (thrown) {
    const error = placeIssues(thrown, text, source);
    if (isQuanziError(error)) return error;
    throw error;
  }
}

/**
 * `quanzi validate <file>`: checks a policy, assessment formula or simulation
 * scenario. Without `--kind` it tells the kind from the top-level keys (`tiers`
 * for a policy, `workload`/`points` for a formula, `populations` for a scenario);
 * when they are ambiguous it says so, tries each and reports the closest.
 */
export const registerValidateCommand: RegisterCommand = (program, context, setExit) => {
  program
    .command('validate')
    .description('validate a policy, formula or scenario file (YAML or JSON)')
    .argument('<file>')
    .addOption(new Option('--kind <kind>', 'what the file is').choices(Object.keys(loaders)))
    .action((file: string, options: { kind?: Kind }) => {
      const ctx = context();
      const { text, format, data } = readDataFile(ctx.io.cwd, file);
      const detected = detectKinds(data);
      const kinds = options.kind
        ? [options.kind]
        : detected.length === 1
          ? detected
          : (Object.keys(loaders) as Kind[]);
      if (!options.kind && detected.length !== 1)
        ctx.io.stderr(
          `${say(
            ctx,
            `note: cannot tell from its top-level keys whether ${file} is a policy (tiers), a formula (workload, points) or a scenario (populations); trying each. Pass --kind to say which`,
            `提示：无法从顶层字段判断 ${file} 是策略（tiers）、考核公式（workload、points）还是仿真场景（populations），将逐一尝试。可用 --kind 指明`,
          )}\n`,
        );
      const results = kinds.map((kind) => ({ kind, error: attempt(kind, text, file, format) }));
      const valid = results.find((result) => result.error === null);
      if (valid) {
        emit(ctx, { file, kind: valid.kind, valid: true }, () =>
          say(
            ctx,
            `${file}: valid ${valid.kind}`,
            `${file}：有效的${{ policy: '策略', formula: '考核公式', scenario: '仿真场景' }[valid.kind]}文件`,
          ),
        );
        return;
      }
      const closest = results.reduce((best, result) =>
        (result.error?.issues.length ?? 0) < (best.error?.issues.length ?? 0) ? result : best,
      );
      // A bad file is an expected outcome of `validate`: report it and exit 1, no throw.
      const line = `${errorLine(closest.error, ctx.lang)}\n`;
      if (ctx.json)
        emit(
          ctx,
          { file, kind: closest.kind, valid: false, error: closest.error?.toJSON() },
          () => line,
        );
      else ctx.io.stderr(line);
      setExit(1);
    });
};
