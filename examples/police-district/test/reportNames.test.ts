import { beforeAll, describe, expect, it } from 'vitest';
import { renderDistrictHtml, renderDistrictText } from '../src/renderDistrict';
import { runDistrict } from '../src/runDistrict';
import { type DistrictSummary, summarizeDistrict } from '../src/summarizeDistrict';

const start = '2026-11-01T00:00:00Z';
// A code as the policy writes it: lower-case words joined by underscores.
const snakeCode = /\b[a-z]+(?:_[a-z]+)+\b/;

describe('the report speaks the policy’s names', () => {
  let summary: DistrictSummary;
  beforeAll(async () => {
    summary = summarizeDistrict(await runDistrict({ days: 3, seed: 5, start }), start);
  });

  it('prints categories, outcomes, roles and tiers by name, never by code', async () => {
    const text = renderDistrictText(summary);
    expect(text).toMatch(/Traffic guidance/);
    expect(text).toMatch(/(?:resolved|unclaimed|accepted|in progress) \d+/);
    expect(text).toMatch(/L0 Resident/);
    expect(text).not.toMatch(snakeCode);
    const html = await renderDistrictHtml(summary);
    expect(html.replace(/<svg[\s\S]*?<\/svg>/g, '')).not.toMatch(snakeCode);
    expect(html).toMatch(/Traffic guidance/);
  });

  it('uses the Chinese names in a Chinese report', () => {
    const text = renderDistrictText(summary, { lang: 'zh-CN' });
    expect(text).toMatch(/交通疏导/);
    expect(text).toMatch(/L0 群众/);
    expect(text).not.toMatch(snakeCode);
  });
});
