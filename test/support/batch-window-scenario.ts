/**
 * A demo-like estate for the batch window, hand-built (schedules evaluated here with plain interval
 * arithmetic, since every schedule below is a fixed wall-clock time in a zone without a DST change in
 * the window): 20 processes of one ClaimCenter in America/Chicago at 05:40 on a Saturday morning, with a
 * nightly chain, periodic processes, a failed run, a late process, a deadline at risk, a missed run, a
 * learned cadence and a few with nothing in the window. The unit tests, the page tests and the Chromium
 * screenshot use it.
 */
import { emptyStats, type HistoryStats } from '../../src/history/stats.js';
import type { RunOutcome, RunTrigger } from '../../src/history/outcome.js';
import type { RunRecord } from '../../src/history/run-record.js';
import type { ProcessStatus } from '../../src/guidewire/types.js';
import type { ProcessView, TargetSnapshot } from '../../src/model/snapshot.js';
import type { ScheduleSource, ScheduleView } from '../../src/schedule/types.js';
import type { StatusInput } from '../../src/status/view-model.js';

/** 2026-11-28T11:40:00Z: 05:40 CST, a Saturday. */
export const scenarioNow = Date.parse('2026-11-28T11:40:00Z');
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
/** America/Chicago in November: UTC-6 all day. */
const cst = -6 * hour;

interface Plan {
  readonly code: string;
  readonly name: string;
  /** Fire times: every `period` at `at` past its start in CST (`at` 01:00 of a day, :05 of an hour). */
  readonly period?: number;
  readonly at?: number;
  readonly label?: string;
  readonly source?: ScheduleSource;
  /** Weekday hours only (CST), for a business-hours schedule. */
  readonly businessHours?: boolean;
  readonly durationMs?: number;
  /** Per fire time (CST wall-clock `HH:MM` of it): what happens instead of a clean run. */
  readonly exceptions?: Readonly<Record<string, 'missed' | 'none' | RunOutcome | 'running'>>;
  readonly failedOps?: number;
  readonly late?: boolean;
  readonly missedTotal?: number;
  readonly deadline?: { readonly label: string; readonly at: number; readonly forecastAt?: number };
  readonly manualAt?: readonly number[];
}

