import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ExpositionFormat } from '../../../src/metrics/exposition.js';
import { ownMetricsMaxAgeMs, ScrapeBody } from '../../../src/metrics/scrape-body.js';
import type { TargetSnapshot } from '../../../src/model/snapshot.js';

const snapshot = (target: string, opsCompleted: number): TargetSnapshot => ({
  target,
  pollIntervalSeconds: 60,
  processes: [{ process: { code: 'X', name: 'X', distributed: false, status: { dateCreated: 1, startDate: 2, opsCompleted, failedOps: 0 } }, thresholds: { stallAfterMs: 60_000 }, observedAt: 0 }],
  poll: { up: true, startedAt: 0, durationSeconds: 0.1, lastSuccessAt: 1, errors: [] },
});

/** A ScrapeBody whose own metrics count their collections, on a clock moved by hand. */
function scrapeBody() {
  const clock = { at: 0, now: () => clock.at };
  const collected: ExpositionFormat[] = [];
  const body = new ScrapeBody({
    clock,
    ownMetrics: async (format) => {
      collected.push(format);
      return `# HELP own x\n# TYPE own gauge\nown ${collected.length}\n`;
    },
  });
  const text = async (snapshots: readonly TargetSnapshot[], format: ExpositionFormat = 'text'): Promise<string> => Buffer.concat(await body.body(snapshots, format, 'identity')).toString();
  return { clock, collected, body, text };
}

describe('ScrapeBody', () => {
  it('serves the targets section followed by the own metrics, and the same bytes gzipped', async () => {
    const { body, text } = scrapeBody();
    const snapshots = [snapshot('a', 1), snapshot('b', 2)];
    const plain = await text(snapshots);
    expect(plain).toMatch(/^# HELP guidewire_/);
    expect(plain).toContain('guidewire_batch_process_ops_completed{target="b",batch_process="X"} 2\n');
    expect(plain.endsWith('own 1\n')).toBe(true);
    expect(gunzipSync(Buffer.concat(await body.body(snapshots, 'text', 'gzip'))).toString()).toBe(plain);
  });

  it('collects the own metrics at most once a second per format, and again after a poll or when told', async () => {
    const { clock, collected, body, text } = scrapeBody();
    const snapshots = [snapshot('a', 1)];
    await text(snapshots);
    await text(snapshots);
    await text(snapshots, 'openMetrics');
    expect(collected).toEqual(['text', 'openMetrics']);
    clock.at += ownMetricsMaxAgeMs;
    expect(await text(snapshots)).toContain('own 3\n');
    const next = snapshot('a', 5);
    body.polled(next);
    expect(await text([next])).toContain('own 4\n');
    body.forgetOwnMetrics();
    expect(await text([next])).toContain('own 5\n');
    expect(await text([next])).toContain('guidewire_batch_process_ops_completed{target="a",batch_process="X"} 5\n');
  });
});
