import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { nextDelay, PollScheduler } from '../../../src/poller/scheduler.js';

describe('nextDelay', () => {
  it('keeps the cadence from the start of the previous poll and never goes negative', () => {
    expect(nextDelay(0, 2_000, 60_000, 0)).toBe(58_000);
    expect(nextDelay(0, 2_000, 60_000, -3_000)).toBe(55_000);
    expect(nextDelay(0, 90_000, 60_000, 0)).toBe(0);
  });
});

describe('PollScheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('polls at start, then every interval, never overlapping a slow poll', async () => {
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const scheduler = new PollScheduler(
      async () => {
        starts.push(Date.now());
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // The second poll takes longer than the interval.
        await new Promise((resolve) => setTimeout(resolve, starts.length === 2 ? 25_000 : 1_000));
        inFlight--;
      },
      { intervalMs: 10_000, clock: systemClock, random: () => 0.5 },
    );
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();
    expect(maxInFlight).toBe(1);
    // The overrun poll ends at 35 s and the next starts at once (Node runs a 0 ms timer after 1 ms).
    expect(starts.slice(0, 5)).toEqual([0, 10_000, 35_001, 45_001, 55_001]);
  });

  it('applies jitter of at most ±5 % of the interval', async () => {
    const starts: number[] = [];
    const scheduler = new PollScheduler(async () => void starts.push(Date.now()), {
      intervalMs: 10_000,
      clock: systemClock,
      random: () => 1,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(21_000);
    await scheduler.stop();
    expect(starts).toEqual([0, 10_500, 21_000]);
  });

  it('stop() aborts the poll in flight and plans no further poll', async () => {
    let aborted = false;
    let calls = 0;
    const scheduler = new PollScheduler(
      (signal) =>
        new Promise<void>((resolve) => {
          calls++;
          signal.addEventListener('abort', () => ((aborted = true), resolve()));
        }),
      { intervalMs: 1_000, clock: systemClock },
    );
    scheduler.start();
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(aborted).toBe(true);
    expect(calls).toBe(1);
  });

  it('tells when the next poll is due: none while one runs, the planned time after it, none once stopped', async () => {
    let release = (): void => undefined;
    const scheduler = new PollScheduler(() => new Promise<void>((resolve) => (release = resolve)), {
      intervalMs: 10_000,
      clock: systemClock,
      random: () => 0.5,
      // A backoff or Retry-After plan moves the due time, and nextRunAt says so.
      plan: (_startedAt, _finishedAt, normal) => normal + 5_000,
    });
    scheduler.start();
    expect(scheduler.nextRunAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2_000);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.nextRunAt).toBe(15_000);
    await scheduler.stop();
    expect(scheduler.nextRunAt).toBeUndefined();
  });
  it('goes on after a plan or an error reporter that throws, leaving no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const starts: number[] = [];
      const reported: unknown[] = [];
      const scheduler = new PollScheduler(
        async () => {
          starts.push(Date.now());
          if (starts.length === 2) throw new Error('poll bug');
        },
        {
          intervalMs: 10_000,
          clock: systemClock,
          random: () => 0.5,
          plan: (_, __, normal) => {
            if (starts.length === 1) throw new Error('plan bug');
            return normal;
          },
          onError: (err) => {
            reported.push(err);
            if ((err as Error).message === 'poll bug') throw new Error('reporter bug');
          },
        },
      );
      scheduler.start();
      await vi.advanceTimersByTimeAsync(35_000);
      await scheduler.stop();
      // Let Node decide, after the microtasks, whether a rejection went unhandled.
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      expect(starts).toEqual([0, 10_000, 20_000, 30_000]);
      expect(reported.map((err) => (err as Error).message)).toEqual(['plan bug', 'poll bug']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