const plans: readonly Plan[] = [
  { code: 'ActivityEsc', name: 'Activity Escalation', period: 30 * minute, at: 0, label: '0 0/30 * * * ?', source: 'scheduler_config', durationMs: 40_000 },
  { code: 'Workflow', name: 'Workflow Writer', period: 15 * minute, at: 0, label: '0 0/15 * * * ?', source: 'scheduler_config', durationMs: 12_000 },
  { code: 'ClaimException', name: 'Claim Exception', period: hour, at: 5 * minute, label: '0 5 * * * ?', source: 'scheduler_config', durationMs: 90_000 },
  { code: 'Geocode', name: 'Geocode Writer', period: 2 * hour, at: 10 * minute, label: '0 10 0/2 * * ?', source: 'config', durationMs: 8 * minute },
  { code: 'UserExceptionEsc', name: 'User Exception Escalation', period: hour, at: 45 * minute, label: '0 45 7-19 ? * MON-FRI', source: 'config', businessHours: true, durationMs: 3 * minute },
  { code: 'DashboardRefresh', name: 'Dashboard Refresh', period: 20 * minute, at: 0, label: '0 0/20 * * * ?', source: 'config', durationMs: 4 * minute },
  { code: 'NightlyExtract', name: 'Nightly Extract', period: day, at: 1 * hour, label: '0 0 1 * * ?', source: 'scheduler_config', durationMs: 35 * minute },
  { code: 'PremiumCalc', name: 'Premium Calculation', period: day, at: 1 * hour + 40 * minute, label: '0 40 1 * * ?', source: 'scheduler_config', durationMs: 70 * minute },
  { code: 'InvoiceRun', name: 'Invoice Run', period: day, at: 3 * hour, label: '0 0 3 * * ?', source: 'scheduler_config', durationMs: 70 * minute, exceptions: { '03:00': 'failed_ops' }, failedOps: 12 },
  { code: 'GLExport', name: 'General Ledger Export', period: day, at: 4 * hour + 15 * minute, label: '0 15 4 * * ?', source: 'scheduler_config', durationMs: 50 * minute, exceptions: { '04:15': 'running' },
    deadline: { label: '06:00 America/Chicago', at: Date.parse('2026-11-28T12:00:00Z'), forecastAt: Date.parse('2026-11-28T12:25:00Z') } },
  { code: 'DataMartLoad', name: 'Data Mart Load', period: day, at: 4 * hour + 30 * minute, label: '0 30 4 * * ?', source: 'config', durationMs: 40 * minute, exceptions: { '04:30': 'missed' }, late: true, missedTotal: 1 },
  { code: 'IdleClaim', name: 'Idle Claim Exception', period: day, at: 3 * hour + 30 * minute, label: '0 30 3 * * ?', source: 'scheduler_config', durationMs: 5 * minute },
  { code: 'AggLimitCalc', name: 'Aggregate Limit Calculation', period: day, at: 30 * minute, label: '0 30 0 * * ?', source: 'scheduler_config', durationMs: 3 * minute, exceptions: { '00:30': 'internal_failure' } },
  { code: 'ExchangeRate', name: 'Exchange Rate Update', period: 4 * hour, at: 0, label: '0 0 0/4 * * ?', source: 'config', durationMs: 2 * minute, exceptions: { '00:00': 'missed' }, missedTotal: 1 },
  { code: 'Statistics', name: 'Statistics', period: day, at: 2 * hour + 10 * minute, label: '@every 1d', source: 'learned', durationMs: 20 * minute },
  { code: 'ArchivePolicyTerm', name: 'Archive Policy Term', period: day, at: 22 * hour, label: '0 0 22 * * ?', source: 'scheduler_config', durationMs: 45 * minute, manualAt: [Date.parse('2026-11-27T20:00:00Z')] },
  { code: 'ContactAutoSync', name: 'Contact Auto Sync', period: day, at: 23 * hour, label: '0 0 23 * * ?', source: 'scheduler_config', durationMs: 30 * minute, exceptions: { '23:00': 'incomplete' },
    deadline: { label: '05:00 America/Chicago', at: Date.parse('2026-11-28T11:00:00Z') } },
  { code: 'PurgeWorkflowLogs', name: 'Purge Workflow Logs', label: '0 0 5 ? * SUN', source: 'scheduler_config' },
  { code: 'BoundPolicyException', name: 'Bound Policy Exception', label: '0 0 12 ? * 7#1', source: 'scheduler_config' },
  { code: 'FinancialsEsc', name: 'Financials Escalation' },
];

const wallClock = (at: number): string => new Date(at + cst).toISOString().slice(11, 16);
const weekday = (at: number): number => new Date(at + cst).getUTCDay();

/** Fire times of a plan in [from, to], oldest first. */
function fireTimes(plan: Plan, from: number, to: number): number[] {
  if (plan.period === undefined) return [];
  const out: number[] = [];
  // Local midnight before `from`, then every period from there at `at`.
  const start = Math.floor((from + cst) / day) * day - cst + (plan.at ?? 0) % plan.period;
  for (let t = start; t <= to; t += plan.period) {
    if (t < from) continue;
    const hourOfDay = new Date(t + cst).getUTCHours();
    if (plan.businessHours === true && (weekday(t) === 0 || weekday(t) === 6 || hourOfDay < 7 || hourOfDay > 19)) continue;
    if (plan.period === day && wallClock(t) !== wallClock(start)) continue;
    out.push(t);
  }
  return out;
}

function run(code: string, fire: number, kind: RunOutcome | 'running', durationMs: number, failedOps: number, trigger: RunTrigger = 'scheduled'): RunRecord {
  const startedAt = fire + 4_000;
  const base = { id: `cc:${code}:${fire}`, createdAt: fire + 1_000, startedAt, trigger };
  if (kind === 'running') return base;
  const endedAt = startedAt + (kind === 'internal_failure' ? Math.min(durationMs, 3 * minute) : durationMs);
  return { ...base, endedAt, outcome: kind, ...(kind === 'failed_ops' ? { failedOps } : {}) };
}

