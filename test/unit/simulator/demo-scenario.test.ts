import { describe, expect, it } from 'vitest';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { demoProcesses } from '../../../src/simulator/demo-processes.js';
import { createScenarioModel } from '../../../src/simulator/scenario-model.js';
import { NEVER_RUN_REASON } from '../../../src/simulator/scenario-spec.js';
import { schedulesForEnv } from '../../../src/simulator/scheduler-config-xml.js';
import type { RawBatchProcess } from '../../../src/simulator/types.js';

const EPOCH = Date.UTC(2025, 5, 1, 8, 0, 0);

type State = 'never_run' | 'running' | 'completed' | 'failed';
function stateOf(p: RawBatchProcess): State {
  const s = p.status;
  if (s['failureReason'] === NEVER_RUN_REASON) return 'never_run';
  if (s['dateCompleted'] === undefined) return 'running';
  return s['failureReason'] === undefined ? 'completed' : 'failed';
}

/** Every process's state at each 250 ms step of the first 15 s. */
function statesInFirst15s(seed: number): Map<string, Set<State>> {
  const model = createScenarioModel({ seed, epoch: EPOCH });
  const seen = new Map<string, Set<State>>();
  for (let t = 0; t <= 15_000; t += 250) {
    for (const p of model.list(EPOCH + t)) {
      const states = seen.get(p.type.code) ?? new Set<State>();
      states.add(stateOf(p));
      seen.set(p.type.code, states);
    }
  }
  return seen;
}

