import { bilingualMessage, IdSchema } from '@quanzi/core';
import * as z from 'zod/mini';
import { operatorNames } from './operators';

/** The facts a condition may read: the four objects every decision is made from. */
export const FactIdSchema = z.enum(['participant', 'task', 'circle', 'context']);

/** One of {@link FactIdSchema}. */
export type FactId = z.infer<typeof FactIdSchema>;

/** A simple JSONPath into a fact: `$.level`, `$.roles[0]`, `$.position[1]`. */
export const FactPathSchema = z.string().check(
  z.maxLength(200),
  z.regex(
    /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+$/,
    bilingualMessage({
      en: 'Use a simple path such as $.level or $.roles[0]',
      'zh-CN': '请使用 $.level 或 $.roles[0] 这样的简单路径',
    }),
  ),
);

/** A value read from another fact instead of written in the rule. */
export const FactReferenceSchema = z.strictObject({
  fact: FactIdSchema,
  path: z.optional(FactPathSchema),
});

const scalar = z.union([z.string().check(z.maxLength(500)), z.number(), z.boolean(), z.null()]);

/** What a condition compares with: a scalar, a list of scalars or a fact reference. */
export const ConditionValueSchema = z.union([
  scalar,
  z.array(scalar).check(z.maxLength(200)),
  FactReferenceSchema,
]);

/** One comparison, e.g. `{ fact: 'participant', operator: 'levelAtLeast', value: 3 }`. */
export interface FactCondition {
  fact: FactId;
  operator: (typeof operatorNames)[number];
  value: z.infer<typeof ConditionValueSchema>;
  path?: string;
  name?: string;
}

/** A condition in json-rules-engine's JSON format: a comparison, all/any/not, or a reference. */
export type Condition =
  | FactCondition
  | { all: Condition[]; name?: string }
  | { any: Condition[]; name?: string }
  | { not: Condition; name?: string }
  | { condition: string; name?: string };

/** A rule's root condition: all/any/not or a reference to a named condition. */
export type TopLevelCondition = Exclude<Condition, FactCondition>;

const branchKeys = ['fact', 'all', 'any', 'not', 'condition'] as const;

function checkShape(value: Record<string, unknown>, ctx: z.core.$RefinementCtx, topLevel: boolean) {
  const present = branchKeys.filter((key) => value[key] !== undefined);
  if (present.length !== 1 || (topLevel && present[0] === 'fact')) {
    const allowed = topLevel ? 'all, any, not or condition' : 'fact, all, any, not or condition';
    ctx.addIssue({
      code: 'custom',
      message: bilingualMessage({
        en: `Use exactly one of ${allowed}`,
        'zh-CN': `只能使用 ${allowed} 中的一个`,
      }),
    });
    return;
  }
  if (present[0] === 'fact') {
    for (const key of ['operator', 'value'] as const) {
      if (value[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: bilingualMessage({
            en: `A comparison needs "${key}"`,
            'zh-CN': `比较条件缺少 "${key}"`,
          }),
        });
    }
  } else {
    for (const key of ['operator', 'value', 'path'] as const) {
      if (value[key] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: bilingualMessage({
            en: `"${key}" belongs to a comparison with "fact"`,
            'zh-CN': `"${key}" 只能用于含 "fact" 的比较条件`,
          }),
        });
    }
  }
}

// A lazy reference rather than shape getters: zod/mini's `.check()` copies the
// object's definition, which reads every getter before ConditionSchema exists.
const nested = z.lazy((): z.ZodMiniType<Condition> => ConditionSchema);
// One instance per field, so the published JSON Schema inlines each list as before.
const nestedList = () => z.optional(z.array(nested).check(z.minLength(1), z.maxLength(50)));

function conditionObject(topLevel: boolean) {
  return z
    .strictObject({
      fact: z.optional(FactIdSchema),
      operator: z.optional(z.enum(operatorNames)),
      path: z.optional(FactPathSchema),
      value: z.optional(ConditionValueSchema),
      all: nestedList(),
      any: nestedList(),
      not: z.optional(nested),
      condition: z.optional(IdSchema),
      name: z.optional(z.string().check(z.maxLength(200))),
    })
    .check(z.superRefine((value, ctx) => checkShape(value, ctx, topLevel)));
}

/**
 * Any condition. One object shape with a refinement (rather than a union) so that a
 * mistake deep inside a rule is reported at its exact path.
 */
export const ConditionSchema = conditionObject(false) as unknown as z.ZodMiniType<Condition>;

/** A rule's root condition (json-rules-engine does not accept a bare comparison there). */
export const TopLevelConditionSchema = conditionObject(
  true,
) as unknown as z.ZodMiniType<TopLevelCondition>;