function statusOf(latest: RunRecord | undefined): ProcessStatus {
  if (latest === undefined) return { failureReason: 'This batch process type has never run' };
  const running = latest.outcome === undefined;
  return {
    ...(latest.createdAt === undefined ? {} : { dateCreated: latest.createdAt }),
    ...(latest.startedAt === undefined ? {} : { startDate: latest.startedAt }),
    ...(latest.endedAt === undefined ? {} : { dateCompleted: latest.endedAt }),
    opsCompleted: running ? 400 : 1000,
    ...(running ? { opsExpected: 1000, progress: '400 out of 1000' } : {}),
    failedOps: latest.failedOps ?? 0,
    ...(latest.outcome === 'internal_failure' ? { failureReason: 'java.lang.IllegalStateException: aggregate limit not found' } : {}),
  };
}

function build(plan: Plan, now: number): { view: ProcessView; stats?: HistoryStats } {
  const fires = fireTimes(plan, now - day - 2 * hour, now);
  const runs: RunRecord[] = [];
  for (const fire of fires) {
    const exception = plan.exceptions?.[wallClock(fire)];
    const today = now - fire < 20 * hour;
    const kind = exception !== undefined && today ? exception : 'succeeded';
    if (kind === 'missed' || kind === 'none') continue;
    runs.push(run(plan.code, fire, kind, plan.durationMs ?? minute, plan.failedOps ?? 0));
  }
  for (const at of plan.manualAt ?? []) runs.push(run(plan.code, at, 'succeeded', plan.durationMs ?? minute, 0, 'manual'));
  runs.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  const recent = runs.slice(0, 100);
  const windowFires = fires.filter((at) => at > now - day);
  const schedule: ScheduleView | undefined =
    plan.label === undefined
      ? undefined
      : {
          source: plan.source ?? 'config',
          label: plan.label,
          timezone: 'America/Chicago',
          graceMs: 5 * minute,
          windowFireTimes: windowFires,
          ...(plan.period === undefined ? {} : { nextAt: fireTimes(plan, now + 1, now + 8 * day)[0] ?? now, previousAt: windowFires[windowFires.length - 1] ?? now }),
          late: plan.late ?? false,
          missedTotal: plan.missedTotal ?? 0,
          skippedTotal: 0,
          ...(plan.deadline === undefined ? {} : { deadline: { ...plan.deadline, missed: plan.deadline.at < now } }),
        };
  const latest = recent[0];
  const successes = runs.filter((r) => r.outcome === 'succeeded').map((r) => r.endedAt ?? 0);
  const failures = runs.filter((r) => r.outcome !== undefined && r.outcome !== 'succeeded').map((r) => r.endedAt ?? 0);
  const view: ProcessView = {
    process: { code: plan.code, name: plan.name, distributed: plan.period !== undefined && plan.period < hour, status: statusOf(latest) },
    thresholds: { stallAfterMs: 30 * minute },
    observedAt: now - 2_000,
    ...(schedule === undefined ? {} : { schedule }),
  };
  if (latest === undefined) return { view };
  const stats: HistoryStats = {
    ...emptyStats([1, 10, 60]),
    recent,
    ...(successes.length === 0 ? {} : { lastSuccessAt: Math.max(...successes) }),
    ...(failures.length === 0 ? {} : { lastFailureAt: Math.max(...failures) }),
  };
  return { view, stats };
}

/** The scenario's snapshot of `cc-prod` at `now` (the exporter's clock, in step with the server's). */
export function scenarioSnapshot(now = scenarioNow): TargetSnapshot {
  const built = plans.map((plan) => build(plan, now)).sort((a, b) => (a.view.process.code < b.view.process.code ? -1 : 1));
  return {
    target: 'cc-prod',
    pollIntervalSeconds: 60,
    processes: built.map((b) => b.view),
    history: new Map(built.flatMap((b) => (b.stats === undefined ? [] : [[b.view.process.code, b.stats] as const]))),
    poll: { up: true, startedAt: now - 3_000, durationSeconds: 0.4, errors: [], lastSuccessAt: now - 2_600 },
    serverTime: { offsetMs: 0, zoneId: 'America/Chicago', zoneOffset: '-06:00', checkedAt: now - 5 * minute },
  };
}

/** The whole exporter input: one target, the scenario's. */
export function scenarioInput(now = scenarioNow): StatusInput {
  return { version: '0.1.0', startedAt: now - 3 * day, now, targets: [{ snapshot: scenarioSnapshot(now), requests: { status: 1, history: 3 }, nextPollAt: now + 57_000 }] };
}
