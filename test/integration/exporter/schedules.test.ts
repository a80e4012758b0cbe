/**
 * Schedules end to end over real sockets: a fake Guidewire whose process has a seconds-level schedule in
 * the overrides (`0/4 * * * * ?`, grace 1 s) and runs it only when the test says so, polled every 500 ms
 * through the real client, poller and exposition. The exporter's clock is stepped by hand, so "no later
 * than grace + one poll interval" is checked exactly, not against the machine's speed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/clock.js';
import type { MaintenanceWindow, TargetConfig } from '../../../src/config/types.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { silentLogger } from '../../../src/logger.js';
import { exporterConfig, pollerHarness, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, scrape, valueOf } from '../../support/scrape.js';

const root = '/pc/rest';
const list = `${root}/systemtools/v1/batch-processes`;
const pollMs = 500;
const graceMs = 1000;
const everyMs = 4000;
/** Not on a fire time: fire times are the multiples of 4 s. */
const t0 = Date.parse('2026-12-01T00:00:01.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A hand-stepped clock; timers are real (the harness polls by hand and sets none that matter). */
function manualClock(start: number): Clock & { at: number } {
  const clock = {
    at: start,
    now: () => clock.at,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  return clock;
}

/** The fake's process: its latest run as the status shows it (completed long ago until a run starts). */
interface FakeRun {
  created: number;
  started?: number;
  completed?: number;
}

async function fakeGuidewire(clock: { now(): number }) {
  const fake: FakeServer = await startFakeServer();
  cleanups.push(() => fake.close());
  const state: { run: FakeRun } = { run: { created: t0 - 3_600_000, started: t0 - 3_600_000 + 10, completed: t0 - 3_599_000 } };
  const status = (): Record<string, unknown> => ({
    dateCreated: iso(state.run.created),
    ...(state.run.started === undefined ? {} : { startDate: iso(state.run.started) }),
    ...(state.run.completed === undefined ? {} : { dateCompleted: iso(state.run.completed) }),
    opsCompleted: 1,
    failedOps: 0,
  });
  fake.on('GET', list, () => ({
    json: { count: 1, data: [{ attributes: { type: { code: 'Nightly', name: 'Nightly' }, distributed: false, status: status() }, links: {} }], links: {} },
  }));
  fake.on('GET', `${list}/Nightly/histories`, () => ({ json: { count: 0, data: [], links: {} } }));
  // The server's clock is the exporter's (as stepped): offset 0, zone UTC.
  fake.on('GET', `${root}/systemtools/v1/system-time`, () => ({ json: { data: { attributes: { dateTime: iso(clock.now()), zoneId: 'UTC', zoneOffset: 'Z' } } } }));
  return { fake, state };
}

function target(fake: FakeServer, maintenance: MaintenanceWindow[] = []): TargetConfig {
  return targetConfig({
    name: 'pc',
    baseUrl: `${fake.origin}${root}`,
    pollIntervalMs: pollMs,
    overrides: [{ match: 'Nightly', schedule: ['0/4 * * * * ?'], graceMs }],
    maintenance,
  });
}

/** A harness on the fake, started at the clock's current time, with a scrape of the process's series. */
async function exporterOn(config: TargetConfig, clock: Clock & { at: number }) {
  const h = await pollerHarness(config, clock, clock.at);
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= h.close());
  cleanups.push(close);
  const series = async () => {
    const scrape = await h.scrape();
    const labels = { target: 'pc', batch_process: 'Nightly' };
    return {
      missed: valueOf(scrape, 'guidewire_batch_process_missed_runs_total', labels),
      skipped: valueOf(scrape, 'guidewire_batch_process_skipped_runs_total', labels),
      late: valueOf(scrape, 'guidewire_batch_process_late', labels),
      next: valueOf(scrape, 'guidewire_batch_process_next_scheduled_run_timestamp_seconds', labels),
      maintenance: valueOf(scrape, 'guidewire_maintenance_active', { target: 'pc' }),
    };
  };
  return { h, series, close };
}

/** Polls every 500 ms of the clock until `until`, calling `each` after each poll. */
async function pollUntil(h: { pollAll(): Promise<void> }, clock: { at: number }, until: number, each: () => Promise<void> = async () => undefined): Promise<void> {
  while (clock.at + pollMs <= until) {
    clock.at += pollMs;
    await h.pollAll();
    await each();
  }
}

describe('a scheduled process that does not run', () => {
  it('counts each fire time once as missed, no later than grace + one poll interval after it, and is late until a run starts', async () => {
    const clock = manualClock(t0);
    const { fake, state } = await fakeGuidewire(clock);
    const { h, series } = await exporterOn(target(fake), clock);
    await h.pollAll();
    // The fire time at 0 s, a second before the start, had no run: late already, but not counted as missed.
    expect(await series()).toMatchObject({ missed: 0, skipped: 0, late: 1, next: (t0 + 3000) / 1000 });

    // Three fire times (4 s, 8 s, 12 s) pass without a run: watch when each is counted.
    const countedAt: number[] = [];
    let last = 0;
    await pollUntil(h, clock, t0 + 13_999, async () => {
      const { missed = 0 } = await series();
      for (; last < missed; last++) countedAt.push(clock.at);
    });
    const fireTimes = [t0 + 3000, t0 + 7000, t0 + 11_000];
    expect(countedAt).toHaveLength(fireTimes.length);
    countedAt.forEach((at, i) => {
      const fire = fireTimes[i] as number;
      expect(at).toBeGreaterThanOrEqual(fire + graceMs);
      expect(at).toBeLessThanOrEqual(fire + graceMs + pollMs);
    });
    expect((await series()).late).toBe(1);

    // A run starts for the fire time at 16 s: late clears at once, and that fire time is not missed.
    clock.at = t0 + 15_100;
    state.run = { created: t0 + 15_000, started: t0 + 15_050 };
    await h.pollAll();
    expect(await series()).toMatchObject({ late: 0, missed: 3 });
    await pollUntil(h, clock, t0 + 17_000);
    state.run = { created: t0 + 15_000, started: t0 + 15_050, completed: t0 + 16_000 };
    await pollUntil(h, clock, t0 + 18_900);
    expect(await series()).toMatchObject({ late: 0, missed: 3, skipped: 0 });
    // The next fire time (20 s) passes without a run again: counted once, late again.
    await pollUntil(h, clock, t0 + 22_000);
    expect(await series()).toMatchObject({ late: 1, missed: 4 });
    await pollUntil(h, clock, t0 + 22_900);
    expect((await series()).missed).toBe(4);
  });

  it('starts again at 0 after a restart, never counting fire times from before it', async () => {
    const clock = manualClock(t0);
    const { fake } = await fakeGuidewire(clock);
    const first = await exporterOn(target(fake), clock);
    await first.h.pollAll();
    await pollUntil(first.h, clock, t0 + 10_000);
    expect((await first.series()).missed).toBe(2);
    await first.close();

    // Restarted half a second after the fire time at 12 s, within its grace: that one is from before.
    clock.at = t0 + 11_500;
    const second = await exporterOn(target(fake), clock);
    await second.h.pollAll();
    expect((await second.series()).missed).toBe(0);
    await pollUntil(second.h, clock, t0 + 14_900);
    expect((await second.series()).missed).toBe(0);
    await pollUntil(second.h, clock, t0 + 16_000);
    expect((await second.series()).missed).toBe(1);
  });

  it('counts a fire time that comes while the previous run still runs as skipped, not missed', async () => {
    const clock = manualClock(t0);
    const { fake, state } = await fakeGuidewire(clock);
    const { h, series } = await exporterOn(target(fake), clock);
    // A run started for the fire time at 4 s runs past the one at 8 s and ends at 9.5 s.
    state.run = { created: t0 + 3000, started: t0 + 3010 };
    clock.at = t0 + 3100;
    await h.pollAll();
    await pollUntil(h, clock, t0 + 8_500);
    state.run = { created: t0 + 3000, started: t0 + 3010, completed: t0 + 8500 };
    await pollUntil(h, clock, t0 + 10_000);
    expect(await series()).toMatchObject({ skipped: 1, missed: 0, late: 0 });
  });

  it('judges nothing inside a maintenance window, and shows the window open', async () => {
    const clock = manualClock(t0);
    const { fake } = await fakeGuidewire(clock);
    // Open from 6 s to 14 s: the fire times at 8 s and 12 s fall inside it, 4 s and 16 s outside.
    const window: MaintenanceWindow = { kind: 'absolute', name: 'patch', from: t0 + 5000, until: t0 + 13_000 };
    const { h, series } = await exporterOn(target(fake, [window]), clock);
    await h.pollAll();
    expect((await series()).maintenance).toBe(0);
    await pollUntil(h, clock, t0 + 5000);
    expect(await series()).toMatchObject({ missed: 1, maintenance: 1 });
    await pollUntil(h, clock, t0 + 14_900);
    expect(await series()).toMatchObject({ missed: 1, skipped: 0, maintenance: 0 });
    await pollUntil(h, clock, t0 + 16_000);
    expect(await series()).toMatchObject({ missed: 2, late: 1 });
  });
});

describe('the exporter on the real clock', () => {
  it('reports a missed fire time and lateness on /metrics, and a new exporter on the same Guidewire starts at 0', async () => {
    const { fake } = await fakeGuidewire({ now: () => Date.now() });
    const labels = { target: 'pc', batch_process: 'Nightly' };
    const first = await startExporter({ config: exporterConfig(target(fake)), logger: silentLogger() });
    let firstStopped = false;
    cleanups.push(async () => void (firstStopped ? undefined : await first.stop()));
    // A fire time comes every 4 s: within 4 s + grace + a poll interval one is missed (the wait is generous).
    await eventually(async () => {
      const page = await scrape(`${first.url}/metrics`);
      return (valueOf(page, 'guidewire_batch_process_missed_runs_total', labels) ?? 0) >= 1 && valueOf(page, 'guidewire_batch_process_late', labels) === 1 ? true : undefined;
    }, 15_000);
    await first.stop();
    firstStopped = true;

    const restartedAt = Date.now();
    const second = await startExporter({ config: exporterConfig(target(fake)), logger: silentLogger() });
    cleanups.push(() => second.stop());
    const page = await eventually(async () => {
      const body = await scrape(`${second.url}/metrics`);
      return valueOf(body, 'guidewire_batch_process_missed_runs_total', labels) === undefined ? undefined : body;
    });
    const scrapedAt = Date.now();
    // Only fire times after the restart can count: at most those in (restart, scrape − grace].
    const since = Math.floor((scrapedAt - graceMs) / everyMs) - Math.floor(restartedAt / everyMs);
    expect(valueOf(page, 'guidewire_batch_process_missed_runs_total', labels)).toBeLessThanOrEqual(Math.max(0, since));
  });
});
