import { isQuanziError } from '@quanzi/core';
import { createMemoryEventStore } from '@quanzi/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLang } from '../src/parseLang';
import { renderDistrictHtml, renderDistrictText } from '../src/renderDistrict';
import { runDistrict } from '../src/runDistrict';
import { type DistrictSummary, summarizeDistrict } from '../src/summarizeDistrict';

const start = '2026-11-01T00:00:00Z';
const han = /\p{Script=Han}/u;

describe('one language per report', () => {
  let summary: DistrictSummary;
  let names: string[];
  let audit: Awaited<ReturnType<ReturnType<typeof createMemoryEventStore>['verifyAudit']>>;
  beforeAll(async () => {
    const store = createMemoryEventStore();
    const run = await runDistrict({ days: 3, seed: 5, start, store });
    summary = summarizeDistrict(run, start);
    names = run.engine
      .getPrivilegedSnapshot()
      .participants.map(({ participant }) => participant.displayName);
    audit = await store.verifyAudit();
  });
  // People are called what the roster calls them (社保队员5, 社区民警 王…) in either language.
  const withoutNames = (text: string) =>
    names.reduce((out, name) => out.replaceAll(name, ''), text);

  it('writes an English report with no Chinese but the people’s names, lang="en"', async () => {
    const html = await renderDistrictHtml(summary, { lang: 'en', audit });
    expect(html).toMatch(/<html lang="en">/);
    expect(withoutNames(html)).not.toMatch(han);
    expect(withoutNames(renderDistrictText(summary, { lang: 'en', audit }))).not.toMatch(han);
  });

  it('writes a Chinese report, lang="zh-CN", with no English headings', async () => {
    const html = await renderDistrictHtml(summary, { lang: 'zh-CN', audit });
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html).toMatch(/<h2>辅助力量考核<\/h2>/);
    for (const english of ['Tasks by', 'Assessment', 'Responsiveness', 'Audit chain', 'staff'])
      expect(html).not.toContain(english);
  });

  it('counts in English with the right number and writes Chinese with full-width punctuation', () => {
    const one = structuredClone(summary) as {
      -readonly [K in keyof DistrictSummary]: unknown;
    } & DistrictSummary;
    const overall = one.health.responsiveness.overall as { slaBreaches: number };
    overall.slaBreaches = 1;
    const [category] = one.explanations.unclaimedCategories;
    const single = { ...category, tasks: 1, unclaimed: 1, asked: 1 };
    const reasons = (category?.reasons ?? []).map((reason) => ({ ...reason, count: 1 }));
    Object.assign(one.explanations, { unclaimedCategories: [{ ...single, reasons }] });
    const en = renderDistrictText(one, { lang: 'en', audit });
    expect(en).toMatch(/Why 1 task missed the SLA/);
    if (category) {
      expect(en).toMatch(/: 1 of 1 task still unclaimed\. Of 1 qualified participant or officer,/);
      expect(en).toMatch(/\(1 person\)/);
    }
    expect(en).toMatch(/ in 1 circle verified/);
    expect(en).not.toMatch(/\b1 (tasks|people|circles)\b|\(s\)/);
    const zh = renderDistrictText(summary, { lang: 'zh-CN', audit });
    for (const line of zh.split('\n').filter((l) => han.test(l)))
      expect(line, line).not.toMatch(/\p{Script=Han}[,;:] |[,;:] \p{Script=Han}/u);
  });

  it('lines up the terminal tables by display width, a curly quote taking one column', () => {
    const text = renderDistrictText(summary, { lang: 'en' });
    const table = text.split('\n\n').find((part) => part.startsWith('Tasks by source'));
    const rows = table?.split('\n').slice(1) ?? [];
    expect(rows.some((row) => row.includes('’'))).toBe(true);
    const columns = new Set(rows.map((row) => row.search(/\d+$|tasks$/)));
    expect(columns.size).toBe(1);
  });

  it('falls back to installed CJK fonts, loading none', async () => {
    const html = await renderDistrictHtml(summary, { lang: 'zh-CN' });
    expect(html).toContain(
      '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    );
    expect(html).not.toMatch(/@font-face|url\(|<link/);
  });

  it('shows the audit-chain verification, intact or broken', async () => {
    expect(audit.ok).toBe(true);
    expect(await renderDistrictHtml(summary, { audit })).toMatch(
      /Audit chain: intact — \d+ entries/,
    );
    const broken = {
      ok: false,
      circleId: 'police-district',
      seq: 7,
      reason: 'hash_mismatch',
    } as const;
    const html = await renderDistrictHtml(summary, { audit: broken });
    expect(html).toMatch(/Audit chain: BROKEN — hash mismatch \(police-district #7\)/);
    expect(renderDistrictText(summary, { lang: 'zh-CN', audit: broken })).toMatch(/审计链：已损坏/);
  });

  it('refuses a language it does not speak, naming the flag', () => {
    expect(parseLang('zh-CN')).toBe('zh-CN');
    expect(parseLang(undefined)).toBe('en');
    let error: unknown;
    try {
      parseLang('fr');
    } catch (caught) {
      error = caught;
    }
    expect(isQuanziError(error) && error.code).toBe('invalid_input');
    expect(isQuanziError(error) && error.path).toEqual(['lang']);
    expect(String((error as Error).message)).toMatch(/--lang/);
  });
});
