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
  const where = at
    ? { en: `line ${at.line}, column ${at.column}: `, zh: `第 ${at.line} 行第 ${at.column} 列：` }
    : { en: '', zh: '' };
  const lines = text.split('\n');
  const nearby = at ? lines.slice(Math.max(0, at.line - 2), at.line).join('\n') : text;
  const fullWidth = /[：]/.test(nearby);
  return {
    path: [],
    code: 'syntax',
    message: {
      en: `${where.en}not valid ${kind} (${detail}). ${
        fullWidth
          ? 'Fix: a full-width colon "：" is used where a key needs ":" — type it in half-width (English) input mode'
          : 'Fix: correct the syntax there'
      }`,
      'zh-CN': `${where.zh}不是有效的 ${kind} 格式。${
        fullWidth
          ? '修改：键名后使用了全角冒号“：”，请在英文输入法下改为半角冒号“:”'
          : '修改：请更正该处的语法（缩进、冒号、括号或引号）'
      }`,
    },
  };
}
