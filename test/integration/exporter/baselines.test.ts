/**
 * Baselines, consecutive failures and ownership labels end to end: the real exporter reads the run
 * histories of the independent implementation of the documented API over loopback and exports what the
 * runs say, per process as its override asks. Expectations are computed here from the raw rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { startIndependentApi, type IndependentProcess } from '../../support/independent-guidewire.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Row = Record<string, unknown>;
const iso = (ms: number): string => new Date(ms).toISOString();
const day = 86_400_000;

/** A finished nightly run `daysAgo` days back that took `minutes` and did `ops`; `failedOps` > 0 fails it. */
const row = (code: string, daysAgo: number, minutes: number, ops: number, failedOps = 0): Row => {
  const start = Date.now() - daysAgo * day;
  return {
    id: `${code}:${daysAgo}`,
    type: code,
    dateCreated: iso(start),
    startDate: iso(start),
    dateCompleted: iso(start + minutes * 60_000),
    opsCompleted: ops,
    failedOps,
    ranToCompletion: true,
    internalFailure: false,
    scheduled: true,
  };
};

function syncStatus(p: IndependentProcess): void {
  const latest = p.histories?.[p.histories.length - 1];
  if (latest !== undefined) p.status = { ...Object.fromEntries(['dateCreated', 'startDate', 'dateCompleted', 'opsCompleted', 'failedOps'].map((k) => [k, latest[k]])), type: p.code };
}

describe('baselines, consecutive failures and owners against the independent API', () => {
  it('exports each process\'s baseline, its failures in a row (reset by a success) and its owners', async () => {
    // 25 nightly Invoice runs, oldest first: 60..84 minutes and 1000..1024 ops; the two newest failed.
    const invoiceRows = Array.from({ length: 25 }, (_, k) => row('Invoice', 30 - k, 60 + k, 1000 + k, k >= 23 ? 2 : 0));
    const invoice: IndependentProcess = { code: 'Invoice', name: 'Invoice', distributed: true, status: {}, histories: invoiceRows };
    const claims: IndependentProcess = {
      code: 'ClaimException', name: 'Claim Exception', distributed: false, status: {},
      histories: Array.from({ length: 8 }, (_, k) => row('ClaimException', 10 - k, 5, 10)),
    };
    const purge: IndependentProcess = {
      code: 'Purge', name: 'Purge', distributed: false, status: {}, histories: [row('Purge', 3, 1, 0), row('Purge', 2, 1, 0)],
    };
    for (const p of [invoice, claims, purge]) syncStatus(p);
    const api = await startIndependentApi([invoice, claims, purge], true);
    cleanups.push(() => api.close());
    const target = targetConfig({
      name: 'independent',
      baseUrl: api.baseUrl,
      auth: { kind: 'authorization', type: 'Bearer', credentials: { kind: 'inline', value: api.token } },
      pollIntervalMs: 150,
      historyIntervalMs: 150,
      overrides: [
        { match: 'Invoice', failureThreshold: 3, durationFactor: 2, labels: { team: 'billing', severity: 'critical' } },
        { match: 'ClaimException', baseline: false, labels: { team: 'claims' } },
      ],
    });
    const exporter = await startExporter({ config: exporterConfig(target), logger: silentLogger() });
    cleanups.push(() => exporter.stop());
    const scrapeNow = async () => parseExposition((await get(`${exporter.url}/metrics`)).text);
    const at = (code: string, extra: Record<string, string> = {}) => ({ target: 'independent', batch_process: code, ...extra });

    const scrape = await eventually(async () => {
      const s = await scrapeNow();
      return valueOf(s, 'guidewire_batch_process_consecutive_failures', at('Purge')) === undefined ? undefined : s;
    });
    // The last 20 completed runs: 65..84 minutes → median the 10th (74), p90 the 18th (82); ops 1005..1024 → 1014.
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_baseline_seconds', at('Invoice', { quantile: '0.5' }))).toBe(74 * 60);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_baseline_seconds', at('Invoice', { quantile: '0.9' }))).toBe(82 * 60);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_baseline', at('Invoice'))).toBe(1014);
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_runs', at('Invoice'))).toBe(20);
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_duration_factor', at('Invoice'))).toBe(2);
    expect(valueOf(scrape, 'guidewire_batch_process_consecutive_failures', at('Invoice'))).toBe(2);
    expect(valueOf(scrape, 'guidewire_batch_process_failure_threshold', at('Invoice'))).toBe(3);
    expect(valueOf(scrape, 'guidewire_batch_process_info', at('Invoice', { team: 'billing', severity: 'critical' }))).toBe(1);

    // Opted out: no baseline, no factor; failures and owners still there.
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_baseline_seconds', at('ClaimException', { quantile: '0.5' }))).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_duration_factor', at('ClaimException'))).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_batch_process_consecutive_failures', at('ClaimException'))).toBe(0);
    expect(valueOf(scrape, 'guidewire_batch_process_info', at('ClaimException', { team: 'claims' }))).toBe(1);

    // Two runs are below baseline_min_runs: nothing judged; the defaults elsewhere.
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_runs', at('Purge'))).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_duration_factor', at('Purge'))).toBe(3);
    expect(valueOf(scrape, 'guidewire_batch_process_failure_threshold', at('Purge'))).toBe(1);
    expect(scrape.get('guidewire_batch_process_info')?.series.find((s) => s.labels['batch_process'] === 'Purge')?.labels).toEqual(at('Purge', { name: 'Purge', distributed: 'false' }));

    // A third failure, then a recovery.
    invoice.histories?.push(row('Invoice', 0.01, 70, 1000, 3));
    syncStatus(invoice);
    await eventually(async () => (valueOf(await scrapeNow(), 'guidewire_batch_process_consecutive_failures', at('Invoice')) === 3 ? true : undefined));
    invoice.histories?.push(row('Invoice', 0.005, 70, 1000));
    syncStatus(invoice);
    await eventually(async () => (valueOf(await scrapeNow(), 'guidewire_batch_process_consecutive_failures', at('Invoice')) === 0 ? true : undefined));
  });
});
