// Writes docs/schemas/*.json from the public zod schemas; `--check` fails
// when the committed files are stale, so a non-TypeScript portal never validates
// against an old contract.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormulaSchema } from '@quanzi/assessment';
import { publicSchemas } from '@quanzi/core';
import { CommandSchema } from '@quanzi/engine';
import { PolicySchema } from '@quanzi/rules';
import { ScenarioSchema } from '@quanzi/simulate';
import { z } from 'zod';

// Payloads from core, plus the files municipalities and researchers write and the
// commands a portal sends, so other languages validate them with the same rules.
const schemas: Record<string, z.core.$ZodType> = {
  ...publicSchemas,
  policy: PolicySchema,
  formula: FormulaSchema,
  scenario: ScenarioSchema,
  command: CommandSchema,
};

const outDir = join(import.meta.dirname, '..', 'docs', 'schemas');
const check = process.argv.includes('--check');
const stale: string[] = [];

mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(schemas)) {
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
