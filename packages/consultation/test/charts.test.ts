import { createSeededRandom } from '@quanzi/core/prng';
import fc from 'fast-check';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  analyzeRound,
  coverageChart,
  optionStanceChart,
  sampleForReview,
  topicEvolutionChart,
  toVegaLite,
} from '../src/index';
import { runCorpus } from './fixtures/runCorpus';
import { expectedCoverage, synonyms } from './fixtures/squareCorpus';

// Typed as vega-lite's own spec: `toVegaLite` must be assignable without a cast.
async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

describe('toVegaLite', async () => {
  const { round, inbox } = await runCorpus();
  const analysis = analyzeRound(round, inbox.entries(), { synonyms, coverage: expectedCoverage });

  it('renders topic evolution, stance and coverage to SVG with vega, as the simulate report does', async () => {
    const evolution = await toSvg(toVegaLite(topicEvolutionChart(analysis.evolution)));
    expect(evolution).toContain('<svg');
    expect(evolution).toContain('话题演化');
    expect(evolution).toContain(analysis.evolution.tracks[0]?.label ?? '?');
    const stance = await toSvg(toVegaLite(optionStanceChart(analysis.options), 'en'));
    expect(stance).toContain('Stance by option');
    expect(await toSvg(toVegaLite(coverageChart(analysis.coverage, 'areas'), 'en'))).toContain(
      'Voices by area',
    );
  });

  it('carries every point inline, one row per series and x', () => {
    const chart = topicEvolutionChart(analysis.evolution);
    const spec = toVegaLite(chart) as {
      data: { values: Array<{ x: string; y: number; series: string }> };
    };
    expect(spec.data.values).toHaveLength(chart.series.length * analysis.evolution.windows.length);
    const total = spec.data.values.reduce((sum, row) => sum + row.y, 0);
    expect(total).toBe(
      analysis.evolution.tracks.flatMap((t) => t.authors).reduce((a, b) => a + b, 0),
    );
  });
});

describe('sampleForReview', () => {
  it('draws the same sample for the same seed and a different one for another', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect(sampleForReview(items, 10, createSeededRandom(7))).toEqual(
      sampleForReview(items, 10, createSeededRandom(7)),
    );
    expect(sampleForReview(items, 10, createSeededRandom(7))).not.toEqual(
      sampleForReview(items, 10, createSeededRandom(8)),
    );
  });

  it('returns distinct items of the input, as many as asked or all (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer(), { maxLength: 50 }),
        fc.integer({ min: -2, max: 60 }),
        fc.integer(),
        (items, size, seed) => {
          const sample = sampleForReview(items, size, createSeededRandom(seed));
          expect(sample).toHaveLength(Math.max(0, Math.min(size, items.length)));
          expect(new Set(sample).size).toBe(sample.length);
          expect(sample.every((x) => items.includes(x))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
