import { parse as parseYaml } from 'yaml';
import type { QuanziIssue } from './QuanziError';

function yamlPosition(text: string): { line: number; col: number } | undefined {
  // JSON is YAML; V8 does not always give a position for bad JSON, YAML's parser does.
  try {
    parseYaml(text);
    return undefined;
  } catch (cause) {
    return (cause as { linePos?: { line: number; col: number }[] }).linePos?.[0];
  }
}

/** Where a JSON or YAML parser stopped: 1-based line and column, when it says. */
function position(text: string, cause: unknown): { line: number; column: number } | null {
  const linePos = (cause as { linePos?: { line: number; col: number }[] } | null)?.linePos;
  if (linePos?.[0]) return { line: linePos[0].line, column: linePos[0].col };
  const offset = /position (\d+)/.exec(cause instanceof Error ? cause.message : '')?.[1];
  if (offset === undefined) {
    const found = yamlPosition(text);
    return found ? { line: found.line, column: found.col } : null;
  }
  const before = text.slice(0, Number(offset)).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The full-width colon on the line where the parser stopped or the line before, if any. */
function fullWidthColon(
  lines: readonly string[],
  line: number,
): { line: number; column: number; text: string } | undefined {
  for (const candidate of [line, line - 1]) {
    const content = lines[candidate - 1];
    const index = content?.indexOf('：') ?? -1;
    if (content !== undefined && index >= 0) {
      const trimmed = content.trim();
      const text = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
      return { line: candidate, column: index + 1, text };
    }
  }
  return undefined;
}

/**
 * Turns a parser's exception into one issue a person can act on: the line and
 * column, what is wrong in plain words in each language (the parser's own English
 * text only in the English message), and a hint for the commonest slip in Chinese
 * input — a full-width colon `：` where YAML needs `:`.
 */
export function syntaxIssue(text: string, format: 'json' | 'yaml', cause: unknown): QuanziIssue {
  const kind = format.toUpperCase();
  const at = position(text, cause);
  const detail = (cause instanceof Error ? cause.message : String(cause))
    .split('\n')[0]
    ?.replace(/ at line \d+, column \d+:?$/, '');
  const lines = text.split('\n');
  const colon = at ? fullWidthColon(lines, at.line) : undefined;
  // A full-width colon often makes the parser stop a line later: point at the colon itself.
  const spot = colon ?? at;
  const where = spot
    ? {
        en: `line ${spot.line}, column ${spot.column}: `,
        zh: `第 ${spot.line} 行第 ${spot.column} 列：`,
      }
    : { en: '', zh: '' };
  const fullWidth = colon !== undefined || (!at && text.includes('：'));
  const quoted = colon ? `“${colon.text}”` : '';
  return {
    path: [],
    code: 'syntax',
    message: {
      en: `${where.en}not valid ${kind} (${detail}). ${
        fullWidth
          ? `Fix: ${colon ? `${JSON.stringify(colon.text)} has` : 'there is'} a full-width colon "：" where a key needs ":" — type it in half-width (English) input mode`
          : 'Fix: correct the syntax there'
      }`,
      'zh-CN': `${where.zh}不是有效的 ${kind} 格式。${
        fullWidth
          ? `修改：${quoted}键名后使用了全角冒号“：”，请在英文输入法下改为半角冒号“:”`
          : '修改：请更正该处的语法（缩进、冒号、括号或引号）'
      }`,
    },
  };
}
