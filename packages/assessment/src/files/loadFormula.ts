import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Formula } from '../FormulaSchema';
import { formulaError } from '../formulaError';
import { type LoadFormulaOptions, loadFormula as loadFormulaDocument } from '../loadFormula';

function parseText(text: string, source: string | undefined): unknown {
  try {
    // YAML 1.2 is a superset of JSON, so one parser reads both file kinds.
    return parseYaml(text);
  } catch (cause) {
    const where = source ? `${source}: ` : '';
    const line = cause instanceof YAMLParseError ? (cause.linePos?.[0]?.line ?? 0) : 0;
    throw formulaError(
      {
        en: `${where}not valid YAML or JSON (line ${line})`,
        'zh-CN': `${where}不是有效的 YAML 或 JSON（第 ${line} 行）`,
      },
      [],
      cause,
    );
  }
}

/**
 * Reads and validates one assessment formula from YAML/JSON text or a parsed object.
 * Anything invalid throws `QuanziError('invalid_formula')` whose issues name each bad
 * field (e.g. `pay.bands[1].upToPoints`) in English and Chinese.
 *
 * @example
 * import { loadFormula } from '@quanzi/assessment/files';
 * const formula = loadFormula(readFileSync('patrol.yaml', 'utf8'), { source: 'patrol.yaml' });
 */
export function loadFormula(input: unknown, options: LoadFormulaOptions = {}): Formula {
  const document = typeof input === 'string' ? parseText(input, options.source) : input;
  return loadFormulaDocument(document, options);
}
