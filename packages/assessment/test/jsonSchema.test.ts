import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FormulaSchema, loadFormula } from '../src/index';

function safeLoad(value: unknown): boolean {
  try {
    loadFormula(value);
    return true;
  } catch {
    return false;
  }
}

const example = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../examples/formulas/${name}`, import.meta.url)),
    'utf8',
  );

describe('FormulaSchema as JSON Schema (for portals not written in TypeScript)', () => {
  const validate = new Ajv2020({ strict: false }).compile(
    z.toJSONSchema(FormulaSchema, { io: 'input' }),
  );

  it('accepts the example formula files, as loadFormula does', () => {
    for (const text of [
      parseYaml(example('auxiliary-staff.v1.yaml')),
      JSON.parse(example('auxiliary-staff.v2.json')),
    ]) {
      expect(validate(text)).toBe(true);
      expect(safeLoad(text)).toBe(true);
    }
  });

  it('rejects what loadFormula rejects for its shape', () => {
    const broken = {
      ...JSON.parse(example('auxiliary-staff.v2.json')),
      workload: { difficultyWeights: [1, 2] },
    };
    expect(validate(broken)).toBe(false);
    expect(safeLoad(broken)).toBe(false);
  });
});
