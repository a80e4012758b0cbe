import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessOverride } from '../../../src/config/types.js';
import type { HistoryStats } from '../../../src/history/stats.js';
import { emptyStats } from '../../../src/history/stats.js';
import type { ProcessView } from '../../../src/model/snapshot.js';
import { ScheduleTracker } from '../../../src/poller/schedules.js';
import type { ResolvedSchedule, ScheduleInput, ScheduleState } from '../../../src/schedule/types.js';
import { capturingLogger, targetConfig } from '../../support/harness.js';

// The engine is replaced by recording doubles: these tests are about the wiring around it (what it is
// given, what is cached, what is carried from one call to the next), not about its judgements.
const engine = vi.hoisted(() => ({
  resolved: [] as { code: string | undefined; serverZone: string | undefined; recent: unknown }[],
  inputs: [] as { state: ScheduleState; input: ScheduleInput }[],
  throwFor: new Set<string>(),
}));

vi.mock('../../../src/schedule/resolve.js', () => ({
  resolveSchedule: (context: { override?: ProcessOverride; serverZone?: string; recent?: readonly unknown[]; graceMs: number }): ResolvedSchedule | undefined => {
    engine.resolved.push({ code: context.override?.match, serverZone: context.serverZone, recent: context.recent });
    if (context.override?.schedule !== undefined) {
      return { source: 'config', label: context.override.schedule.join(' | '), timezone: context.serverZone ?? 'UTC', graceMs: context.graceMs, crons: [] };
    }
    const learned = context.recent !== undefined && context.recent.length >= 2;
    return learned ? { source: 'learned', label: `@every ${context.recent?.length}m`, timezone: 'UTC', graceMs: context.graceMs, crons: [], interval: { anchor: 0, intervalMs: 60_000 } } : undefined;
  },
  resolveDeadline: () => undefined,
  scheduleZone: (context: { serverZone?: string }) => context.serverZone ?? 'UTC',
}));
vi.mock('../../../src/schedule/evaluate.js', () => ({
  initialScheduleState: (now: number): ScheduleState => ({ judgedThrough: now, missedTotal: 0, skippedTotal: 0 }),
  evaluateSchedule: (state: ScheduleState, input: ScheduleInput) => {
    if (engine.throwFor.has(input.schedule.label)) throw new Error('engine bug');
    engine.inputs.push({ state, input });
    const next = { judgedThrough: input.now, missedTotal: state.missedTotal + 1, skippedTotal: state.skippedTotal };
    return {
      state: next,
      view: { source: input.schedule.source, label: input.schedule.label, timezone: input.schedule.timezone, graceMs: input.schedule.graceMs, windowFireTimes: [], late: false, missedTotal: next.missedTotal, skippedTotal: 0 },
    };
  },
}));
vi.mock('../../../src/schedule/maintenance.js', () => ({
  maintenanceTest: () => (at: number) => at === 42,
  maintenanceView: (_windows: unknown, now: number) => ({ active: now === 42 }),
}));

const view = (code: string, status: ProcessView['process']['status'] = { dateCreated: 1000, startDate: 1500, opsCompleted: 3, opsExpected: 4 }): ProcessView => ({
  process: { code, name: code, distributed: false, ...(status === undefined ? {} : { status }) },
  thresholds: { stallAfterMs: 60_000 },
  observedAt: 0,
});

function tracker(overrides: ProcessOverride[] = [], failed: string[] = []) {
  const log = capturingLogger();
  const target = targetConfig({ baseUrl: 'http://x/rest', overrides, maintenance: [{ kind: 'absolute', from: 0, until: 100 }] });
  const schedules = new ScheduleTracker({
    target,
    log: log.logger,
    override: (code) => overrides.find((o) => o.match === code),
    failed: (code) => void failed.push(code),
  });
  return { schedules, log };
}

beforeEach(() => {
  engine.resolved.length = 0;
  engine.inputs.length = 0;
  engine.throwFor.clear();
});

