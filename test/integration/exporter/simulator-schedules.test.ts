/**
 * Simulator to /metrics: the demo's simulator (its scheduler-config.xml crons, /system-time, a missed and a
 * late fire time within a minute) polled through the real client, poller and exposition on a clock the
 * test steps by the poll interval, so "no later than grace + one poll interval" is checked exactly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../../src/cli/demo.js';
import type { TargetConfig } from '../../../src/config/types.js';
import { pollerHarness } from '../../support/harness.js';
import { valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// 14:00:07.300 in Chicago, between fire times. Workflow fires at :00, :20, :40 and misses 20:00:40;
// ProcessCompletionMonitor fires at :05, :25, :45 and starts 20:00:45's run 12-14 s late (docs/simulator.md).
const start = Date.UTC(2026, 11, 7, 20, 0, 7, 300);
const workflowMissed = Date.UTC(2026, 11, 7, 20, 0, 40);

describe('the demo simulator to /metrics', () => {
  it('reports Workflow\'s missed fire time once, within grace + one poll interval, and ProcessCompletionMonitor late; a restart starts at 0', async () => {
    const clock = { at: start, now: () => clock.at, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    const demo: Demo = await startDemo({ now: () => clock.at });
    cleanups.push(() => demo.simulator.close());
    const target = demo.config.targets[0] as TargetConfig;
    const harness = async () => {
      const h = await pollerHarness(target, clock, clock.at);
      let closed: Promise<void> | undefined;
      const close = (): Promise<void> => (closed ??= h.close());
      cleanups.push(close);
      return { h, close };
    };
    const labels = (code: string) => ({ target: target.name, batch_process: code });

    const { h, close } = await harness();
    await h.pollAll();
    let scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_server_time_zone_info', { target: target.name, zone: 'America/Chicago' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_schedule_info', { ...labels('Workflow'), source: 'scheduler_config', timezone: 'America/Chicago' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_missed_runs_total', labels('Workflow'))).toBe(0);

    let countedAt: number | undefined;
    let monitorLate = false;
    while (clock.at < start + 60_000) {
      clock.at += target.pollIntervalMs;
      await h.pollAll();
      scrape = await h.scrape();
      const missed = valueOf(scrape, 'guidewire_batch_process_missed_runs_total', labels('Workflow')) ?? 0;
      if (missed > 0 && countedAt === undefined) countedAt = clock.at;
      expect(missed).toBeLessThanOrEqual(1);
      if (valueOf(scrape, 'guidewire_batch_process_late', labels('ProcessCompletionMonitor')) === 1) monitorLate = true;
    }
    expect(countedAt).toBeDefined();
    expect(countedAt).toBeGreaterThanOrEqual(workflowMissed + target.graceMs);
    expect(countedAt).toBeLessThanOrEqual(workflowMissed + target.graceMs + target.pollIntervalMs);
    expect(monitorLate).toBe(true);
    // The simulator's clock is the test's: the offset is the request's half round trip, on a clock that stands still.
    expect(Math.abs(valueOf(scrape, 'guidewire_server_time_offset_seconds', { target: target.name }) ?? NaN)).toBeLessThan(1);

    // A restart: a new poller on the same simulator counts from its own start, the missed fire time not again.
    await close();
    const restarted = await harness();
    await restarted.h.pollAll();
    expect(valueOf(await restarted.h.scrape(), 'guidewire_batch_process_missed_runs_total', labels('Workflow'))).toBe(0);
  });
});
