import {
  CategorySchema,
  CircleModelSchema,
  DifficultySchema,
  IdSchema,
  LocalizedTextSchema,
  ParticipantKindSchema,
  RoleSchema,
} from '@quanzi/core';
import * as z from 'zod/mini';
import { TopLevelConditionSchema } from './ConditionSchema';

/** The guarded actions (as MTurk's ActionsGuarded): each one has its own rules. */
export const ActionSchema = z.enum(['discover', 'view', 'claim', 'publish', 'verify']);

/** One of {@link ActionSchema}. */
export type Action = z.infer<typeof ActionSchema>;

/** Every guarded action, in a fixed order. */
export const actions: readonly Action[] = ActionSchema.options;

/**
 * A tier: everybody whose level is at least `minLevel` (and below the next tier's)
 * discovers tasks within `radiusMeters` and may claim up to `maxDifficulty`.
 */
export const TierSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  minLevel: z.number().check(z.int(), z.gte(0), z.lte(1000)),
  radiusMeters: z.number().check(z.positive(), z.lte(100_000)),
  maxDifficulty: DifficultySchema,
});

/** One tier of a policy. */
export type Tier = z.infer<typeof TierSchema>;

/**
 * A category as the policy sees it: either an override of a built-in one (only `code`
 * plus the fields to change) or a new category with every field of core's `Category`.
 * `minTier` reserves the category for that tier and above.
 */
export const PolicyCategorySchema = z.extend(z.partial(CategorySchema), {
  code: IdSchema,
  minTier: z.optional(IdSchema),
});

/** A category entry in a policy file. */
export type PolicyCategory = z.infer<typeof PolicyCategorySchema>;

/** Who counts as one of a group: any listed kind or any listed role. */
export const AudienceSchema = z.strictObject({
  kinds: z._default(z.array(ParticipantKindSchema).check(z.maxLength(8)), []),
  roles: z._default(z.array(RoleSchema).check(z.maxLength(32)), []),
});

/** A set of participant kinds and roles. */
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * A custom rule in json-rules-engine's JSON format. When `conditions` hold for one of
 * `actions`, the action is denied with `reason`; `unlock` tells the participant what
 * would change the answer. Custom rules only ever add denials, so they cannot relax
 * the built-in ones (sensitivity scopes, qualifications, separation of duty).
 */
export const CustomRuleSchema = z.strictObject({
  name: IdSchema,
  actions: z.array(ActionSchema).check(z.minLength(1), z.maxLength(5)),
  conditions: TopLevelConditionSchema,
  reason: z.strictObject({
    code: IdSchema,
    message: LocalizedTextSchema,
  }),
  unlock: z.optional(LocalizedTextSchema),
});

/** A custom rule. */
export type CustomRule = z.infer<typeof CustomRuleSchema>;

const defaultPublishers = (): { basic: Audience; extended: Audience } => ({
  basic: { kinds: ['command', 'officer', 'upstream', 'sensor'], roles: ['command_center'] },
  extended: {
    kinds: [
      'command',
      'officer',
      'upstream',
      'sensor',
      'resident',
      'organisation',
      'qualified',
      'team',
    ],
    roles: ['command_center'],
  },
});

/**
 * A circle's policy file: tiers, categories, who may publish and verify,
 * separation-of-duty switches, ranking weights and custom rules.
 *
 * @example
 * import { loadPolicy } from '@quanzi/rules/files';
 * loadPolicy(readFileSync('civilized-city.yaml', 'utf8'), { format: 'yaml' });
 */
export const PolicySchema = z.strictObject({
  version: z.literal(1),
  id: IdSchema,
  name: LocalizedTextSchema,
  /** Overrides the circle's own model (`basic`: model 1, `extended`: model 2). */
  model: z.optional(CircleModelSchema),
  tiers: z.array(TierSchema).check(z.minLength(1), z.maxLength(50)),
  /** Start from core's `defaultCategories` (true) or only from `categories` (false). */
  useDefaultCategories: z._default(z.boolean(), true),
  categories: z._default(z.array(PolicyCategorySchema).check(z.maxLength(500)), []),
  /** Who may publish in each model. */
  publishers: z._default(
    z.strictObject({ basic: AudienceSchema, extended: AudienceSchema }),
    defaultPublishers,
  ),
  /** Who may verify (accept) submitted work; oversight stays with the center. */
  verifiers: z._default(AudienceSchema, { kinds: ['command'], roles: ['command_center'] }),
  separationOfDuty: z._default(
    z.strictObject({
      /** A publisher may not claim their own task. */
      publisherCannotClaim: z._default(z.boolean(), true),
      /** A claimant may not verify the work they submitted. */
      claimantCannotVerify: z._default(z.boolean(), true),
      /** A publisher may not verify their own task (the command center excepted: it must accept what it publishes). */
      publisherCannotVerify: z._default(z.boolean(), false),
    }),
    {
      publisherCannotClaim: true,
      claimantCannotVerify: true,
      publisherCannotVerify: false,
    },
  ),
  /** Weights of the nearby ranking; each term is scaled to 0..1 first. */
  ranking: z._default(
    z.strictObject({
      distance: z._default(z.number().check(z.gte(0), z.lte(100)), 1),
      urgency: z._default(z.number().check(z.gte(0), z.lte(100)), 1),
      credibility: z._default(z.number().check(z.gte(0), z.lte(100)), 0.5),
    }),
    { distance: 1, urgency: 1, credibility: 0.5 },
  ),
  /** Named conditions that custom rules reuse with `{ condition: name }`. */
  conditions: z._default(z.record(IdSchema, TopLevelConditionSchema), {}),
  rules: z._default(z.array(CustomRuleSchema).check(z.maxLength(200)), []),
});

/** A validated policy file (before compilation). */
export type PolicyDocument = z.infer<typeof PolicySchema>;
