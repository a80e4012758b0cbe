/**
 * The status page in a real headless Chromium (Debian's, driven by playwright-core) against the real
 * exporter and the simulator: rows match the simulator, the filters and sorting work, a failing process
 * stands out, the page refreshes itself when the data changes, works without JavaScript and under a
 * route prefix. Leaves a screenshot in test-output/ (UPDATE_SCREENSHOT=1 also copies it to docs/images/).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createStaticModel, startSimulator, type RawBatchProcess, type RunningSimulator, type StaticModel } from '../../src/simulator/index.js';
import { exporterConfig, startExporter, targetConfig, type StartedExporter } from '../support/harness.js';
import { eventually, get } from '../support/scrape.js';
import { findBinary } from './binaries.js';
import { finishedRun, runningStatus } from './scenario.js';

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findBinary('chromium', 'chromium-browser');
if (executablePath === undefined) {
  const message = 'STATUS PAGE BROWSER TEST NOT RUN: chromium not installed (apt-get install chromium; .ci/run does).';
  // CI must never skip it.
  if (process.env['CI'] !== undefined) throw new Error(message);
  console.error(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
}

const minute = 60_000;
const wait = { timeout: 20_000 };
let model: StaticModel;
let sim: RunningSimulator;
let exporter: StartedExporter;
let prefixed: StartedExporter;
let browser: Browser;

/** A process whose status is its latest history run (or `status`), with a display name. */
function processOf(code: string, name: string, runs: ReturnType<typeof finishedRun>[], status?: Record<string, unknown>): RawBatchProcess {
  for (const run of runs) model.addHistory(code, run);
  const latest = runs[runs.length - 1];
  const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps } = latest ?? {};
  return { type: { code, name }, distributed: true, status: status ?? { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, type: code } };
}

beforeAll(async () => {
  if (executablePath === undefined) return;
  const now = Date.now();
  model = createStaticModel();
  for (const raw of [
    processOf('ActivityEsc', 'Activity Escalation', [finishedRun('ActivityEsc', now - 12 * minute, 40)]),
    processOf('ClaimException', 'Claim Exception', [finishedRun('ClaimException', now - 30 * minute, 90), finishedRun('ClaimException', now - 3 * minute, 75, 4)]),
    processOf('Workflow', 'Workflow Writer', [finishedRun('Workflow', now - 20 * minute, 12)], runningStatus('Workflow', now - 2 * minute, 35)),
    processOf('IdleClaim', 'Idle Claim Exception', [finishedRun('IdleClaim', now - 9 * minute, 300)]),
    processOf('Geocode', 'Geocode Writer', [finishedRun('Geocode', now - 45 * minute, 8)]),
    processOf('PurgeWorkflowLogs', 'Purge Workflow Logs', [finishedRun('PurgeWorkflowLogs', now - 26 * 60 * minute, 620)]),
  ]) {
    model.set(raw);
  }
  model.set({ type: { code: 'FinancialsEsc', name: 'Financials Escalation' }, distributed: false, status: { failureReason: 'This batch process type has never run', type: 'FinancialsEsc' } });
  sim = await startSimulator({ model });
  const target = targetConfig({
    name: 'cc-prod',
    baseUrl: sim.baseUrl,
    pollIntervalMs: 500,
    historyIntervalMs: 500,
    overrides: [
      { match: 'PurgeWorkflowLogs', expectEveryMs: 24 * 60 * minute },
      // Every minute with a second's grace: its run 9 minutes ago answers none of them, so it is late.
      { match: 'IdleClaim', schedule: ['0 * * * * ?'], timezone: 'UTC', graceMs: 1_000 },
      // An hour's grace: its run 12 minutes ago always answers the last fire time it judges, so on time.
      { match: 'ActivityEsc', schedule: ['0 0/30 * * * ?'], timezone: 'America/Chicago', graceMs: 60 * minute },
    ],
  });
  const down = targetConfig({ name: 'pc-prod', baseUrl: 'http://127.0.0.1:9/rest', requestTimeoutMs: 500, pollIntervalMs: 5_000 });
  exporter = await startExporter({ config: exporterConfig(target, down), logger: silentLogger() });
  prefixed = await startExporter({ config: exporterConfig(target), logger: silentLogger(), routePrefix: '/gw/exporter' });
  await eventually(async () => ((await get(`${exporter.url}/-/ready`)).status === 200 ? true : undefined));
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await exporter?.stop();
  await prefixed?.stop();
  await sim?.close();
});

const rows = (page: Page) => page.locator('#target-cc-prod tr.process');
const visibleCodes = (page: Page) => page.locator('#target-cc-prod tr.process:visible code').allTextContents();
const row = (page: Page, code: string) => page.locator(`#target-cc-prod--${code}`);
/** Waits, with Playwright's polling, until `expression` holds in the page (browser code as text: no DOM types here). */
const until = (page: Page, expression: string) => page.waitForFunction(expression, undefined, wait);
const codeOrder = `[...document.querySelectorAll('#target-cc-prod tr.process code')].map((c) => c.textContent).join()`;

