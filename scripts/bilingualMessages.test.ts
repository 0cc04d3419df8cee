import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A message written 'English / 中文' in one string shows both languages to everyone,
// in an English and in a Chinese message alike; each language gets its own text through
// core's bilingualMessage({ en, 'zh-CN' }) (or a QuanziError's { en, 'zh-CN' } message).
const root = join(import.meta.dirname, '..');
const mixed = /'[A-Za-z][^'\n]* \/ [^'\n]*\p{Script=Han}[^'\n]*'/gu;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('messages of the packages', () => {
  it('give each language its own text, no "English / 中文" strings', () => {
    const packages = readdirSync(join(root, 'packages')).map((name) =>
      join(root, 'packages', name, 'src'),
    );
    const found = packages
      .flatMap((dir) => sources(dir))
      .map((file) => relative(root, file).split('\\').join('/'))
      .flatMap((file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(mixed)].map(
          (match) => `${file}: ${match[0]}`,
        ),
      );
    expect(found).toEqual([]);
  });
});
