import { endpointLinks } from './links.js';
import type { ProcessRow, ScheduleRow, StatusView, TargetRow } from './types.js';

/**
 * The `/api/v1/status` document: every key always present (`null` when unknown), times as ISO-8601 UTC,
 * durations in seconds. The shape is documented in docs/status-page.md; change it only additively.
 */

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const orNull = <T>(value: T | undefined): T | null => value ?? null;

/** A process's schedule: every key present, `null` when unknown; fire times and deadlines on Guidewire's clock. */
function scheduleJson(schedule: ScheduleRow) {
  const { deadline } = schedule;
  return {
    source: schedule.source,
    schedule: schedule.label,
    timezone: schedule.timezone,
    graceSeconds: schedule.graceSeconds,
    nextRun: iso(schedule.nextAt),
    previousRun: iso(schedule.previousAt),
    late: schedule.late,
    missedTotal: schedule.missedTotal,
    skippedTotal: schedule.skippedTotal,
    deadline:
      deadline === undefined
        ? null
        : { completeBy: deadline.label, at: iso(deadline.at), missed: deadline.missed, atRisk: deadline.atRisk, forecastAt: iso(deadline.forecastAt) },
  };
}

function processJson(row: ProcessRow) {
  return {
    code: row.code,
    name: row.name,
    distributed: row.distributed,
    state: row.state,
    failing: row.failing,
    flags: row.flags,
    opsCompleted: orNull(row.opsCompleted),
    opsFailed: orNull(row.opsFailed),
    opsExpected: orNull(row.opsExpected),
    progress: row.progress === undefined ? null : { done: row.progress.done, total: row.progress.total, ratio: orNull(row.progress.ratio) },
    lastStartAt: iso(row.lastStartAt),
    lastCompletionAt: iso(row.lastCompletionAt),
    lastDurationSeconds: orNull(row.lastDurationSeconds),
    lastSuccessAt: iso(row.lastSuccessAt),
    lastFailureAt: iso(row.lastFailureAt),
    lastProgressAt: iso(row.lastProgressAt),
    observedAt: iso(row.observedAt),
    failureReason: orNull(row.failureReason),
    thresholds: {
      stallAfterSeconds: row.thresholds.stallAfterSeconds,
      expectEverySeconds: orNull(row.thresholds.expectEverySeconds),
      maxDurationSeconds: orNull(row.thresholds.maxDurationSeconds),
    },
    schedule: row.schedule === undefined ? null : scheduleJson(row.schedule),
  };
}

function targetJson(target: TargetRow) {
  const poll = target.lastPoll;
  return {
    name: target.name,
    anchor: target.anchor,
    health: target.health,
    pollIntervalSeconds: target.pollIntervalSeconds,
    lastPoll:
      poll === undefined
        ? null
        : {
            startedAt: iso(poll.startedAt),
            durationSeconds: poll.durationSeconds,
            lastSuccessAt: iso(poll.lastSuccessAt),
            requests: orNull(poll.requests),
            errors: poll.errors.map((error) => ({ reason: error.reason, message: error.message, count: error.count, examples: [...error.examples] })),
          },
    nextPollAt: iso(target.nextPollAt),
    serverTime: target.serverTime === undefined ? null : { offsetSeconds: target.serverTime.offsetSeconds, zone: orNull(target.serverTime.zone) },
    maintenance:
      target.maintenance === undefined
        ? null
        : { active: target.maintenance.active, name: orNull(target.maintenance.name), until: iso(target.maintenance.until), nextFrom: iso(target.maintenance.nextFrom) },
    processCount: target.processes.length,
    failingCount: target.failingCount,
    // Scripts get what the filter lets through; the HTML keeps hidden rows for its script.
    processes: target.processes.filter((row) => row.visible).map(processJson),
  };
}

/**
 * Serialises the status view, a target per part: the same text as `JSON.stringify(document, null, 2)`
 * (each target is stringified on its own and indented to its place in the `targets` array). `base` is
 * what links start with: the external URL (absolute) when one is configured, else the route prefix
 * (`""` at the root). Pure.
 */
export function* statusJsonParts(view: StatusView, links: { readonly base: string; readonly telemetryPath: string }): Generator<string> {
  const { state, q, sort, dir } = view.query;
  const document = {
    version: view.version,
    generatedAt: iso(view.now),
    startedAt: iso(view.startedAt),
    query: { state, q, sort, dir },
    summary: view.summary,
    links: Object.fromEntries(endpointLinks(links.telemetryPath).map((link) => [link.key, `${links.base}${link.path}`])),
    targets: [] as unknown[],
  };
  const empty = JSON.stringify(document, null, 2);
  if (view.targets.length === 0) return yield `${empty}\n`;
  // `"targets": []` is the document's last key: open the array there and close it after the targets.
  yield `${empty.slice(0, empty.lastIndexOf('[]'))}[\n`;
  for (const [index, target] of view.targets.entries()) {
    yield* targetParts(targetJson(target), index < view.targets.length - 1 ? ',' : '');
  }
  yield '  ]\n}\n';
}

/** Processes stringified between two pauses of a paced render. */
const processesPerPart = 50;

/** JSON text indented to `depth` levels of two spaces, the first line included. */
const indented = (value: unknown, depth: number): string => {
  const pad = ' '.repeat(2 * depth);
  return `${pad}${JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`)}`;
};

/** One element of `targets` (depth 2), its processes (depth 4) a group at a time; `after` follows it. */
function* targetParts(target: ReturnType<typeof targetJson>, after: string): Generator<string> {
  const { processes } = target;
  if (processes.length === 0) return yield `${indented(target, 2)}${after}\n`;
  // `"processes": []` is the target's last key: open the array there and close it after the groups.
  const shell = indented({ ...target, processes: [] }, 2);
  yield `${shell.slice(0, shell.lastIndexOf('[]'))}[\n`;
  for (let i = 0; i < processes.length; i += processesPerPart) {
    const group = processes.slice(i, i + processesPerPart).map((process) => indented(process, 4));
    yield `${group.join(',\n')}${i + processesPerPart < processes.length ? ',' : ''}\n`;
  }
  yield `      ]\n    }${after}\n`;
}

/** The status view as JSON at once (see `statusJsonParts`). Pure. */
export function statusJson(view: StatusView, links: { readonly base: string; readonly telemetryPath: string }): string {
  return [...statusJsonParts(view, links)].join('');
}
