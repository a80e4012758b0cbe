/**
 * One target, polled once, exactly as the exporter polls it (`createGuidewireClient` + `TargetPoller`),
 * with every failed request kept whole so that its cause can be diagnosed.
 */
import { systemClock } from '../clock.js';
import type { TargetConfig } from '../config/types.js';
import { UpstreamStatusError } from '../errors.js';
import type { GuidewireApi } from '../guidewire/api.js';
import { createGuidewireClient } from '../guidewire/client.js';
import { silentLogger } from '../logger.js';
import { createTypeFilter } from '../poller/glob.js';
import { silentPollReport } from '../poller/poll-report.js';
import type { PollError, TargetSnapshot } from '../model/snapshot.js';
import { TargetPoller } from '../poller/target-poller.js';
import { failureFacts } from './failure.js';
import { diagnose, type Diagnosis, type HintContext } from './hints.js';
import { displayUrl, humanDuration } from './format.js';
import type { ProbeProblem, TargetReport } from './report.js';
import { processRow } from './rows.js';

export interface ProbeTargetDeps {
  readonly runDurationBuckets: readonly number[];
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Aborts the poll (e.g. the caller gives up); a deadline of its own applies anyway. */
  readonly signal?: AbortSignal;
}

export interface TargetProbe {
  readonly report: TargetReport;
  /** What `/metrics` would be rendered from after this poll. */
  readonly snapshot: TargetSnapshot;
}

/** A failed API call as thrown, with the literal type code it asked for when that code came from the config. */
interface Failure {
  readonly error: unknown;
  readonly literalType?: string;
}

/**
 * The probe stops waiting after the target's poll_interval (at least three request timeouts, for the token
 * request, a retry after a 401 and the poll itself): a poll that takes longer could not keep up in the
 * exporter either.
 */
const probeDeadlineMs = (target: TargetConfig): number => Math.max(target.pollIntervalMs, 3 * target.requestTimeoutMs);

/** A problem the poller met without an API call failing (an unreadable list item, say). */
const unreadable: Diagnosis = {
  problem: 'part of a response could not be read',
  hint: 'The exporter skipped what it could not parse and shows the rest; if this persists, report it with the error above.',
};

/** Records each failed call. A 404 for a listed (not configured) type only means it vanished: the poller ignores it too. */
function recordFailures(api: GuidewireApi, literalTypes: boolean, failures: Failure[]): GuidewireApi {
  const record = async <T>(call: Promise<T>, signal: AbortSignal | undefined, code?: string): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      // A request cut short by the deadline says nothing about the target: the deadline is reported instead.
      if (signal?.aborted === true) throw error;
      const vanished = code !== undefined && !literalTypes && error instanceof UpstreamStatusError && error.status === 404;
      if (!vanished) failures.push({ error, ...(code !== undefined && literalTypes ? { literalType: code } : {}) });
      throw error;
    }
  };
  return {
    listBatchProcesses: (signal) => record(api.listBatchProcesses(signal), signal),
    getBatchProcess: (code, signal) => record(api.getBatchProcess(code, signal), signal, code),
    getHistoryPage: (code, request, signal) => record(api.getHistoryPage(code, request, signal), signal),
    close: () => api.close(),
  };
}

/** Polls `target` once (status only: reading every run history would cost a request per process). */
export async function probeTarget(target: TargetConfig, deps: ProbeTargetDeps): Promise<TargetProbe> {
  const failures: Failure[] = [];
  let requests = 0;
  const client = createGuidewireClient({ target, logger: silentLogger(), observe: () => void (requests += 1) });
  const api = recordFailures(client, createTypeFilter(target.include, target.exclude).literalOnly, failures);
  const startedAt = deps.now();
  const clock = { ...systemClock, now: deps.now };
  const poller = new TargetPoller({ target, api, clock, logger: silentLogger(), report: silentPollReport(), runDurationBuckets: deps.runDurationBuckets, startedAt });
  const deadline = AbortSignal.timeout(probeDeadlineMs(target));
  let snapshot: TargetSnapshot;
  try {
    snapshot = await poller.poll(deps.signal === undefined ? deadline : AbortSignal.any([deadline, deps.signal]));
  } finally {
    await client.close();
  }
  const now = deps.now();
  const context: HintContext = {
    authKind: target.auth.kind,
    baseUrl: target.baseUrl,
    requestTimeoutMs: target.requestTimeoutMs,
    ...(target.auth.kind === 'oauth2' ? { tokenUrl: target.auth.tokenUrl } : {}),
  };
  const problems = new Map<string, ProbeProblem>();
  // One problem per distinct message, as the exporter logs each cause once.
  const add = (error: string, diagnosis: Diagnosis): void => {
    if (!problems.has(error)) problems.set(error, { error, ...diagnosis });
  };
  for (const failure of failures) {
    const facts = failureFacts(failure.error, failure.literalType);
    add(facts.message, diagnose(facts, context));
  }
  const poll = snapshot.poll ?? abandoned(startedAt, now, probeDeadlineMs(target));
  // Left: the deadline, or what the poller met without a call failing.
  for (const error of poll.errors) add(error.message, snapshot.poll === undefined ? giveUp : unreadable);
  return {
    snapshot: snapshot.poll === undefined ? { ...snapshot, poll } : snapshot,
    report: {
      name: target.name,
      baseUrl: displayUrl(target.baseUrl),
      up: poll.up,
      durationSeconds: poll.durationSeconds,
      requests,
      processes: snapshot.processes.map((view) => processRow(view, now)),
      problems: [...problems.values()],
    },
  };
}

const giveUp: Diagnosis = {
  problem: 'the poll did not finish in time',
  hint: 'The poll as a whole took longer than poll_interval, so it could not keep up in the exporter either: raise concurrency or poll_interval, or narrow batch_processes.include.',
};

/** The poll result of a poll the deadline (or the caller) cut short. */
function abandoned(startedAt: number, now: number, deadlineMs: number): NonNullable<TargetSnapshot['poll']> {
  const error: PollError = { reason: 'timeout', message: `the poll did not finish within ${humanDuration(deadlineMs)}`, count: 1, examples: [] };
  return { up: false, startedAt, durationSeconds: (now - startedAt) / 1000, errors: [error] };
}
