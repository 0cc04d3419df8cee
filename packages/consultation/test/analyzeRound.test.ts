import { isQuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import {
  analyzeRound,
  coverageChart,
  optionStanceChart,
  type Stance,
  topicEvolutionChart,
} from '../src/index';
import { runCorpus } from './fixtures/runCorpus';
import {
  answers,
  comments,
  expectedCoverage,
  type KnownTopic,
  synonyms,
  topicWords,
} from './fixtures/squareCorpus';

const known = Object.keys(topicWords) as KnownTopic[];
const topicOf = new Map(comments.map((c) => [c.id, c.topic]));

/** The known topic most of a found topic's items belong to, and that share. */
function majority(itemIds: readonly string[]): { topic: KnownTopic | undefined; purity: number } {
  const votes = new Map<KnownTopic, number>();
  for (const id of itemIds) {
    const topic = topicOf.get(id.startsWith('f') ? 'c13' : id);
    if (topic) votes.set(topic, (votes.get(topic) ?? 0) + 1);
  }
  const [topic, n] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  return { topic, purity: itemIds.length ? n / itemIds.length : 0 };
}

describe('analyzeRound on the bilingual square corpus', async () => {
  const withFlood = await runCorpus({ flood: true });
  const clean = await runCorpus();
  const analysis = analyzeRound(withFlood.round, withFlood.inbox.entries(), {
    synonyms,
    coverage: expectedCoverage,
  });
  const baseline = analyzeRound(clean.round, clean.inbox.entries(), {
    synonyms,
    coverage: expectedCoverage,
  });

  it('finds every known topic, each as one mostly pure cluster named by its words', () => {
    expect(analysis.topics).toHaveLength(known.length);
    const matched = analysis.topics.map((t) => ({ ...majority(t.itemIds), keywords: t.keywords }));
    expect(new Set(matched.map((m) => m.topic))).toEqual(new Set(known));
    for (const m of matched) {
      expect(m.purity).toBeGreaterThanOrEqual(0.8);
      expect(m.keywords.slice(0, 3).some((k) => m.topic && topicWords[m.topic].includes(k))).toBe(
        true,
      );
    }
  });

  it('keeps languages apart without synonyms, and still finds each topic in each language', () => {
    const split = analyzeRound(clean.round, clean.inbox.entries(), { maxTopics: 12 });
    const found = new Set(split.topics.map((t) => majority(t.itemIds).topic));
    expect(found).toEqual(new Set(known));
    expect(split.topics.length).toBeGreaterThan(known.length);
  });

  it('damps the duplicate flood: the flooder is one voice, topics and keyphrases barely move', () => {
    expect(withFlood.report.duplicates + withFlood.report.damped).toBeGreaterThan(100);
    expect(analysis.totals.damped).toBe(withFlood.report.damped);
    const flooderCounted = withFlood.inbox
      .entries()
      .filter((e) => e.author === 'flooder' && e.status === 'counted');
    expect(flooderCounted.length).toBeLessThanOrEqual(15);
    const c = (a: typeof analysis) => a.options.find((o) => o.optionId === 'bike_parking');
    expect(c(analysis)?.concerned).toBe((c(baseline)?.concerned ?? 0) + 1);
    expect(c(analysis)?.supporters).toBe(c(baseline)?.supporters);
    const top = (a: typeof analysis) => a.keyphrases.slice(0, 8).map((k) => k.term);
    expect(top(analysis)).toEqual(top(baseline));
  });

  it('counts people per option as the labels say', () => {
    const people = (optionId: string, stance: Stance) =>
      [...comments, ...answers].filter((c) => c.stance?.[optionId] === stance).length;
    for (const score of baseline.options) {
      expect(score.supporters).toBe(people(score.optionId, 'support'));
      expect(score.concerned).toBe(people(score.optionId, 'concern'));
    }
    const riverside = baseline.options.find((o) => o.optionId === 'riverside');
    expect(riverside?.byGroup.elderly?.concern).toBeGreaterThanOrEqual(4);
    expect(riverside?.concerns.map((k) => k.term)).toContain('老人');
  });

  it('shows whose voice is missing', () => {
    expect(analysis.coverage.missing).toEqual({ areas: ['west'], groups: ['renters'] });
    const renters = analysis.coverage.groups.find((g) => g.id === 'renters');
    expect(renters).toMatchObject({ voices: 0, ratio: 0, missing: true });
    expect(analysis.coverage.groups.reduce((sum, g) => sum + g.share, 0)).toBeCloseTo(1);
  });

  it('tracks topics across daily windows: parking grows while noise fades', () => {
    expect(analysis.evolution.windows).toHaveLength(3);
    const track = (topic: KnownTopic) =>
      analysis.evolution.tracks.find(
        (t) =>
          majority(analysis.topics.find((x) => x.id === t.topicId)?.itemIds ?? []).topic === topic,
      );
    expect(track('parking')?.trend).toBe('growing');
    expect(track('noise')?.trend).toBe('fading');
    const noise = track('noise');
    expect(noise?.authors.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('turns the analysis into chart series', () => {
    const chart = topicEvolutionChart(analysis.evolution);
    expect(chart.series).toHaveLength(analysis.topics.length);
    expect(chart.series[0]?.points.map((p) => p.x)).toEqual(
      analysis.evolution.windows.map((w) => w.start),
    );
    expect(chart.series[0]?.points.map((p) => p.y)).toEqual(analysis.evolution.tracks[0]?.authors);
    const stance = optionStanceChart(analysis.options);
    expect(stance.series.find((s) => s.name === 'support')?.points.map((p) => p.y)).toEqual(
      analysis.options.map((o) => o.supporters),
    );
    expect(
      coverageChart(analysis.coverage).series[1]?.points.find((p) => p.x === 'renters')?.y,
    ).toBeCloseTo(2 / 11);
  });

  it('rejects bad analysis options with a field path', () => {
    try {
      analyzeRound(clean.round, [], { windowHours: -1 });
      expect.unreachable();
    } catch (error) {
      expect(isQuanziError(error) && error.path).toEqual(['options', 'windowHours']);
    }
  });
});
