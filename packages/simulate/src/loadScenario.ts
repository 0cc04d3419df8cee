import { parseInput, QuanziError } from '@quanzi/core';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { compileScenario } from './compileScenario';
import { type Scenario, ScenarioSchema } from './ScenarioSchema';

/** Options for {@link loadScenario}. */
export interface LoadScenarioOptions {
  /** Where the scenario came from (a file path), named first in error messages. */
  readonly source?: string;
}

function parseText(text: string, source: string | undefined): unknown {
  try {
    // YAML 1.2 is a superset of JSON, so one parser reads both file formats.
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const [line, column] = [error.linePos?.[0]?.line ?? 0, error.linePos?.[0]?.col ?? 0];
    const from = source ? `${source}:${line}:${column}` : `line ${line}, column ${column}`;
    throw new QuanziError({
      code: 'invalid_scenario',
      message: {
        en: `${from}: not valid JSON or YAML (${error.code})`,
        'zh-CN': `${from}：不是有效的 JSON 或 YAML（${error.code}）`,
      },
      cause: error,
    });
  }
}

/**
 * Reads and validates a scenario from JSON or YAML text, or from an object,
 * including its policy, lifecycle and reputation sections (checked by the SDK's
 * own loaders). A bad scenario throws a `QuanziError('invalid_scenario')` whose
 * issues name each bad field (e.g. `populations[0].behaviour.participation`) in
 * English and Chinese.
 *
 * @example
 * const scenario = loadScenario(readFileSync('levels-decay.yaml', 'utf8'), { source: 'levels-decay.yaml' });
 */
export function loadScenario(input: string | object, options: LoadScenarioOptions = {}): Scenario {
  const raw = typeof input === 'string' ? parseText(input, options.source) : input;
  const scenario = parseInput(ScenarioSchema, raw, {
    code: 'invalid_scenario',
    ...(options.source ? { source: options.source } : {}),
  });
  compileScenario(scenario);
  return scenario;
}
