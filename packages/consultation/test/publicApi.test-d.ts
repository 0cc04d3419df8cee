import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnalysisOptionsInput,
  analyzeRound,
  type ChannelAdapter,
  createRound,
  type FeedbackInput,
  type Round,
  type RoundAnalysis,
  type RoundInput,
  type Stance,
  toVegaLite,
  type VegaLiteSpec,
} from '../src/index';

describe('public types', () => {
  it('infers inputs with defaults optional and outputs with them filled', () => {
    expectTypeOf<RoundInput['item']['media']>().toExtend<unknown[] | undefined>();
    expectTypeOf<Round['item']['media']>().toExtend<unknown[]>();
    expectTypeOf(createRound).returns.toEqualTypeOf<Round>();
  });

  it('names stances and analysis types exactly', () => {
    expectTypeOf<Stance>().toEqualTypeOf<'support' | 'concern' | 'mixed'>();
    expectTypeOf(analyzeRound).parameter(2).toEqualTypeOf<AnalysisOptionsInput | undefined>();
    expectTypeOf(analyzeRound).returns.toEqualTypeOf<RoundAnalysis>();
    expectTypeOf(toVegaLite).returns.toEqualTypeOf<VegaLiteSpec>();
  });

  it('lets a connector return raw records and leaves validation to ingestion', () => {
    expectTypeOf<ReturnType<ChannelAdapter['fetchFeedback']>>().toEqualTypeOf<
      Promise<readonly unknown[]>
    >();
    expectTypeOf<FeedbackInput['kind']>().toEqualTypeOf<'comment' | 'reply' | 'reaction'>();
  });
});
