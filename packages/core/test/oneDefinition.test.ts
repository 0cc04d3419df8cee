import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** Every TypeScript source file of every package, with its text. */
function sources(): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        out.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) walk(join(root, 'packages', pkg, 'src'));
  return out;
}

/** The files whose text matches `pattern`. */
const definedIn = (pattern: RegExp) =>
  sources()
    .filter(({ text }) => pattern.test(text))
    .map(({ path }) => path)
    .sort();

describe('each domain rule is defined once', () => {
  it('the officer roles are named only where roles are defined and derived (core)', () => {
    expect(definedIn(/'(community|security)_officer'/)).toEqual([
      'packages/core/src/participant.ts',
      'packages/core/src/participantRole.ts',
    ]);
  });

  it('the task state vocabulary is listed only in core', () => {
    expect(definedIn(/'draft',\s*'pending_review',\s*'published',\s*'claimed'/)).toEqual([
      'packages/core/src/taskState.ts',
    ]);
  });

  it('no package decides "open for claims" from state names of its own', () => {
    expect(definedIn(/state\s*===\s*'published'\s*\|\|/)).toEqual([]);
    expect(definedIn(/'in_review'|'approved',\s*'published'/)).toEqual([]);
  });
});
