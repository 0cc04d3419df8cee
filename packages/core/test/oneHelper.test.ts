import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** The TypeScript sources under `packages/<pkg>/src` of the given packages (all when none given). */
function sources(only?: readonly string[]): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        out.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const pkg of only ?? readdirSync(join(root, 'packages')))
    walk(join(root, 'packages', pkg, 'src'));
  return out;
}

// TSDoc examples may show a stream id; code may not spell one.
const code = (text: string) => text.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

const filesMatching = (pattern: RegExp, only?: readonly string[]) =>
  sources(only)
    .filter(({ text }) => pattern.test(code(text)))
    .map(({ path }) => path)
    .sort();

// The decider kernel's files in the engine belong to the lead's rewrite (issue #13) and
// still build stream names themselves; they move to the kernel in lifecycle.
const pendingKernelFiles = [
  'packages/engine/src/createEngineState.ts',
  'packages/engine/src/lifecycleCommandsOf.ts',
];

describe('each helper is defined once', () => {
  it('domain packages parse ISO instants only through core’s toEpoch', () => {
    expect(
      filesMatching(/Date\.parse\(/, ['lifecycle', 'rules', 'reputation', 'assessment']),
    ).toEqual([]);
    expect(filesMatching(/Date\.parse\(/, ['core'])).toEqual(['packages/core/src/instant.ts']);
  });

  it('canonical JSON comes from core’s canonicalJson only', () => {
    // canonicalJson writes the text itself; no source reaches for a library to do it.
    expect(filesMatching(/json-canonicalize|fast-json-stable-stringify/)).toEqual([]);
    expect(filesMatching(/export function canonicalJson\b/)).toEqual([
      'packages/core/src/canonicalJson.ts',
    ]);
  });

  it('stream names are spelled only in core’s streamId module', () => {
    const spelled = filesMatching(/['`"](task|report|participant)\//).filter(
      (path) => !pendingKernelFiles.includes(path),
    );
    expect(spelled).toEqual(['packages/core/src/streamId.ts']);
  });
});