describe('ScheduleTracker', () => {
  it('gives the engine the latest run from the status, the recent runs and now, and carries the state from call to call', async () => {
    const { schedules } = tracker([{ match: 'A', schedule: ['0 * * * * ?'] }]);
    const recent = [{ id: 'r1', startedAt: 900, trigger: 'scheduled' as const }];
    const history = new Map<string, HistoryStats>([['A', { ...emptyStats([]), recent }]]);
    const first = await schedules.evaluate([view('A'), view('B')], history, undefined, 5_000);
    expect(first.map((v) => v.schedule?.missedTotal)).toEqual([1, undefined]);
    expect(engine.inputs[0]?.state).toEqual({ judgedThrough: 5_000, missedTotal: 0, skippedTotal: 0 });
    expect(engine.inputs[0]?.input).toMatchObject({ now: 5_000, recent, latest: { createdAt: 1000, startedAt: 1500, running: true, progress: 0.75 } });
    expect(engine.inputs[0]?.input.inMaintenance(42)).toBe(true);
    const second = await schedules.evaluate(first, history, undefined, 9_000);
    expect(second[0]?.schedule?.missedTotal).toBe(2);
    expect(engine.inputs[1]?.state.judgedThrough).toBe(5_000);
    expect(schedules.maintenance(42)).toEqual({ active: true });
  });

  it('resolves a configured schedule once, and again when the server zone changes', async () => {
    const { schedules } = tracker([{ match: 'A', schedule: ['0 * * * * ?'] }]);
    await schedules.evaluate([view('A')], undefined, undefined, 1);
    await schedules.evaluate([view('A')], undefined, undefined, 2);
    expect(engine.resolved).toHaveLength(1);
    const views = await schedules.evaluate([view('A')], undefined, 'America/Chicago', 3);
    expect(engine.resolved.map((r) => r.serverZone)).toEqual([undefined, 'America/Chicago']);
    expect(views[0]?.schedule?.timezone).toBe('America/Chicago');
  });

  it('resolves a process without a configured schedule again when its recent runs change, and judges a new cadence from then on, keeping its counters', async () => {
    const { schedules } = tracker();
    const one = new Map([['L', { ...emptyStats([]), recent: [{ id: 'a', trigger: 'scheduled' as const }] }]]);
    expect((await schedules.evaluate([view('L')], one, undefined, 10))[0]?.schedule).toBeUndefined();
    await schedules.evaluate([view('L')], one, undefined, 11);
    expect(engine.resolved).toHaveLength(1);
    const two = new Map([['L', { ...emptyStats([]), recent: [{ id: 'b', trigger: 'scheduled' as const }, { id: 'a', trigger: 'scheduled' as const }] }]]);
    const learned = await schedules.evaluate([view('L')], two, undefined, 20);
    expect(learned[0]?.schedule?.source).toBe('learned');
    // First judged at 20, not at 10 when the process was first seen without a schedule.
    expect(engine.inputs.at(-1)?.state.judgedThrough).toBe(20);
    const three = new Map([['L', { ...emptyStats([]), recent: [{ id: 'c', trigger: 'scheduled' as const }, ...(two.get('L')?.recent ?? [])] }]]);
    await schedules.evaluate([view('L')], three, undefined, 30);
    // Another cadence (@every 3m): judged from 30 on, the missed count of the old one kept.
    expect(engine.inputs.at(-1)?.state).toEqual({ judgedThrough: 30, missedTotal: 1, skippedTotal: 0 });
  });

  it('a throw of the engine for one process leaves only that one without a schedule, counted and logged once', async () => {
    const failed: string[] = [];
    const { schedules, log } = tracker([{ match: 'A', schedule: ['bad'] }, { match: 'B', schedule: ['good'] }], failed);
    engine.throwFor.add('bad');
    for (const now of [1, 2, 3]) {
      const views = await schedules.evaluate([view('A'), view('B')], undefined, undefined, now);
      expect(views.map((v) => v.schedule?.label)).toEqual([undefined, 'good']);
    }
    expect(failed).toEqual(['A', 'A', 'A']);
    expect(log.lines.filter((line) => String(line['msg']).startsWith('schedule evaluation failed'))).toHaveLength(1);
    engine.throwFor.clear();
    await schedules.evaluate([view('A'), view('B')], undefined, undefined, 4);
    expect(log.lines.filter((line) => line['msg'] === 'schedule evaluation works again')).toHaveLength(1);
  });

  it('forgets processes that disappear, and judges one that comes back from its return', async () => {
    const { schedules } = tracker([{ match: 'A', schedule: ['x'] }]);
    await schedules.evaluate([view('A'), view('B')], undefined, undefined, 1);
    expect(schedules.tracked).toBe(2);
    await schedules.evaluate([view('B')], undefined, undefined, 2);
    expect(schedules.tracked).toBe(1);
    await schedules.evaluate([view('A')], undefined, undefined, 3);
    expect(engine.inputs.at(-1)?.state).toEqual({ judgedThrough: 3, missedTotal: 0, skippedTotal: 0 });
  });

  it('gives a process that never ran no latest run, and evaluates 5000 processes in slices', async () => {
    const { schedules } = tracker([{ match: 'N', schedule: ['x'] }]);
    await schedules.evaluate([view('N', {})], undefined, undefined, 1);
    expect(engine.inputs[0]?.input.latest).toBeUndefined();
    const many = Array.from({ length: 5000 }, (_, i) => view(`P${i}`));
    const views = await schedules.evaluate(many, undefined, undefined, 2);
    expect(views.map((v) => v.process.code)).toEqual(many.map((v) => v.process.code));
  });

  it('warns once when schedules fall back to UTC', async () => {
    const { schedules, log } = tracker([{ match: 'A', schedule: ['x'] }, { match: 'B', schedule: ['y'] }]);
    await schedules.evaluate([view('A'), view('B')], undefined, undefined, 1);
    expect(log.lines.filter((line) => String(line['msg']).startsWith('schedules are read in UTC'))).toHaveLength(1);
  });
});
