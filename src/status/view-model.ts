import { parseProgress } from '../guidewire/progress.js';
import type { HistoryStats } from '../history/stats.js';
import { lastDurationMs, processState } from '../model/process-state.js';
import type { ProcessView } from '../model/snapshot.js';
import type { TargetStatusInput } from '../model/target-status.js';
import { runSteps, type Steps } from './steps.js';
import { isDeadlineAtRisk, isFailingFlag, processFlags } from './flags.js';
import { matchesQuery, sortRows } from './query.js';
import type { ScheduleView } from '../schedule/types.js';
import type { ProcessRow, ScheduleRow, StatusQuery, StatusView, TargetHealth, TargetRow } from './types.js';

export interface StatusInput {
  readonly version: string;
  readonly startedAt: number;
  readonly now: number;
  readonly targets: readonly TargetStatusInput[];
}

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** Copies the defined entries only, so absent values stay absent (`exactOptionalPropertyTypes`). */
function defined<T extends object>(entries: T): Defined<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Defined<T>;
}

/** The schedule's view as the row carries it (seconds for durations, the at-risk judgement made). Pure. */
export function scheduleRow(schedule: ScheduleView): ScheduleRow {
  const { deadline } = schedule;
  return {
    source: schedule.source,
    label: schedule.label,
    timezone: schedule.timezone,
    graceSeconds: schedule.graceMs / 1000,
    ...defined({ nextAt: schedule.nextAt, previousAt: schedule.previousAt }),
    late: schedule.late,
    missedTotal: schedule.missedTotal,
    skippedTotal: schedule.skippedTotal,
    ...(deadline === undefined
      ? {}
      : { deadline: { label: deadline.label, at: deadline.at, missed: deadline.missed, ...defined({ forecastAt: deadline.forecastAt }), atRisk: isDeadlineAtRisk(deadline) } }),
  };
}

/**
 * One process's row: state, counters and times as the metrics derive them, plus its flags and schedule.
 * `now` is on Guidewire's clock (the exporter's plus the server time offset), like the run times. Pure.
 */
export function processRow(view: ProcessView, stats: HistoryStats | undefined, pollStartedAt: number | undefined, now: number): Omit<ProcessRow, 'visible' | 'anchor'> {
  const { process, thresholds } = view;
  const status = process.status;
  const state = status === undefined ? undefined : processState(status);
  const flags = processFlags({ view, state, stats, pollStartedAt, now });
  const parsed = parseProgress(status?.progress);
  const progress = parsed === undefined ? undefined : { ...parsed, ...(parsed.total > 0 ? { ratio: parsed.done / parsed.total } : {}) };
  const durationMs = lastDurationMs(status);
  return {
    code: process.code,
    name: process.name,
    distributed: process.distributed,
    state: state ?? 'unknown',
    ...defined({
      opsCompleted: status?.opsCompleted,
      opsFailed: status?.failedOps,
      opsExpected: status?.opsExpected,
      progress,
      lastStartAt: status?.startDate,
      lastCompletionAt: status?.dateCompleted,
      lastDurationSeconds: seconds(durationMs),
      lastSuccessAt: stats?.lastSuccessAt,
      lastFailureAt: stats?.lastFailureAt,
      lastProgressAt: view.progress?.lastChangeAt,
      failureReason: status?.failureReason,
    }),
    observedAt: view.observedAt,
    thresholds: {
      stallAfterSeconds: thresholds.stallAfterMs / 1000,
      ...defined({ expectEverySeconds: seconds(thresholds.expectEveryMs), maxDurationSeconds: seconds(thresholds.maxDurationMs) }),
    },
    ...(view.schedule === undefined ? {} : { schedule: scheduleRow(view.schedule) }),
    flags,
    failing: flags.some(isFailingFlag),
  };
}

/** HTML ids unique within one page: a name's safe characters, numbered when taken. */
function idMaker(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const base = name.replace(/[^A-Za-z0-9_-]+/g, '-');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

function targetRow(input: TargetStatusInput, anchor: string, query: StatusQuery, now: number, id: (name: string) => string): TargetRow {
  const { snapshot } = input;
  const poll = snapshot.poll;
  const health: TargetHealth = poll === undefined ? 'pending' : poll.up ? 'up' : 'down';
  const { serverTime } = snapshot;
  const serverNow = now + (serverTime?.offsetMs ?? 0);
  // Ids in the snapshot's order (by code), so that a row's id does not depend on how the page is sorted.
  const rows = snapshot.processes.map((view) => ({
    ...processRow(view, snapshot.history?.get(view.process.code), poll?.startedAt, serverNow),
    anchor: id(`${anchor}--${view.process.code}`),
  }));
  const processes = sortRows(rows, query).map((row): ProcessRow => ({ ...row, visible: matchesQuery(row, query) }));
  return {
    name: snapshot.target,
    anchor,
    health,
    pollIntervalSeconds: snapshot.pollIntervalSeconds,
    ...(poll === undefined
      ? {}
      : {
          lastPoll: {
            startedAt: poll.startedAt,
            durationSeconds: poll.durationSeconds,
            errors: poll.errors,
            ...defined({ lastSuccessAt: poll.lastSuccessAt, requests: input.requests }),
          },
        }),
    ...defined({ nextPollAt: input.nextPollAt }),
    serverNow,
    ...(serverTime === undefined ? {} : { serverTime: { offsetSeconds: serverTime.offsetMs / 1000, ...defined({ zone: serverTime.zoneId }) } }),
    ...defined({ maintenance: snapshot.maintenance }),
    zone: serverTime?.zoneId ?? 'UTC',
    processes,
    failingCount: processes.filter((row) => row.failing).length,
  };
}

/**
 * Builds what the status page and its JSON twin show from every target's snapshot and runtime facts,
 * at `now`, with the query's filter (rows marked `visible`) and order applied, a target per step. Pure.
 */
export function* statusViewSteps(input: StatusInput, query: StatusQuery): Steps<StatusView> {
  // Targets take their ids first, so that they stay the same whatever their processes are called.
  const id = idMaker();
  const ids = input.targets.map((target) => id(`target-${target.snapshot.target}`));
  const targets: TargetRow[] = [];
  for (const [index, target] of input.targets.entries()) {
    targets.push(targetRow(target, ids[index] ?? '', query, input.now, id));
    yield;
  }
  const count = (health: TargetHealth): number => targets.filter((target) => target.health === health).length;
  return {
    version: input.version,
    now: input.now,
    startedAt: input.startedAt,
    query,
    targets,
    summary: {
      targets: targets.length,
      up: count('up'),
      down: count('down'),
      pending: count('pending'),
      processes: targets.reduce((sum, target) => sum + target.processes.length, 0),
      failing: targets.reduce((sum, target) => sum + target.failingCount, 0),
    },
  };
}

/** `statusViewSteps` all at once. Pure. */
export function buildStatusView(input: StatusInput, query: StatusQuery): StatusView {
  return runSteps(statusViewSteps(input, query));
}
