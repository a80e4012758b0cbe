import { describe, expect, it } from 'vitest';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { compileFireTimes, fireTimesOf } from '../../../src/simulator/fire-times.js';
import { createCronPlan, fateAt, runsAt } from '../../../src/simulator/scenario-cron.js';
import { createScenarioModel } from '../../../src/simulator/scenario-model.js';
import type { ScenarioProcess } from '../../../src/simulator/scenario-spec.js';
import type { RawProcessHistory } from '../../../src/simulator/types.js';

// 12:00:07.300 UTC: not on a fire time, so "the first fire time at or after the epoch" means something.
const EPOCH = Date.UTC(2025, 5, 1, 12, 0, 7, 300);
const EVERY_20S = '0/20 * * * * ?';
const base: ScenarioProcess = { code: 'Workflow', name: 'Workflow Writer', distributed: false, periodMs: 20_000, durationMs: 6_000, opsPerRun: 100 };

const modelOf = (spec: ScenarioProcess, seed = 1, expressions = [EVERY_20S], timezone = 'UTC') =>
  createScenarioModel({ seed, epoch: EPOCH, processes: [spec], schedules: new Map([[spec.code, expressions]]), timezone });
const rowsOf = (spec: ScenarioProcess, now: number, seed = 1, expressions = [EVERY_20S], timezone = 'UTC'): RawProcessHistory[] =>
  modelOf(spec, seed, expressions, timezone).histories(spec.code, now) ?? [];
const ms = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));
/** When a run ended; still running counts as never. */
const endOf = (row: RawProcessHistory | undefined): number => (row?.dateCompleted === undefined ? Number.POSITIVE_INFINITY : ms(row.dateCompleted));
const fireTimes = (from: number, to: number, expression = EVERY_20S): number[] => compileQuartz(expression, 'UTC').between(from, to, 10_000);

describe('runs started by crons', () => {
  it('creates a run at each fire time, started a moment later, scheduled, done before the next fire time', () => {
    const now = EPOCH + 10 * 60_000;
    const rows = rowsOf(base, now);
    const expected = fireTimes(now - 3_600_000 - 1, now);
    expect(rows.map((r) => ms(r.dateCreated))).toEqual(expected);
    for (const r of rows) {
      expect(r.scheduled).toBe(true);
      const delay = ms(r.startDate) - ms(r.dateCreated);
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(2_000);
      if (r !== rows.at(-1)) expect(ms(r.dateCompleted)).toBeLessThan(ms(r.dateCreated) + 20_000);
    }
    // Start delays vary from run to run.
    expect(new Set(rows.map((r) => ms(r.startDate) - ms(r.dateCreated))).size).toBeGreaterThan(10);
  });

  it('reads the crons in the given zone (America/Chicago: 2 a.m. is 08:00 UTC in winter, 07:00 in summer)', () => {
    const nightly = { ...base, durationMs: 60_000 };
    const winter = rowsOf(nightly, Date.UTC(2026, 0, 15, 9), 1, ['0 0 2 * * ?'], 'America/Chicago');
    expect(winter.at(-1)?.dateCreated).toBe('2026-01-15T08:00:00.000Z');
    const summer = rowsOf(nightly, Date.UTC(2026, 6, 15, 9), 1, ['0 0 2 * * ?'], 'America/Chicago');
    expect(summer.at(-1)?.dateCreated).toBe('2026-07-15T07:00:00.000Z');
    // No 02:30 on the spring-forward night (Quartz skips it): the latest run is the night before.
    const spring = rowsOf(nightly, Date.UTC(2026, 2, 8, 12), 1, ['0 30 2 * * ?'], 'America/Chicago');
    expect(spring.at(-1)?.dateCreated).toBe('2026-03-07T08:30:00.000Z');
  });

  it('runs on the union of several crons, once where they coincide', () => {
    const now = EPOCH + 5 * 60_000;
    const rows = rowsOf(base, now, 1, ['0/30 * * * * ?', '0 * * * * ?', '10 * * * * ?']);
    const recent = rows.filter((r) => ms(r.dateCreated) > EPOCH).map((r) => new Date(r.dateCreated).getUTCSeconds());
    expect(recent.slice(0, 6)).toEqual([10, 30, 0, 10, 30, 0]);
  });

  it('agrees with the status: the latest history row is the latest run', () => {
    const model = modelOf({ ...base, lateRate: 0.3, missRate: 0.2 }, 3);
    for (let t = EPOCH; t < EPOCH + 120_000; t += 1_700) {
      const status = model.get(base.code, t)?.status ?? {};
      expect(model.histories(base.code, t)?.at(-1)?.dateCreated, String(t)).toBe(status['dateCreated']);
    }
  });
});

