import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const chromiumPath = '/usr/bin/chromium';
const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: PreviewServer | undefined;
let browser: BrowserContext | undefined;
const scratch: string[] = [];

const missingChromium = `No Chromium at ${chromiumPath}: run \`apt-get install chromium\` (.ci/run does)`;

beforeAll(async () => {
  // The test itself fails on a missing browser; there is nothing to set up without one.
  if (!existsSync(chromiumPath)) return;
  const [outDir, profileDir] = ['dist', 'chromium'].map((name) => {
    const dir = mkdtempSync(join(tmpdir(), `quanzi-portal-${name}-`));
    scratch.push(dir);
    return dir;
  }) as [string, string];
  const inline = {
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn' as const,
    build: { outDir, emptyOutDir: true },
  };
  await build({ ...inline, mode: 'production' });
  server = await preview({ ...inline, preview: { host: '127.0.0.1', port: 0 } });
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: launchArgs,
    viewport: { width: 900, height: 1000 },
  });
  browser.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<{ page: Page; errors: string[] }> {
  // Never skip and never download a browser: CI installs Debian's package.
  if (!existsSync(chromiumPath)) throw new Error(missingChromium);
  if (!server || !browser) throw new Error('beforeAll did not finish');
  const { port } = server.httpServer.address() as AddressInfo;
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  return { page, errors };
}

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (injected into the page) over the screen as it is now and returns its
 * violations as `rule: target` lines, so a failure says what to fix.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations as Array<{
      id: string;
      nodes: Array<{ target: string[] }>;
    }>;
  });
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

/** Waits until the status line reports `text` (the last action's outcome). */
const statusShows = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByRole('status').textContent()).toMatch(text);

const item = (page: Page, section: string, text: string): Locator =>
  page.getByRole('region', { name: section }).getByRole('listitem').filter({ hasText: text });

const profileText = (page: Page, name: string) =>
  page.getByRole('region', { name }).locator('dl').textContent();

describe('web portal in Chromium', () => {
  it('takes a report from a resident through a volunteer to acceptance, and updates the profile', async () => {
    const { page, errors } = await open();
    const problem = 'Five shared bikes block the north gate';
    await page.getByRole('heading', { name: 'Quanzi street portal' }).waitFor();

    // The resident reports.
    await page.getByLabel('Category').selectOption('shared_bike_parking');
    await page.getByLabel('What did you see?').fill(problem);
    await page.getByRole('button', { name: 'Send report' }).click();
    await statusShows(page, 'Your report was sent to the command center.');
    await expect.poll(() => item(page, 'My reports', problem).textContent()).toContain('received');
    expect(await axeViolations(page)).toEqual([]);

    // The command center turns it into a published task.
    await page.getByLabel('Role').selectOption('center');
    await item(page, 'Reports to handle', problem)
      .getByRole('button', { name: 'Convert to task' })
      .click();
    await statusShows(page, 'The task was published.');
    await expect.poll(() => item(page, 'All tasks', problem).textContent()).toContain('published');
    expect(await axeViolations(page)).toEqual([]);

    // The volunteer starts at level 0, claims, and submits evidence.
    await page.getByLabel('Role').selectOption('volunteer');
    expect(await profileText(page, 'My profile')).toMatch(/Level\s*0\s*Accepted tasks\s*0/);
    await item(page, 'Tasks near you', problem).getByRole('button', { name: 'Claim' }).click();
    await statusShows(page, 'You claimed the task.');
    expect(await axeViolations(page)).toEqual([]);
    const mine = item(page, 'My tasks', problem);
    // Bad evidence: the SDK's typed error names the field, and nothing changes.
    await mine.getByLabel('Evidence link').fill('photo.jpg');
    await mine.getByRole('button', { name: 'Submit work' }).click();
    // Named by the field's label, not by its path in the command.
    await statusShows(page, /^Evidence link: /);
    expect(await page.getByRole('status').textContent()).not.toMatch(/evidence\[0\]|\.url/);
    await expect.poll(() => mine.textContent()).toContain('claimed');
    await mine.getByLabel('Evidence link').fill('https://evidence.example/north-gate.jpg');
    await mine.getByRole('button', { name: 'Submit work' }).click();
    await statusShows(page, 'Your work was handed in for acceptance.');
    await expect.poll(() => mine.textContent()).toContain('Waiting for the command center');

    // The command center accepts and rates.
    await page.getByLabel('Role').selectOption('center');
    const work = item(page, 'Submitted work', problem);
    expect(await work.getByRole('link').textContent()).toBe(
      'https://evidence.example/north-gate.jpg',
    );
    await work.getByLabel('Rating').selectOption('5');
    await work.getByRole('button', { name: 'Accept and rate' }).click();
    await statusShows(page, 'Accepted, and your rating recorded.');

    // The volunteer's profile shows the accepted task and the level it earned.
    await page.getByLabel('Role').selectOption('volunteer');
    expect(await profileText(page, 'My profile')).toMatch(
      /Level\s*1\s*Accepted tasks\s*1\s*Good-review rate\s*100%/,
    );

    mkdirSync(results, { recursive: true });
    await page.screenshot({ path: join(results, 'portal.png'), fullPage: true });

    // The same screen in Chinese (readable in the screenshot when fonts-noto-cjk is installed).
    // The language button is named by the text it shows (axe label-content-name-mismatch).
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '圈子街道服务平台' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await profileText(page, '我的档案')).toMatch(/等级\s*1\s*已验收任务\s*1/);
    await page.screenshot({ path: join(results, 'portal-zh.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
