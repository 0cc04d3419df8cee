import { loadScenario, parseSweep, renderChart, renderReport, runSweep } from '@quanzi/simulate';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallCircle } from './fixtures';

const figures = (html: string) => html.match(/<figure><svg[\s\S]*?<\/svg><\/figure>/g) ?? [];

describe('renderReport', () => {
  const scenario = loadScenario({ ...smallCircle, durationDays: 2 });
  let single = '';
  let swept = '';
  beforeAll(async () => {
    const batch = await runSweep(scenario, { workers: 0 });
    single = await renderReport({ title: 'Small <circle>', description: 'A & B', results: batch });
    const sweep = [parseSweep('scheme.credibilityWeighting=false,true')];
    const results = await runSweep(scenario, { sweep, workers: 0, runs: 2 });
    swept = await renderReport({ title: '小圈子', results, lang: 'zh-CN' });
  });

  it('is one self-contained page: inline SVG charts, no scripts, nothing fetched', () => {
    expect(single.startsWith('<!doctype html>')).toBe(true);
    expect(single).not.toMatch(/<script|<link|<img|@import|src=/i);
    const urls = single.match(/https?:\/\/[^"' )]+/g) ?? [];
    expect(urls.every((url) => url.startsWith('http://www.w3.org/'))).toBe(true);
    expect(single).toContain('Small &#60;circle&#62;');
    expect(single).toContain('A &#38; B');
  });

  it('charts participation, completion, response time, fairness, noise and levels over time', () => {
    for (const title of [
      'Participation (share of agents active each day)',
      'Tasks claimed and resolved per day',
      'Completion',
      'Response time (hours)',
      'Fairness (Gini of completed tasks)',
      'Claims on false reports',
      'Level distribution',
    ])
      expect(single).toContain(title);
    expect(figures(single)).toHaveLength(7);
    expect(single).toContain('<table>');
    expect(single).toContain('participation_rate');
  });

  it('adds a sweep comparison for several settings, in Chinese when asked', () => {
    expect(figures(swept)).toHaveLength(8);
    expect(swept).toContain('参数扫描对比');
    expect(swept).toContain('参与度');
    expect(swept).toContain('scheme.credibilityWeighting=true');
    expect(swept).toContain('lang="zh-CN"');
  });
});

describe('renderReport: intervals and units', () => {
  const scenario = loadScenario({ ...smallCircle, durationDays: 2 });

  it('says "not available" for one run instead of a zero-width interval', async () => {
    const one = await runSweep(scenario, { workers: 0, runs: 1 });
    const html = await renderReport({ title: 'One run', results: one });
    const cells = html.match(/<tr><td>[\s\S]*?<\/tr>/g) ?? [];
    expect(cells.length).toBeGreaterThan(0);
    for (const row of cells) expect(row).toContain('<td>not available (1 run)</td>');
    const zh = await renderReport({ title: '一次运行', results: one, lang: 'zh-CN' });
    expect(zh).toContain('无法估计（仅 1 次运行）');
  });

  it('gives every metric its unit and never an interval below zero for a share', async () => {
    const runs = await runSweep(scenario, { workers: 0, runs: 3 });
    const html = await renderReport({ title: 'Three runs', results: runs });
    expect(html).toContain('<th>unit</th>');
    expect(html).toContain('<td>participation_rate</td><td>share (0–1)</td>');
    expect(html).not.toContain('not available');
    // Axis titles carry the unit too.
    expect(html).toMatch(/<text[^>]*>hours<\/text>/);
    for (const [, low] of html.matchAll(/<td>([-\d.e]+) – [-\d.e]+<\/td><\/tr>/g))
      expect(Number(low)).toBeGreaterThanOrEqual(0);
  });
});

describe('renderChart', () => {
  it('renders a Vega-Lite spec to SVG with its title and one mark per datum', async () => {
    const svg = await renderChart({
      title: 'Claims per day',
      data: { values: [1, 2, 3].map((day) => ({ day, n: day * 2 })) },
      mark: 'point',
      encoding: {
        x: { field: 'day', type: 'quantitative' },
        y: { field: 'n', type: 'quantitative' },
      },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Claims per day');
    const points = svg.match(/aria-label="day: \d; n: \d"/g) ?? [];
    expect(points).toEqual([
      'aria-label="day: 1; n: 2"',
      'aria-label="day: 2; n: 4"',
      'aria-label="day: 3; n: 6"',
    ]);
  });
});