async function open(path = '/', options: { javaScriptEnabled?: boolean; base?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const response = await page.goto(`${options.base ?? exporter.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe.skipIf(executablePath === undefined)('the status page in Chromium', () => {
  it('shows one row per simulator process, the failing one flagged, first and visibly different', async () => {
    const page = await open();
    const codes = model.list(0).map((p) => p.type.code);
    await until(page, `document.querySelectorAll('#target-cc-prod tr.process').length === ${codes.length}`);
    expect((await rows(page).locator('code').allTextContents()).sort()).toEqual([...codes].sort());
    const failing = row(page, 'ClaimException');
    expect(await failing.getAttribute('class')).toContain('failing');
    expect(await failing.isVisible()).toBe(true);
    expect(await failing.textContent()).toContain('⚠ FAILING');
    expect(await rows(page).first().locator('code').textContent()).toBe('ClaimException');
    const background = (code: string) => page.evaluate(`getComputedStyle(document.getElementById('target-cc-prod--${code}')).backgroundColor`);
    expect(await background('ClaimException')).not.toBe(await background('Geocode'));
    expect(await page.locator('#attention').textContent()).toContain('pc-prod');
    // The schedule columns: next run and lateness, judged by the exporter's schedule evaluation.
    await until(page, `document.querySelector('#target-cc-prod--IdleClaim td.late')?.textContent.includes('LATE') === true`);
    expect(await row(page, 'IdleClaim').textContent()).toContain('0 * * * * ? configured, UTC');
    expect(await row(page, 'ActivityEsc').locator('td.late').textContent()).toBe('on time');
    expect(await row(page, 'ActivityEsc').textContent()).toMatch(/in \d+ min/);
    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/status-page.png', fullPage: true });
    if (process.env['UPDATE_SCREENSHOT'] !== undefined) {
      await mkdir('docs/images', { recursive: true });
      await copyFile('test-output/status-page.png', 'docs/images/status-page.png');
    }
    await page.context().close();
  }, 60_000);

  it('filters by name and by state as you type, keeping the filter in the URL', async () => {
    const page = await open();
    await page.locator('input[name=q]').fill('esc');
    await row(page, 'Geocode').waitFor({ state: 'hidden', ...wait });
    expect((await visibleCodes(page)).sort()).toEqual(['ActivityEsc', 'FinancialsEsc']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('esc');
    await page.locator('input[name=q]').fill('');
    await page.locator('select[name=state]').selectOption('running');
    await row(page, 'Geocode').waitFor({ state: 'hidden', ...wait });
    expect(await visibleCodes(page)).toEqual(['Workflow']);
    await page.locator('select[name=state]').selectOption('never_run');
    await row(page, 'FinancialsEsc').waitFor({ state: 'visible', ...wait });
    expect(await visibleCodes(page)).toEqual(['FinancialsEsc']);
    await page.context().close();
  }, 60_000);

  it('sorts by a column when its header is clicked, and back', async () => {
    const page = await open();
    const sorted = model.list(0).map((p) => p.type.code).sort();
    await page.locator('#target-cc-prod th a', { hasText: 'Process' }).click();
    await until(page, `${codeOrder} === ${JSON.stringify(sorted.join())}`);
    await page.locator('#target-cc-prod th a', { hasText: 'Process' }).click();
    await until(page, `${codeOrder} === ${JSON.stringify([...sorted].reverse().join())}`);
    expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');
    await page.context().close();
  }, 60_000);

  it('refreshes itself when the data changes, keeping the filter', async () => {
    const page = await open('/?refresh=1');
    await page.locator('input[name=q]').fill('geo');
    await row(page, 'ActivityEsc').waitFor({ state: 'hidden', ...wait });
    expect(await row(page, 'Geocode').getAttribute('class')).not.toContain('failing');
    model.set({ type: { code: 'Geocode', name: 'Geocode Writer' }, distributed: true, status: { ...(model.get('Geocode', 0)?.status ?? {}), failedOps: 9 } });
    await until(page, `document.getElementById('target-cc-prod--Geocode')?.classList.contains('failing') === true`);
    expect(await row(page, 'Geocode').textContent()).toContain('9');
    expect(await row(page, 'ActivityEsc').isHidden()).toBe(true);
    await page.context().close();
  }, 60_000);

  it('renders the rows and applies the filter from the query without JavaScript', async () => {
    const page = await open('/?state=failing', { javaScriptEnabled: false });
    expect(await rows(page).count()).toBe(model.list(0).length);
    expect(await visibleCodes(page)).toContain('ClaimException');
    expect(await row(page, 'ActivityEsc').isHidden()).toBe(true);
    await page.locator('select[name=state]').selectOption('all');
    await Promise.all([page.waitForURL(/state=all/, wait), page.locator('button[type=submit]').click()]);
    expect((await visibleCodes(page)).length).toBe(model.list(0).length);
    await page.context().close();
  }, 60_000);

  it('works under a route prefix: / redirects to it and the links stay below it', async () => {
    const page = await open('/', { base: prefixed.url });
    expect(new URL(page.url()).pathname).toBe('/gw/exporter/');
    await until(page, `document.querySelectorAll('tr.process').length > 0`);
    const [response] = await Promise.all([page.waitForResponse(/\/metrics$/), page.locator('nav[aria-label=Endpoints] a', { hasText: 'Metrics' }).click()]);
    expect(response.status()).toBe(200);
    expect(new URL(response.url()).pathname).toBe('/gw/exporter/metrics');
    await page.context().close();
  }, 60_000);
});
