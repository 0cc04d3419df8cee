import fc from 'fast-check';

/** A JSON Schema node as the OpenAPI document holds it (the subset zod generates). */
export type JsonSchema = Record<string, unknown>;

/** What a generator may draw besides the schema: ids the service knows, so requests reach deep. */
export interface ArbitraryContext {
  /** The document whose `#/components/schemas/...` references are followed. */
  readonly document: { components: { schemas: Record<string, JsonSchema> } };
  /** Known ids, drawn for id-shaped strings half of the time. */
  readonly ids: ReadonlyArray<string>;
}

const idPattern = '^[A-Za-z0-9_.:-]+$';
const maxDepth = 6;

function stringArbitrary(schema: JsonSchema, context: ArbitraryContext): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, minLength + 40);
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
  if (schema.format === 'uri' || schema.format === 'url') return fc.webUrl();
  const pattern = schema.pattern as string | undefined;
  const plain = fc.string({ minLength, maxLength, unit: 'grapheme' });
  if (pattern === undefined) return plain;
  const regex = new RegExp(pattern, 'u');
  // Cut to the length bound, then keep what still matches: a filter that rarely passes
  // would make fast-check retry without end.
  const drawn = fc
    .stringMatching(regex, { size: 'small' })
    .map((text) => text.slice(0, maxLength))
    .filter((text) => text.length >= minLength && regex.test(text));
  return pattern === idPattern && context.ids.length > 0
    ? fc.oneof(fc.constantFrom(...context.ids), drawn)
    : drawn;
}

/**
 * Values that a JSON Schema describes, drawn with fast-check: enough of JSON Schema
 * 2020-12 for what `z.toJSONSchema` emits (refs, unions, objects, tuples, formats,
 * patterns and bounds). Deep recursion is cut off with the shortest branch.
 */
export function schemaArbitrary(
  schema: JsonSchema,
  context: ArbitraryContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = context.document.components.schemas[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return schemaArbitrary(target, context, depth + 1);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) {
    const options = depth > maxDepth ? union.slice(0, 1) : union;
    return fc.oneof(...options.map((option) => schemaArbitrary(option, context, depth + 1)));
  }
  if (Array.isArray(schema.allOf))
    return schemaArbitrary(schema.allOf[0] as JsonSchema, context, depth + 1);
  if (Array.isArray(schema.type))
    return fc.oneof(
      ...(schema.type as string[]).map((type) =>
        schemaArbitrary({ ...schema, type }, context, depth),
      ),
    );
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, context);
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: Math.min((schema.maximum as number | undefined) ?? 1000, 1_000_000),
      });
    case 'number':
      return fc.double({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: (schema.maximum as number | undefined) ?? 1000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const prefix = schema.prefixItems as JsonSchema[] | undefined;
      if (prefix)
        return fc.tuple(...prefix.map((item) => schemaArbitrary(item, context, depth + 1)));
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const maxLength = Math.min(
        (schema.maxItems as number | undefined) ?? minLength + 3,
        depth > maxDepth ? minLength : minLength + 3,
      );
      return fc.array(schemaArbitrary(items, context, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(properties).filter((key) => depth <= maxDepth || required.has(key));
      return fc.record(
        Object.fromEntries(
          keys.map((key) => [
            key,
            schemaArbitrary(properties[key] as JsonSchema, context, depth + 1),
          ]),
        ),
        { requiredKeys: keys.filter((key) => required.has(key)) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
