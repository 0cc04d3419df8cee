import { parseInput } from '@quanzi/core';
import type * as z from 'zod/mini';
import { type Command, CommandSchema } from './commandSchemas';

/** A check compiled from a leaf schema: whether zod would accept the value unchanged. */
type Compiled = (value: unknown) => boolean;

interface SchemaDef {
  readonly type: string;
  readonly coerce?: boolean;
  readonly checks?: ReadonlyArray<z.core.$ZodCheck>;
  readonly values?: ReadonlyArray<unknown>;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly catchall?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly options?: ReadonlyArray<z.core.$ZodType>;
  readonly discriminator?: string;
}

interface CheckDef {
  readonly check: string;
  readonly when?: (payload: { value: unknown; issues: unknown[] }) => boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly value?: number;
  readonly inclusive?: boolean;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as SchemaDef;

/** A string's length and pattern checks; `undefined` for any other check. */
function compileString(def: SchemaDef): Compiled | undefined {
  const tests: Array<{ test: (s: string) => boolean; when: CheckDef['when'] }> = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def as unknown as CheckDef;
    const { minimum, maximum, pattern } = c;
    // A length check runs `when` the value has a length (zod's own guard), as here.
    if (c.check === 'min_length' && minimum !== undefined)
      tests.push({ test: (s) => s.length >= minimum, when: c.when });
    else if (c.check === 'max_length' && maximum !== undefined)
      tests.push({ test: (s) => s.length <= maximum, when: c.when });
    else if (c.check === 'string_format' && c.format === 'regex' && pattern && !c.when)
      tests.push({
        test: (s) => {
          pattern.lastIndex = 0;
          return pattern.test(s);
        },
        when: undefined,
      });
    else return undefined;
  }
  return (value) => {
    if (typeof value !== 'string') return false;
    const payload = { value, issues: [] };
    for (const { test, when } of tests) {
      if (typeof when === 'function' && !when(payload)) continue;
      if (!test(value)) return false;
    }
    return true;
  };
}

/** A finite number's integer and bound checks; `undefined` for any other check. */
function compileNumber(def: SchemaDef): Compiled | undefined {
  const tests: Array<(n: number) => boolean> = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def as unknown as CheckDef;
    const bound = c.value;
    if (c.when !== undefined) return undefined;
    if (c.check === 'number_format' && c.format === 'safeint') tests.push(Number.isSafeInteger);
    else if (c.check === 'greater_than' && bound !== undefined)
      tests.push(c.inclusive ? (n) => n >= bound : (n) => n > bound);
    else if (c.check === 'less_than' && bound !== undefined)
      tests.push(c.inclusive ? (n) => n <= bound : (n) => n < bound);
    else return undefined;
  }
  return (value) =>
    typeof value === 'number' && Number.isFinite(value) && tests.every((test) => test(value));
}

function compileLeaf(schema: z.core.$ZodType): Compiled | undefined {
  const def = defOf(schema);
  if (def.coerce) return undefined;
  if (def.type === 'string') return compileString(def);
  if (def.type === 'number') return compileNumber(def);
  if (def.type === 'boolean' && (def.checks ?? []).length === 0)
    return (value) => typeof value === 'boolean';
  if (def.type === 'literal' && (def.checks ?? []).length === 0) {
    const values = def.values ?? [];
    return (value) => values.includes(value);
  }
  return undefined;
}

/**
 * A strict object of leaves, some optional: returns the object zod would return (keys
 * in shape order), or `undefined` for anything else, an optional key that is present
 * included, so that zod decides (and words the error) whenever in doubt.
 */
function compileObject(schema: z.core.$ZodType) {
  const def = defOf(schema);
  if (def.type !== 'object' || !def.shape || defOf(def.catchall ?? schema).type !== 'never')
    return undefined;
  if ((def.checks ?? []).length > 0) return undefined;
  const fields: Array<{ key: string; check: Compiled | undefined; optional: boolean }> = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const fieldDef = defOf(field);
    const optional = fieldDef.type === 'optional' && (fieldDef.checks ?? []).length === 0;
    const check = compileLeaf(optional && fieldDef.innerType ? fieldDef.innerType : field);
    // A required field zod alone can check leaves this command to zod.
    if (!check && !optional) return undefined;
    fields.push({ key, check, optional });
  }
  const known = new Set(fields.map((field) => field.key));
  return (input: Record<string, unknown>): Record<string, unknown> | undefined => {
    // zod's strict check walks `for…in`; so does this one.
    for (const key in input) if (!known.has(key)) return undefined;
    const out: Record<string, unknown> = {};
    for (const { key, check, optional } of fields) {
      if (optional) {
        if (key in input) return undefined;
        continue;
      }
      const value = input[key];
      if (!check?.(value)) return undefined;
      out[key] = value;
    }
    return out;
  };
}

type CompiledObject = NonNullable<ReturnType<typeof compileObject>>;

// The commands made of plain fields (ids, texts, numbers), by type: most of a circle's
// traffic. Compiled once from the schemas themselves, so the two never disagree.
const compiledByType = new Map<unknown, CompiledObject>();
for (const option of defOf(CommandSchema).options ?? []) {
  const compiled = compileObject(option);
  const type = defOf(defOf(option).shape?.type ?? option).values?.[0];
  if (compiled && typeof type === 'string') compiledByType.set(type, compiled);
}

/**
 * The validated command, as `parseInput(CommandSchema, input)` returns it: commands of
 * plain fields are checked by a check compiled from their schema (zod/mini has no JIT
 * for objects), everything else, and every input the compiled check does not pass, by
 * zod itself, which also words the errors.
 */
export function parseCommand(input: unknown): Command {
  if (
    typeof input === 'object' &&
    input !== null &&
    Object.getPrototypeOf(input) === Object.prototype
  ) {
    const fields = input as Record<string, unknown>;
    const compiled = compiledByType.get(fields.type);
    const command = compiled?.(fields);
    if (command) return command as Command;
  }
  return parseInput(CommandSchema, input, { path: [] });
}
