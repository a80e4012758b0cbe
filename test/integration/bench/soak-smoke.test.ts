import { describe, expect, it } from 'vitest';
import { runSoak } from '../../../bench/soak.js';

describe('bench/soak (smoke: a few seconds instead of ten minutes)', () => {
  it('runs the exporter through churn and faults and reports resources from its /metrics', async () => {
    const report = await runSoak({ durationMs: 5_000, warmUpMs: 2_000, sampleEveryMs: 1_000, processes: 10 });
    expect(report.polls).toBeGreaterThan(2);
    expect(report.scrapes).toBeGreaterThan(2);
    expect(report.start.rssBytes).toBeGreaterThan(0);
    expect(report.end.heapUsedBytes).toBeGreaterThan(0);
    expect(report.end.series).toBeGreaterThan(50);
    // Samples along the way, in order, each a full reading.
    expect(report.during.length).toBeGreaterThanOrEqual(2);
    expect(report.during.map((d) => d.minute)).toEqual([...report.during.map((d) => d.minute)].sort((a, b) => a - b));
    for (const { sample } of report.during) expect(sample.rssBytes).toBeGreaterThan(0);
  }, 30_000);
});
