// The published JSON Schemas must accept the files and commands the TypeScript
// loaders accept, and reject what they reject: a Java or PHP portal validating with
// docs/schemas/*.json sees the same contract.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormulaSchema } from '@quanzi/assessment';
import { CommandSchema } from '@quanzi/engine';
import { PolicySchema } from '@quanzi/rules';
import { ScenarioSchema } from '@quanzi/simulate';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validator = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(join(root, 'docs', 'schemas', `${name}.json`), 'utf8')));
const filesIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .map((file) => parse(readFileSync(join(root, dir, file), 'utf8')) as unknown);

describe('published JSON Schemas', () => {
  const cases = [
    { name: 'policy', schema: PolicySchema, inputs: filesIn('examples/policies') },
    { name: 'formula', schema: FormulaSchema, inputs: filesIn('examples/formulas') },
    { name: 'scenario', schema: ScenarioSchema, inputs: filesIn('examples/scenarios') },
    {
      name: 'command',
      schema: CommandSchema,
      inputs: readFileSync(join(root, 'packages/cli/test/fixtures/replay-commands.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
    },
  ];
  for (const { name, schema, inputs } of cases) {
    it(`${name}.json agrees with zod on every example`, () => {
      const validate = validator(name);
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) {
        // YAML dates come back as strings through JSON, as a portal would send them.
        const json = JSON.parse(JSON.stringify(input));
        expect(validate(json), JSON.stringify(validate.errors)).toBe(
          schema.safeParse(json).success,
        );
      }
    });
  }

  it('rejects a command with a missing field, as zod does', () => {
    const bad = { type: 'task.claim', idempotencyKey: 'k', actorId: 'p1' };
    expect(CommandSchema.safeParse(bad).success).toBe(false);
    expect(validator('command')(bad)).toBe(false);
  });
});
