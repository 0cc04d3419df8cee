// Every code block in the guides runs here, so the docs cannot rot. A `ts` block is
// written to a module next to the guides, type-checked under the repository's strict
// settings and imported (its node:assert checks decide);
// each `npx quanzi …` line of an `sh` block runs through the real CLI and must exit
// with the code its trailing `# exit N` names (0 when it names none).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '@quanzi/cli';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const guidesDir = join(import.meta.dirname, 'guides');
const runDir = join(import.meta.dirname, '.run');
mkdirSync(runDir, { recursive: true });
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

const blockPattern = /```(ts|sh)\n([\s\S]*?)```/g;
const guides = readdirSync(guidesDir).filter((file) => file.endsWith('.md'));

function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

async function runShellBlock(code: string) {
  const lines = code.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const [command, expected] = line.split(/\s+# exit /);
    const words = shellWords(command ?? '');
    expect(words.slice(0, 2), `only quanzi commands run in guides: ${line}`).toEqual([
      'npx',
      'quanzi',
    ]);
    let output = '';
    const code = await runCli(words.slice(2), {
      stdout: (text) => {
        output += text;
      },
      stderr: (text) => {
        output += text;
      },
      cwd: root,
      interactive: false,
    });
    expect(code, `${line}\n${output}`).toBe(Number(expected ?? 0));
  }
}

const blocks = guides.flatMap((guide) =>
  [...readFileSync(join(guidesDir, guide), 'utf8').matchAll(blockPattern)].map((match, index) => ({
    guide,
    index,
    lang: match[1],
    code: match[2] ?? '',
    file: join(runDir, `${guide.replace(/\W/g, '_')}_${index + 1}.ts`),
  })),
);
for (const block of blocks)
  if (block.lang === 'ts') writeFileSync(block.file, `${block.code}\nexport {};\n`);

/** The compiler's complaints about the guides' `ts` blocks, under tsconfig.base.json. */
function typeErrors(): string[] {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, root);
  const files = blocks.filter((b) => b.lang === 'ts').map((b) => b.file);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => {
      const where = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${d.file?.fileName.split('/').pop()}:${(where?.line ?? 0) + 1}: ${message}`;
    });
}

describe('guides', () => {
  it('there are guides with examples', () => {
    expect(guides.length).toBeGreaterThanOrEqual(4);
  });

  it('every ts block type-checks under strict settings', () => {
    expect(typeErrors()).toEqual([]);
  }, 120_000);

  for (const { guide, index, lang, code, file } of blocks)
    it(`${guide} block ${index + 1} (${lang}) runs`, async () => {
      if (lang === 'sh') return runShellBlock(code);
      await import(pathToFileURL(file).href);
    });
});
