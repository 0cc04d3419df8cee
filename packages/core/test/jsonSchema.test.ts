import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { publicSchemas } from '../src/index';
import { invalidFixtures } from './fixtures/invalid';
import { validFixtures } from './fixtures/valid';

// The published JSON Schema must agree with zod on every fixture, both ways: a
// non-TypeScript portal that validates with it accepts and rejects the same payloads.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = Object.fromEntries(
  Object.entries(publicSchemas).map(([name, schema]) => [
    name,
    ajv.compile(z.toJSONSchema(schema, { io: 'input' }) as object),
  ]),
);

const jsonSafe = (value: unknown) => {
  // JSON has no NaN or Infinity; what a portal would send is what JSON.stringify makes.
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};

describe('JSON Schema round trip', () => {
  for (const [name, inputs] of Object.entries(validFixtures)) {
    it(`JSON Schema accepts what zod accepts: ${name}`, () => {
      for (const input of inputs)
        expect(validators[name]?.(input), JSON.stringify(validators[name]?.errors)).toBe(true);
    });
  }

  it('JSON Schema rejects what zod rejects on the invalid corpus', () => {
    for (const fixture of invalidFixtures) {
      const input = jsonSafe(fixture.input);
      const zodOk = z.safeParse(publicSchemas[fixture.schema] ?? z.never(), input).success;
      expect(validators[fixture.schema]?.(input), fixture.why).toBe(zodOk);
    }
  });

  it('agrees with zod on mutated task payloads', () => {
    const base = validFixtures.task?.[1] as Record<string, unknown>;
    const keys = Object.keys(base);
    const mutation = fc.record({
      key: fc.constantFrom(...keys),
      value: fc.oneof(fc.jsonValue(), fc.constant(undefined)),
    });
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 3 }), (mutations) => {
        const input: Record<string, unknown> = structuredClone(base);
        for (const { key, value } of mutations) input[key] = value;
        const json = jsonSafe(input);
        expect(validators.task?.(json)).toBe(
          z.safeParse(publicSchemas.task ?? z.never(), json).success,
        );
      }),
      { numRuns: 300 },
    );
  });
});