describe('skipping a fire time while the previous run still runs', () => {
  const long = { ...base, code: 'ClaimException', durationMs: 15_000, overrunRate: 0.4 };
  const rows = rowsOf(long, EPOCH + 3_600_000, 7);

  it('skips every fire time that comes while a run overruns, and no other', () => {
    const all = fireTimes(EPOCH, EPOCH + 3_600_000);
    const created = new Set(rows.map((r) => ms(r.dateCreated)));
    const skipped = all.filter((f) => !created.has(f));
    expect(skipped.length).toBeGreaterThan(10);
    for (const f of skipped) {
      const previous = rows.filter((r) => ms(r.dateCreated) < f).at(-1);
      expect(endOf(previous), new Date(f).toISOString()).toBeGreaterThan(f);
    }
    // Runs never overlap.
    for (let i = 1; i < rows.length; i++) expect(ms(rows[i]?.dateCreated)).toBeGreaterThan(endOf(rows[i - 1]));
  });

  it('names the fate of each fire time', () => {
    const fire = compileFireTimes([EVERY_20S], 'UTC');
    const plan = createCronPlan(long, 7, EPOCH, fire);
    const fates = fireTimes(EPOCH, EPOCH + 3_600_000).map((f) => fateAt(plan, f));
    expect(new Set(fates)).toEqual(new Set(['run', 'overrun', 'skipped']));
    fates.forEach((fate, i) => {
      if (fate === 'skipped') expect(fates[i - 1]).toBe('overrun');
      if (fate === 'overrun') expect(fates[i + 1]).toBe('skipped');
    });
  });

  it('skips every fire time after a run that stalls', () => {
    const stalls = { ...base, stallsAt: { run: 2, fraction: 0.3 } };
    const model = modelOf(stalls);
    const [, , third] = fireTimes(EPOCH - 1, EPOCH + 60_000);
    const later = model.get(base.code, EPOCH + 3_600_000);
    expect(later?.status['dateCreated']).toBe(new Date(third ?? 0).toISOString());
    expect(later?.status['dateCompleted']).toBeUndefined();
    expect(model.histories(base.code, EPOCH + 3_600_000)?.at(-1)?.dateCreated).toBe(new Date(third ?? 0).toISOString());
  });
});

describe('seeded faults', () => {
  it('misses the listed fire times and starts the listed ones late, whatever the seed', () => {
    const spec = { ...base, missedRuns: [1], lateRuns: [3], lateByMs: 13_000 };
    const [f0, f1, f2, f3] = fireTimes(EPOCH - 1, EPOCH + 100_000);
    expect(f0).toBe(Date.UTC(2025, 5, 1, 12, 0, 20));
    for (const seed of [1, 2, 3, 99]) {
      const created = rowsOf(spec, EPOCH + 120_000, seed).map((r) => ms(r.dateCreated));
      expect(created).toContain(f0);
      expect(created.filter((c) => c >= (f1 ?? 0) && c < (f2 ?? 0))).toEqual([]);
      const late = created.filter((c) => c > (f3 ?? 0) && c < (f3 ?? 0) + 20_000);
      expect(late).toHaveLength(1);
      expect((late[0] ?? 0) - (f3 ?? 0)).toBeGreaterThanOrEqual(11_700);
      expect((late[0] ?? 0) - (f3 ?? 0)).toBeLessThanOrEqual(14_000);
    }
  });

  it('numbers fire times from the first at or after the epoch (-1 the latest before it)', () => {
    const fire = compileFireTimes([EVERY_20S], 'UTC');
    const found = fireTimesOf(fire, EPOCH, [-1, 0, 2]);
    expect([...found].sort((a, b) => a[0] - b[0])).toEqual([
      [Date.UTC(2025, 5, 1, 12, 0, 0), -1],
      [Date.UTC(2025, 5, 1, 12, 0, 20), 0],
      [Date.UTC(2025, 5, 1, 12, 1, 0), 2],
    ]);
  });

  it('draws random misses, late starts and make-up runs from the seed: same seed, same runs', () => {
    const spec = { ...base, missRate: 0.2, lateRate: 0.2, makeUpRate: 0.5 };
    const now = EPOCH + 3_600_000;
    const a = rowsOf(spec, now, 5);
    expect(rowsOf(spec, now, 5)).toEqual(a);
    expect(rowsOf(spec, now, 6)).not.toEqual(a);
    const fires = new Set(fireTimes(now - 3_600_000 - 1, now));
    const onTime = a.filter((r) => fires.has(ms(r.dateCreated)));
    const offGrid = a.filter((r) => !fires.has(ms(r.dateCreated)));
    const manual = offGrid.filter((r) => !r.scheduled);
    // About 180 fire times: ~20 % missed (about half of those made up by hand 10 s later), ~16 % late.
    expect(fires.size - onTime.length).toBeGreaterThan(40);
    expect(manual.length).toBeGreaterThan(5);
    for (const r of manual) expect(new Date(r.dateCreated).getUTCSeconds() % 20).toBe(10);
    expect(offGrid.filter((r) => r.scheduled).length).toBeGreaterThan(10);
    expect(onTime.every((r) => r.scheduled)).toBe(true);
  });

  it('plans at most one scheduled run per fire time', () => {
    const plan = createCronPlan({ ...base, missRate: 0.3, lateRate: 0.3, makeUpRate: 1 }, 2, EPOCH, compileFireTimes([EVERY_20S], 'UTC'));
    for (const f of fireTimes(EPOCH, EPOCH + 600_000)) expect(runsAt(plan, f).length).toBeLessThanOrEqual(1);
  });
});

describe('schedules given to the model', () => {
  it('refuses a schedule for a process it does not have, and a bad cron', () => {
    expect(() => createScenarioModel({ seed: 1, epoch: EPOCH, processes: [base], schedules: new Map([['Nope', [EVERY_20S]]]) })).toThrow('Nope');
    expect(() => modelOf(base, 1, ['0 61 * * * ?'])).toThrow(/minutes/);
    expect(() => modelOf(base, 1, [EVERY_20S], 'Mars/Olympus')).toThrow(/time zone/);
  });
});
