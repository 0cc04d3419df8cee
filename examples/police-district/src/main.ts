// The main demo: one month of a police-district circle on the real engine with
// PGlite (embedded PostgreSQL) storage; prints a summary and writes an HTML report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createPostgresEventStore } from '@quanzi/store-postgres';
import { renderDistrictHtml, renderDistrictText } from './renderDistrict';
import { runDistrict } from './runDistrict';
import { summarizeDistrict } from './summarizeDistrict';

const days = Number(process.env.QUANZI_DAYS ?? 30);
const start = '2026-11-01T00:00:00Z';
const store = await createPostgresEventStore();
process.stdout.write(`Simulating ${days} days of Xinhua police district on PGlite `);
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
console.log(renderDistrictText(summary));
console.log(`\nAudit chain: ${audit.ok ? 'intact' : 'BROKEN'} (${run.events.length} events)`);

const outDir = join(import.meta.dirname, '..', 'out');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'report.html');
writeFileSync(file, await renderDistrictHtml(summary));
// pnpm runs the script in the example's folder; name the file from where the user typed the command.
console.log(
  `Report written to ${relative(process.env.INIT_CWD ?? process.cwd(), file)} — open it in a browser.`,
);
await store.close();