describe('demoProcesses', () => {
  it('has about twenty distinct processes with sped-up timing', () => {
    expect(demoProcesses.length).toBeGreaterThanOrEqual(18);
    expect(new Set(demoProcesses.map((p) => p.code)).size).toBe(demoProcesses.length);
    for (const p of demoProcesses) {
      expect(p.periodMs).toBeGreaterThanOrEqual(20_000);
      expect(p.periodMs).toBeLessThanOrEqual(300_000);
      expect(p.durationMs).toBeGreaterThanOrEqual(500);
      expect(p.durationMs).toBeLessThanOrEqual(120_000);
    }
    expect(demoProcesses.some((p) => p.distributed)).toBe(true);
    expect(demoProcesses.some((p) => !p.distributed)).toBe(true);
  });

  it.each([1, 2, 3, 42, 1234, 99999])('shows all four states within 15 s of the epoch (seed %i)', (seed) => {
    const all = new Set([...statesInFirst15s(seed).values()].flatMap((s) => [...s]));
    expect([...all].sort()).toEqual(['completed', 'failed', 'never_run', 'running']);
  });

  it('has PurgeClusterMembers never run, BulkInvoiceEsc failed and RecalculateMetrics stalled, whatever the seed', () => {
    for (const seed of [5, 6, 7]) {
      const model = createScenarioModel({ seed, epoch: EPOCH });
      expect(model.get('PurgeClusterMembers', EPOCH + 3600_000)?.status).toEqual({
        failureReason: NEVER_RUN_REASON,
        type: 'PurgeClusterMembers',
      });
      expect(stateOf(model.get('BulkInvoiceEsc', EPOCH) as RawBatchProcess)).toBe('failed');
      const stalled = model.get('RecalculateMetrics', EPOCH + 10 * 60_000);
      expect(stalled?.status['dateCompleted']).toBeUndefined();
      expect(model.get('RecalculateMetrics', EPOCH + 5 * 3600_000)).toEqual(stalled);
    }
  });

  it('is pure: the same instant gives the same JSON, list and get agree', () => {
    const a = createScenarioModel({ seed: 8, epoch: EPOCH });
    const b = createScenarioModel({ seed: 8, epoch: EPOCH });
    const at = EPOCH + 123_456;
    expect(a.list(at)).toEqual(b.list(at));
    expect(a.list(at).find((p) => p.type.code === 'Workflow')).toEqual(a.get('Workflow', at));
    expect(a.get('workflow', at)).toBeUndefined();
    const codes = a.list(at).map((p) => p.type.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('moves every status field over a few minutes', () => {
    const model = createScenarioModel({ seed: 21, epoch: EPOCH });
    const fields = ['dateCreated', 'startDate', 'dateCompleted', 'opsCompleted', 'opsExpected', 'failedOps', 'progress', 'serverId', 'failureReason', 'numActiveExecutors', 'numActiveWorkItems', 'executors'];
    // field -> code -> distinct values seen (absence counts as a value).
    const seen = new Map(fields.map((f) => [f, new Map<string, Set<string>>()]));
    for (let t = 0; t <= 5 * 60_000; t += 1_000) {
      for (const p of model.list(EPOCH + t)) {
        const current: Record<string, unknown> = { ...p.status, ...p.workQueueStatus };
        for (const f of fields) {
          const byCode = seen.get(f);
          const values = byCode?.get(p.type.code) ?? new Set<string>();
          values.add(JSON.stringify(current[f]) ?? 'absent');
          byCode?.set(p.type.code, values);
        }
      }
    }
    for (const f of fields) {
      const changed = [...(seen.get(f)?.values() ?? [])].filter((values) => values.size > 1).length;
      expect(changed, f).toBeGreaterThan(0);
    }
  });

  it('rejects duplicate codes', () => {
    const p = demoProcesses[0];
    expect(p).toBeDefined();
    if (p !== undefined) expect(() => createScenarioModel({ seed: 1, epoch: EPOCH, processes: [p, p] })).toThrow('duplicate');
  });
});

describe('demoProcesses with the demo scheduler-config.xml (env demo)', () => {
  const schedules = schedulesForEnv('demo');
  const GRACE = 5_000;
  const POLL = 5_000;
  const fireTimes = (expression: string, from: number, to: number): number[] => compileQuartz(expression, 'America/Chicago').between(from, to, 100);
  const created = (model: ReturnType<typeof createScenarioModel>, code: string, now: number): number[] =>
    (model.histories(code, now) ?? []).map((r) => Date.parse(r.dateCreated));

  // Epochs at several offsets within the 20 s cadence, milliseconds included.
  const epochs = [0, 1, 4_999, 5_001, 12_345, 19_999].map((d) => EPOCH + d);

  it.each([1, 2, 42])('within a minute, Workflow misses a fire time and ProcessCompletionMonitor starts one late, past grace plus a poll (seed %i)', (seed) => {
    for (const epoch of epochs) {
      const model = createScenarioModel({ seed, epoch, schedules, timezone: 'America/Chicago' });
      const minute = epoch + 60_000;
      // A missed fire time after the exporter's first look, judged (grace + a poll) before the minute is out.
      const workflow = created(model, 'Workflow', minute);
      const missed = fireTimes('0/20 * * * * ?', epoch + 1_000, minute - GRACE - POLL).filter((f) => !workflow.some((c) => c >= f && c < f + 20_000));
      expect(missed.length, new Date(epoch).toISOString()).toBeGreaterThanOrEqual(1);
      // A late start: no run from the fire time until after grace and a poll, then one before the next fire time.
      const monitor = created(model, 'ProcessCompletionMonitor', minute);
      const late = fireTimes('5/20 * * * * ?', epoch + 1_000, minute - GRACE - POLL).filter((f) =>
        monitor.some((c) => c > f + GRACE + POLL && c < f + 20_000) && !monitor.some((c) => c >= f && c <= f + GRACE + POLL),
      );
      expect(late.length, new Date(epoch).toISOString()).toBeGreaterThanOrEqual(1);
    }
  });

  it('still shows all four states within 15 s, and runs the listed processes on their fire times', () => {
    const model = createScenarioModel({ seed: 3, epoch: EPOCH, schedules, timezone: 'America/Chicago' });
    const states = new Set<State>();
    for (let t = 0; t <= 15_000; t += 250) for (const p of model.list(EPOCH + t)) states.add(stateOf(p));
    expect([...states].sort()).toEqual(['completed', 'failed', 'never_run', 'running']);
    const geocode = model.histories('Geocode', EPOCH + 10 * 60_000) ?? [];
    const onTime = geocode.filter((r) => r.scheduled && r.dateCreated.endsWith(':11.000Z'));
    expect(onTime.length).toBeGreaterThan(geocode.length / 2);
  });
});
