import type * as z from 'zod/mini';

/** What a compiled check returns for a value it does not pass (zod then decides and words why). */
export const notPassed: unique symbol = Symbol('notPassed');

/** A check compiled from a zod schema: zod's output for a value it accepts, {@link notPassed} otherwise. */
export type CompiledSchema = (value: unknown) => unknown;

interface SchemaDef {
  readonly type: string;
  readonly coerce?: boolean;
  readonly check?: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly checks?: ReadonlyArray<z.core.$ZodCheck>;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly catchall?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly items?: ReadonlyArray<z.core.$ZodType>;
  readonly rest?: z.core.$ZodType | null;
  readonly options?: ReadonlyArray<z.core.$ZodType>;
  readonly discriminator?: string;
  readonly unionFallback?: boolean;
  readonly defaultValue?: unknown;
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
  readonly fn?: (value: unknown) => unknown;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as SchemaDef;
const checksOf = (def: SchemaDef) => (def.checks ?? []).map((c) => c._zod.def as CheckDef);
// Formats that are their pattern and nothing more (an url or an e-mail check does more).
const patternFormats: ReadonlySet<string | undefined> = new Set(['regex', 'datetime']);

/** A length or pattern test of a string or an array; `undefined` for any other check. */
function lengthOrPattern(c: CheckDef): ((value: string | unknown[]) => boolean) | undefined {
  const { minimum, maximum, pattern } = c;
  if (c.check === 'min_length' && minimum !== undefined) return (v) => v.length >= minimum;
  if (c.check === 'max_length' && maximum !== undefined) return (v) => v.length <= maximum;
  if (c.check === 'string_format' && patternFormats.has(c.format) && pattern && !c.when)
    return (v) => {
      pattern.lastIndex = 0;
      return pattern.test(v as string);
    };
  return undefined;
}

/** The tests of `checks` with their `when` guards (zod's own: a value with a length). */
function testsOf(checks: ReadonlyArray<CheckDef>) {
  const tests: Array<{ test: (v: string | unknown[]) => boolean; when: CheckDef['when'] }> = [];
  for (const c of checks) {
    const test = lengthOrPattern(c);
    if (!test) return undefined;
    tests.push({ test, when: c.when });
  }
  return tests;
}

function passes(tests: NonNullable<ReturnType<typeof testsOf>>, value: string | unknown[]) {
  for (const { test, when } of tests) {
    if (typeof when === 'function' && !when({ value, issues: [] })) continue;
    if (!test(value)) return false;
  }
  return true;
}

function compileString(def: SchemaDef): CompiledSchema | undefined {
  // A format schema (an ISO instant) is its own check.
  const own = def.check === undefined ? [] : [def as unknown as CheckDef];
  const tests = testsOf([...own, ...checksOf(def)]);
  if (!tests) return undefined;
  return (value) => (typeof value === 'string' && passes(tests, value) ? value : notPassed);
}

function compileNumber(def: SchemaDef): CompiledSchema | undefined {
  const tests: Array<(n: number) => boolean> = [];
  // A format schema (`z.int()`) is its own check.
  const own = def.check === undefined ? [] : [def as unknown as CheckDef];
  for (const c of [...own, ...checksOf(def)]) {
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
    typeof value === 'number' && Number.isFinite(value) && tests.every((test) => test(value))
      ? value
      : notPassed;
}

function compileArray(def: SchemaDef): CompiledSchema | undefined {
  const element = def.element && compileSchema(def.element);
  const tests = testsOf(checksOf(def));
  if (!element || !tests) return undefined;
  return (value) => {
    if (!Array.isArray(value) || !passes(tests, value)) return notPassed;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const item = element(value[i]);
      if (item === notPassed) return notPassed;
      out.push(item);
    }
    return out;
  };
}

function compileTuple(def: SchemaDef): CompiledSchema | undefined {
  if (def.rest || checksOf(def).length > 0) return undefined;
  const items = (def.items ?? []).map(compileSchema);
  if (items.some((item) => item === undefined)) return undefined;
  const compiled = items as CompiledSchema[];
  return (value) => {
    if (!Array.isArray(value) || value.length !== compiled.length) return notPassed;
    const out: unknown[] = [];
    for (let i = 0; i < compiled.length; i += 1) {
      const item = (compiled[i] as CompiledSchema)(value[i]);
      if (item === notPassed) return notPassed;
      out.push(item);
    }
    return out;
  };
}

/** How an object field's absence is treated, from zod's own `optin`/`optout` marks. */
type Presence = 'required' | 'optional' | 'defaulted' | 'optionalDefaulted';

function presenceOf(schema: z.core.$ZodType): Presence | undefined {
  const { optin, optout } = schema._zod;
  if (optin === undefined) return optout === undefined ? 'required' : undefined;
  if (optin === 'optional') return optout === 'optional' ? 'optional' : undefined;
  if (optin === 'defaulted') return optout === 'optional' ? 'optionalDefaulted' : 'defaulted';
  return undefined;
}

function compileObject(def: SchemaDef): CompiledSchema | undefined {
  if (!def.shape || Object.getOwnPropertySymbols(def.shape).length > 0) return undefined;
  const catchall = def.catchall && defOf(def.catchall).type;
  // Strict (unknown keys refused) or stripping (unknown keys dropped); nothing else.
  if (catchall !== undefined && catchall !== 'never') return undefined;
  const refinements: Array<(value: unknown) => unknown> = [];
  for (const c of checksOf(def)) {
    if (c.check !== 'custom' || !c.fn || c.when) return undefined;
    refinements.push(c.fn);
  }
  const fields: Array<{ key: string; check: CompiledSchema; presence: Presence }> = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const check = compileSchema(field);
    const presence = presenceOf(field);
    if (!check || !presence || key === '__proto__') return undefined;
    fields.push({ key, check, presence });
  }
  const known = new Set(fields.map((field) => field.key));
  const strict = catchall === 'never';
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return notPassed;
    const input = value as Record<string, unknown>;
    // zod's strict check walks `for…in`; so does this one.
    if (strict) for (const key in input) if (!known.has(key)) return notPassed;
    const out: Record<string, unknown> = {};
    for (const { key, check, presence } of fields) {
      const present = key in input;
      if (!present && (presence === 'required' || presence === 'optional')) {
        if (presence === 'required') return notPassed;
        continue;
      }
      const result = check(input[key]);
      if (result === notPassed) return notPassed;
      if (present || presence === 'defaulted' || result !== undefined) out[key] = result;
    }
    for (const refine of refinements) {
      const ok = refine(out);
      // A refinement that answers later is zod's to wait for.
      if (ok instanceof Promise || !ok) return notPassed;
    }
    return out;
  };
}

