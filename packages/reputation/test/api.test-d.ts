import { expectTypeOf, it } from 'vitest';
import {
  createReputationProjection,
  type LevelChange,
  type ReputationConfig,
  ReputationConfigSchema,
  type ReputationFinding,
} from '../src/index';

it('infers the public types', () => {
  const reputation = createReputationProjection();
  expectTypeOf(reputation.apply).returns.toEqualTypeOf<LevelChange[]>();
  expectTypeOf(reputation.profile('p', '2026-01-01T00:00:00Z').level.current).toBeNumber();
  expectTypeOf(reputation.rankingWeight).returns.toBeNumber();
  expectTypeOf<LevelChange['reason']>().toEqualTypeOf<
    'promotion' | 'demotion' | 'decay' | 'approval' | 'recompute'
  >();
  expectTypeOf(ReputationConfigSchema.parse({})).toEqualTypeOf<ReputationConfig>();
  expectTypeOf<ReputationFinding['kind']>().toEqualTypeOf<'recurring_pair' | 'self_dealing'>();
});
