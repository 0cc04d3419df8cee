// Writes docs/schemas/*.json from @quanzi/core's public schemas; `--check` fails
// when the committed files are stale, so a non-TypeScript portal never validates
// against an old contract.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicSchemas } from '@quanzi/core';
import { z } from 'zod';

const outDir = join(import.meta.dirname, '..', 'docs', 'schemas');
const check = process.argv.includes('--check');
const stale: string[] = [];

mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(publicSchemas)) {
  const file = join(outDir, `${name}.json`);
  const text = `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current === text) continue;
  if (check) stale.push(file);
  else writeFileSync(file, text);
}
if (stale.length > 0) {
  console.error(`Stale JSON Schema files (run \`pnpm schemas\`):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'JSON Schemas are up to date.' : `JSON Schemas written to ${outDir}`);
