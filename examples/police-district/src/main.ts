// The main demo: one month of a police-district circle on the real engine with
// PGlite (embedded PostgreSQL) storage; prints a summary and writes an HTML report,
// both in the one language `--lang en|zh-CN` chooses (English by default).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { isQuanziError, type Locale } from '@quanzi/core';
import { createPostgresEventStore } from '@quanzi/store-postgres';
import { parseLang } from './parseLang';
import { renderDistrictHtml, renderDistrictText } from './renderDistrict';
import { runDistrict } from './runDistrict';
import { summarizeDistrict } from './summarizeDistrict';

const { values } = parseArgs({ options: { lang: { type: 'string', default: 'en' } } });
let lang: Locale = 'en';
try {
  lang = parseLang(values.lang);
} catch (error) {
  if (!isQuanziError(error)) throw error;
  console.error(`${error.messages.en}\n${error.messages['zh-CN']}`);
  process.exit(2);
}
const days = Number(process.env.QUANZI_DAYS ?? 30);
const start = '2026-11-01T00:00:00Z';
const store = await createPostgresEventStore();
process.stdout.write(
  lang === 'en'
    ? `Simulating ${days} days of Xinhua police district on PGlite `
    : `正在 PGlite 上模拟新华警务区 ${days} 天 `,
);
const run = await runDistrict({
  days,
  seed: 2026,
  store,
  start,
  onDay: () => process.stdout.write('.'),
});
process.stdout.write('\n\n');
const audit = await store.verifyAudit();
const summary = summarizeDistrict(run, start);
console.log(renderDistrictText(summary, { lang, audit }));

const outDir = join(import.meta.dirname, '..', 'out');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'report.html');
writeFileSync(file, await renderDistrictHtml(summary, { lang, audit }));
// pnpm runs the script in the example's folder; name the file from where the user typed the command.
const shown = relative(process.env.INIT_CWD ?? process.cwd(), file);
console.log(
  lang === 'en'
    ? `\nReport written to ${shown} — open it in a browser.`
    : `\n报告已写入 ${shown}，请用浏览器打开。`,
);
await store.close();
