import { endpointLinks } from './links.js';
import type { ProcessRow, StatusView, TargetRow } from './types.js';

/**
 * The `/api/v1/status` document: every key always present (`null` when unknown), times as ISO-8601 UTC,
 * durations in seconds. The shape is documented in docs/status-page.md; change it only additively.
 */

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const orNull = <T>(value: T | undefined): T | null => value ?? null;

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
            errors: poll.errors.map((error) => ({ reason: error.reason, message: error.message })),
          },
    nextPollAt: iso(target.nextPollAt),
    processCount: target.processes.length,
    failingCount: target.failingCount,
    // Scripts get what the filter lets through; the HTML keeps hidden rows for its script.
    processes: target.processes.filter((row) => row.visible).map(processJson),
  };
}

/**
 * Serialises the status view. `base` is what links start with: the external URL (absolute) when one is
 * configured, else the route prefix (`""` at the root). Pure.
 */
export function statusJson(view: StatusView, links: { readonly base: string; readonly telemetryPath: string }): string {
  const { state, q, sort, dir } = view.query;
  const document = {
    version: view.version,
    generatedAt: iso(view.now),
    startedAt: iso(view.startedAt),
    query: { state, q, sort, dir },
    summary: view.summary,
    links: Object.fromEntries(endpointLinks(links.telemetryPath).map((link) => [link.key, `${links.base}${link.path}`])),
    targets: view.targets.map(targetJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
