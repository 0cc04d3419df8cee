import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { QuanziError } from '@quanzi/core';
import { parseDocument } from '@quanzi/core/documents';

/** A data file read from disk: its parsed content and the path to name in errors. */
export interface DataFile {
  readonly path: string;
  readonly text: string;
  readonly format: 'json' | 'yaml';
  readonly data: unknown;
}

/**
 * Reads a JSON or YAML file (by extension; `.yml`/`.yaml` are YAML) into data,
 * turning a missing file or a syntax error into a `QuanziError` naming the path.
 */
export function readDataFile(cwd: string, file: string): DataFile {
  const path = resolve(cwd, file);
  const text = readText(path, file);
  const format = ['.yml', '.yaml'].includes(extname(path).toLowerCase()) ? 'yaml' : 'json';
  // Syntax errors with line and column; size and depth limits are the loaders' to apply.
  const unlimited = { maxBytes: Number.POSITIVE_INFINITY, maxDepth: Number.POSITIVE_INFINITY };
  return {
    path: file,
    text,
    format,
    data: parseDocument(text, { format, source: file, ...unlimited }),
  };
}

function readText(path: string, file: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new QuanziError({
      code: 'not_found',
      message: { en: `Cannot read ${file}`, 'zh-CN': `无法读取文件 ${file}` },
      cause,
    });
  }
}

/** Reads a JSON Lines file into one value per non-empty line, naming the line on error. */
export function readJsonLines(cwd: string, file: string): unknown[] {
  return readText(resolve(cwd, file), file)
    .split('\n')
    .flatMap((line, index) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line)];
      } catch (cause) {
        throw new QuanziError({
          code: 'invalid_input',
          path: [index + 1],
          message: {
            en: `${file}:${index + 1}: not valid JSON`,
            'zh-CN': `${file} 第 ${index + 1} 行：不是有效的 JSON`,
          },
          cause,
        });
      }
    });
}
