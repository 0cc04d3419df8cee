import { bilingualMessage, IdSchema } from '@quanzi/core';
import * as z from 'zod';
import { operatorNames } from './operators';

/** The facts a condition may read: the four objects every decision is made from. */
export const FactIdSchema = z.enum(['participant', 'task', 'circle', 'context']);

/** One of {@link FactIdSchema}. */
export type FactId = z.infer<typeof FactIdSchema>;

/** A simple JSONPath into a fact: `$.level`, `$.roles[0]`, `$.position[1]`. */
export const FactPathSchema = z
  .string()
  .max(200)
  .regex(
    /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+$/,
    bilingualMessage({
      en: 'Use a simple path such as $.level or $.roles[0]',
      'zh-CN': '请使用 $.level 或 $.roles[0] 这样的简单路径',
    }),
  );

/** A value read from another fact instead of written in the rule. */
export const FactReferenceSchema = z.strictObject({
  fact: FactIdSchema,
  path: FactPathSchema.optional(),
});

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

/** What a condition compares with: a scalar, a list of scalars or a fact reference. */
export const ConditionValueSchema = z.union([
  scalar,
  z.array(scalar).max(200),
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

function checkShape(value: Record<string, unknown>, ctx: z.RefinementCtx, topLevel: boolean) {
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

function conditionObject(topLevel: boolean) {
  return z
    .strictObject({
      fact: FactIdSchema.optional(),
      operator: z.enum(operatorNames).optional(),
      path: FactPathSchema.optional(),
      value: ConditionValueSchema.optional(),
      get all(): z.ZodOptional<z.ZodArray<z.ZodType<Condition>>> {
        return z.array(ConditionSchema).min(1).max(50).optional();
      },
      get any(): z.ZodOptional<z.ZodArray<z.ZodType<Condition>>> {
        return z.array(ConditionSchema).min(1).max(50).optional();
      },
      get not(): z.ZodOptional<z.ZodType<Condition>> {
        return ConditionSchema.optional();
      },
      condition: IdSchema.optional(),
      name: z.string().max(200).optional(),
    })
    .superRefine((value, ctx) => checkShape(value, ctx, topLevel));
}

/**
 * Any condition. One object shape with a refinement (rather than a union) so that a
 * mistake deep inside a rule is reported at its exact path.
 */
export const ConditionSchema = conditionObject(false) as unknown as z.ZodType<Condition>;

/** A rule's root condition (json-rules-engine does not accept a bare comparison there). */
export const TopLevelConditionSchema = conditionObject(
  true,
) as unknown as z.ZodType<TopLevelCondition>;
