/**
 * The batch window in a real headless Chromium (Debian's, driven by playwright-core), served by the
 * exporter's own routes from the demo-like scenario's snapshot (test/support/batch-window-scenario.ts):
 * every row and bar renders with its outcome, the bars sit where their times say, it reads without
 * JavaScript, the groups collapse, and the status page links to it. Leaves a screenshot in test-output/
 * (UPDATE_SCREENSHOT=1 also copies it to docs/images/batch-window.png).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { route, type HttpHandlers } from '../../src/http/routes.js';
import { batchWindowRange } from '../../src/status/timeline.js';
import { statusEndpoints } from '../../src/status/endpoints.js';
import { scenarioInput, scenarioNow, scenarioSnapshot } from '../support/batch-window-scenario.js';
import { findBinary } from './binaries.js';

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findBinary('chromium', 'chromium-browser');
if (executablePath === undefined) {
  const message = 'BATCH WINDOW BROWSER TEST NOT RUN: chromium not installed (apt-get install chromium; .ci/run does).';
  if (process.env['CI'] !== undefined) throw new Error(message);
  console.error(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
}

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (executablePath === undefined) return;
  const status = statusEndpoints({ telemetryPath: '/metrics', linkBase: '', input: () => scenarioInput(), pause: () => Promise.resolve() });
  const handlers: HttpHandlers = {
    telemetryPath: '/metrics',
    metrics: () => Promise.resolve([Buffer.from('')]),
    ready: () => true,
    config: () => '',
    ...status,
  };
  server = createServer((req, res) => void route(req, res, handlers));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(path: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe.skipIf(executablePath === undefined)('the batch window in Chromium', () => {
  it('draws a row per process with runs, each bar where its run began and ended, coloured by outcome', async () => {
    const page = await open('/batch-window');
    const snapshot = scenarioSnapshot();
    const window = batchWindowRange(scenarioNow);
    // Every run of the history inside the window has its bar, with its outcome.
    const expected = [...(snapshot.history?.entries() ?? [])].flatMap(([code, stats]) =>
      (stats.recent ?? [])
        .filter((run) => (run.endedAt ?? scenarioNow) >= window.from)
        .map((run) => `${code} ${run.id} ${run.outcome ?? 'running'}`),
    );
    const drawn = await page.locator('.bw-row rect.bw-run').evaluateAll((rects) =>
      rects.map((rect) => `${rect.closest('.bw-row')?.getAttribute('data-code') ?? ''} ${rect.getAttribute('data-run') ?? ''} ${rect.getAttribute('data-outcome') ?? ''}`),
    );
    expect(drawn.sort()).toEqual(expected.sort());
    // Bars sit where their times say: the strip's width × (begin − window start) / window length.
    const strip = page.locator('.bw-row[data-code="InvoiceRun"] svg.bw-strip');
    const box = await strip.boundingBox();
    const bar = await strip.locator('rect.bw-run.k-failed_ops').boundingBox();
    const run = snapshot.history?.get('InvoiceRun')?.recent?.[0];
    if (box === null || bar === null || run?.startedAt === undefined || run.endedAt === undefined) throw new Error('InvoiceRun bar not rendered');
    const at = (t: number) => box.x + (box.width * (t - window.from)) / (window.to - window.from);
    expect(Math.abs(bar.x - at(run.startedAt))).toBeLessThan(2);
    expect(Math.abs(bar.x + bar.width - at(run.endedAt))).toBeLessThan(2);
    // Outcomes differ visibly: a failed-ops bar is not filled like a succeeded one.
    const fill = (selector: string) => page.evaluate(`getComputedStyle(document.querySelector('${selector}')).fill`);
    expect(await fill('rect.bw-run.k-failed_ops')).not.toBe(await fill('rect.bw-run.k-succeeded'));
    expect(await fill('rect.bw-run.k-running')).not.toBe(await fill('rect.bw-run.k-succeeded'));
    await page.context().close();
  }, 60_000);

  it('puts the trouble first and open: late, failed, the deadline at risk; the rest collapses by size', async () => {
    const page = await open('/batch-window');
    const attention = await page.locator('details.attention .bw-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect(attention.sort()).toEqual(['AggLimitCalc', 'ContactAutoSync', 'DataMartLoad', 'GLExport', 'InvoiceRun']);
    expect(await page.locator('details.attention').getAttribute('open')).not.toBeNull();
    expect(await page.locator('.bw-row[data-code="GLExport"] path.bw-deadline.at-risk').count()).toBe(1);
    expect(await page.locator('.bw-row[data-code="GLExport"] rect.bw-forecast').count()).toBe(1);
    expect(await page.locator('.bw-row[data-code="DataMartLoad"]').textContent()).toContain('late');
    // Nothing in the window: names only, collapsed.
    const quiet = page.locator('details.quiet');
    expect(await quiet.getAttribute('open')).toBeNull();
    expect(await quiet.locator('summary').textContent()).toContain('(3)');
    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/batch-window.png', fullPage: true });
    if (process.env['UPDATE_SCREENSHOT'] !== undefined) {
      await mkdir('docs/images', { recursive: true });
      await copyFile('test-output/batch-window.png', 'docs/images/batch-window.png');
    }
    await page.context().close();
  }, 60_000);

  it('reads without JavaScript: the filter is a GET form, each bar has its text', async () => {
    const page = await open('/batch-window?q=invoice', false);
    expect(await page.locator('.bw-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')))).toEqual(['InvoiceRun']);
    const title = await page.locator('.bw-row[data-code="InvoiceRun"] rect.bw-run.k-failed_ops title').textContent();
    expect(title).toMatch(/failed ops, 12 failed ops, 2026-11-28 03:00:04 CST to 2026-11-28 04:10:04 CST/);
    expect(await page.locator('.bw-row[data-code="InvoiceRun"] svg').getAttribute('aria-label')).toBe('InvoiceRun: 1 run (1 failed ops), 1 fire time');
    await page.locator('input[name=q]').fill('');
    await Promise.all([page.waitForURL(/batch-window\?/), page.locator('button[type=submit]').click()]);
    expect(await page.locator('.bw-row').count()).toBeGreaterThan(10);
    await page.context().close();
  }, 60_000);

  it('is linked from the status page, keeping the filter', async () => {
    const page = await open('/?q=ledger');
    await Promise.all([page.waitForURL(/batch-window/), page.locator('nav[aria-label=Pages] a', { hasText: 'Batch window' }).click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('ledger');
    expect(await page.locator('.bw-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')))).toEqual(['GLExport']);
    await page.context().close();
  }, 60_000);
});
