// Writes docs/lifecycle/{task,report}.md from the machines; `--check` fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramFiles } from './diagramFiles';

const root = join(import.meta.dirname, '../../..');
const check = process.argv.includes('--check');
let stale = 0;
for (const { path, content } of diagramFiles()) {
  const file = join(root, path);
  if (!check) writeFileSync(file, content);
  else if (readFileSync(file, 'utf8') !== content) {
    console.error(`${path} is stale: run the diagrams script`);
    stale += 1;
  }
}
process.exitCode = stale > 0 ? 1 : 0;
