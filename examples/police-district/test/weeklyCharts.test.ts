import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod } from '../src/formatDate';
import { outcomeColour } from '../src/outcomeColour';
import { renderDistrictHtml, renderDistrictText } from '../src/renderDistrict';
import { runDistrict } from '../src/runDistrict';
import { type DistrictSummary, summarizeDistrict } from '../src/summarizeDistrict';
import { weeksOf } from '../src/weeksOf';

// A Sunday: the first week has one day, the last (9–10 Nov) two.
const start = '2026-11-01T00:00:00Z';
const isoDate = /\d{4}-\d{2}-\d{2}/;

describe('weekly charts a chief can read', () => {
  let summary: DistrictSummary;
  beforeAll(async () => {
    summary = summarizeDistrict(await runDistrict({ days: 10, seed: 5, start }), start);
  });

  it('marks the partial weeks at both ends instead of counting them as weeks', () => {
    const weeks = weeksOf(summary.health.sustainability.buckets, 'en');
    expect(weeks.map(({ label, days, partial }) => ({ label, days, partial }))).toEqual([
      { label: '1 Nov', days: 1, partial: true },
      { label: '2 Nov – 8 Nov', days: 7, partial: false },
      { label: '9 Nov – 10 Nov', days: 2, partial: true },
    ]);
  });

  it('prints dates in the report’s language, never as ISO strings', async () => {
    const en = await renderDistrictHtml(summary, { lang: 'en' });
    const zh = await renderDistrictHtml(summary, { lang: 'zh-CN' });
    expect(en).toContain('1 Nov 2026 – 10 Nov 2026');
    expect(en).toContain('2 Nov – 8 Nov');
    expect(zh).toContain('2026年11月1日 – 2026年11月10日');
    expect(zh).toContain('11月2日 – 11月8日');
    for (const text of [
      en,
      zh,
      renderDistrictText(summary),
      renderDistrictText(summary, { lang: 'zh-CN' }),
    ])
      expect(text).not.toMatch(isoDate);
    // The axis lists the weeks in calendar order, partial ones included.
    const at = (label: string) => en.indexOf(`>${label}</text>`);
    expect(at('1 Nov')).toBeGreaterThan(-1);
    expect(at('1 Nov')).toBeLessThan(at('2 Nov – 8 Nov'));
    expect(at('2 Nov – 8 Nov')).toBeLessThan(at('9 Nov – 10 Nov'));
    expect(formatPeriod('2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 'en')).toBe('30 Nov 2026');
    // Week labels are wider than a week's band: slanted, they do not run into each other.
    for (const [html, lang] of [
      [en, 'en'],
      [zh, 'zh-CN'],
    ] as const)
      for (const { label } of weeksOf(summary.health.sustainability.buckets, lang))
        expect(html).toMatch(new RegExp(`rotate\\(330\\)[^>]*>${label}</text>`));
  });

  it('draws resolved work green and keeps red for what went wrong', async () => {
    const red = /^#(?:d62728|a50f15)$/;
    for (const good of ['resolved', 'accepted']) expect(outcomeColour(good)).not.toMatch(red);
    for (const bad of ['expired', 'closed_not_fixed']) expect(outcomeColour(bad)).toMatch(red);
    const html = await renderDistrictHtml(summary);
    expect(summary.byCategory.some(({ outcomes }) => (outcomes.resolved ?? 0) > 0)).toBe(true);
    expect(html).toContain(`fill="${outcomeColour('resolved')}"`);
    const wentWrong = summary.byCategory.some(({ outcomes }) =>
      Object.keys(outcomes).some((code) => red.test(outcomeColour(code))),
    );
    if (!wentWrong) expect(html).not.toMatch(/#d62728|#a50f15/);
    // The partial weeks are drawn in the grey the legend calls "partial week".
    expect(html).toContain('#b0b0b0');
    expect(html).toContain('partial week (not comparable)');
  });
});