/** One option per discriminator value, as zod picks it; an option it cannot compile is zod's. */
function compileDiscriminated(def: SchemaDef): CompiledSchema | undefined {
  const key = def.discriminator;
  if (key === undefined || def.unionFallback || checksOf(def).length > 0) return undefined;
  const byValue = new Map<unknown, CompiledSchema>();
  for (const option of def.options ?? []) {
    const values = option._zod.propValues?.[key];
    if (!values) return undefined;
    const compiled = compileSchema(option) ?? (() => notPassed);
    for (const v of values) byValue.set(v, compiled);
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return notPassed;
    const option = byValue.get((value as Record<string, unknown>)[key]);
    return option ? option(value) : notPassed;
  };
}

/**
 * A check compiled once from `schema` that returns exactly what zod's parse returns for
 * every value it passes (same value, same key order, defaults filled in), and
 * {@link notPassed} for anything it does not pass, which zod then decides and words.
 * `undefined` when the schema uses something this compiler does not mirror
 * (transforms, pipes, formats beyond a pattern, …). zod/mini has no JIT of its own,
 * and walking its schema objects per value cost more than the rest of a command.
 */
export function compileSchema(schema: z.core.$ZodType): CompiledSchema | undefined {
  const def = defOf(schema);
  if (def.coerce) return undefined;
  const noChecks = checksOf(def).length === 0;
  switch (def.type) {
    case 'string':
      return compileString(def);
    case 'number':
      return compileNumber(def);
    case 'boolean':
      return noChecks ? (value) => (typeof value === 'boolean' ? value : notPassed) : undefined;
    case 'unknown':
      return noChecks ? (value) => value : undefined;
    case 'literal':
    case 'enum': {
      const values = schema._zod.values;
      return noChecks && values
        ? (value) => (values.has(value as never) ? value : notPassed)
        : undefined;
    }
    case 'optional': {
      const inner = def.innerType && compileSchema(def.innerType);
      // An optional around a default substitutes for absence: left to zod.
      if (!inner || !noChecks || def.innerType?._zod.optin === 'defaulted') return undefined;
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'nullable': {
      const inner = def.innerType && compileSchema(def.innerType);
      if (!inner || !noChecks) return undefined;
      return (value) => (value === null ? null : inner(value));
    }
    case 'default': {
      const inner = def.innerType && compileSchema(def.innerType);
      if (!inner || !noChecks) return undefined;
      // `defaultValue` is zod's getter: a fresh copy of the default each time.
      return (value) => {
        const result = value === undefined ? def.defaultValue : inner(value);
        return result === undefined ? def.defaultValue : result;
      };
    }
    case 'array':
      return compileArray(def);
    case 'tuple':
      return compileTuple(def);
    case 'object':
      return compileObject(def);
    case 'union':
      return compileDiscriminated(def);
    default:
      return undefined;
  }
}
