/**
 * One target, polled once, exactly as the exporter polls it (the target pipeline: client, Retry-After
 * gate, poller), and each cause of errors diagnosed from the error the poll result keeps.
 */
import { systemClock } from '../clock.js';
import type { ApiSchemaReading } from '../guidewire/api.js';
import type { RequestPlan } from '../guidewire/request-plan.js';
import { schemaLines } from '../guidewire/schema-summary.js';
import type { TargetConfig } from '../config/types.js';
import { silentLogger } from '../logger.js';
import type { PollError, TargetSnapshot } from '../model/snapshot.js';
import { createTargetPipeline } from '../poller/pipeline.js';
import { silentPollReport } from '../poller/poll-report.js';
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
  /** `--schema`: put what the API definition said in the report. */
  readonly schema?: boolean;
}

export interface TargetProbe {
  readonly report: TargetReport;
  /** What `/metrics` would be rendered from after this poll. */
  readonly snapshot: TargetSnapshot;
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

/** The diagnosis of one cause of a finished poll: from its error when a request failed. */
function diagnosis(error: PollError, context: HintContext): Diagnosis {
  if (error.failedRequest !== true) return unreadable;
  return diagnose(failureFacts(error.error, error.literalType), context);
}

/**
 * Polls `target` once: `/system-time` (so that run times are judged on Guidewire's clock and schedules in
 * its zone), then the status; no run histories, which would cost a request per process.
 */
export async function probeTarget(target: TargetConfig, deps: ProbeTargetDeps): Promise<TargetProbe> {
  const startedAt = deps.now();
  const pipeline = createTargetPipeline(target, {
    clock: { ...systemClock, now: deps.now },
    logger: silentLogger(),
    report: silentPollReport(),
    runDurationBuckets: deps.runDurationBuckets,
    startedAt,
  });
  const deadline = AbortSignal.timeout(probeDeadlineMs(target));
  let snapshot: TargetSnapshot;
  const signal = deps.signal === undefined ? deadline : AbortSignal.any([deadline, deps.signal]);
  try {
    // Never throws: what the definition declares shapes the status poll's requests, as in the exporter.
    await pipeline.pollApiSchema(signal);
    // Never throws: a failure or a 404 leaves the snapshot without a server time, and the status poll goes on.
    await pipeline.pollServerTime(signal);
    snapshot = await pipeline.pollStatus(signal);
  } finally {
    await pipeline.close();
  }
  // Guidewire's clock, as the exporter judges run times (ours plus the server time offset, when read).
  const serverNow = deps.now() + (snapshot.serverTime?.offsetMs ?? 0);
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
  // A poll cut short (the deadline, or the caller) has no result: its requests say nothing about the target.
  const poll = snapshot.poll ?? abandoned(startedAt, now, probeDeadlineMs(target));
  if (snapshot.poll === undefined) for (const error of poll.errors) add(error.message, giveUp);
  // Failed requests first, then what the poller met without a call failing.
  for (const error of poll.errors) if (error.failedRequest === true) add(error.message, diagnosis(error, context));
  for (const error of poll.errors) add(error.message, diagnosis(error, context));
  return {
    snapshot: snapshot.poll === undefined ? { ...snapshot, poll } : snapshot,
    report: {
      name: target.name,
      baseUrl: displayUrl(target.baseUrl),
      up: poll.up,
      durationSeconds: poll.durationSeconds,
      requests: pipeline.requests,
      processes: snapshot.processes.map((view) => processRow(view, serverNow)),
      problems: [...problems.values()],
      ...(deps.schema === true ? { schema: schemaReport(pipeline.poller.apiSchema, pipeline.api.requestPlan()) } : {}),
      ...(snapshot.serverTime === undefined
        ? {}
        : { serverTime: { offsetMs: snapshot.serverTime.offsetMs, ...(snapshot.serverTime.zoneId === undefined ? {} : { zoneId: snapshot.serverTime.zoneId }) } }),
    },
  };
}

/** The `--schema` lines: the definition's findings, or why there is none (not read: the poll was cut short). */
function schemaReport(reading: ApiSchemaReading | undefined, plan: RequestPlan): string[] {
  return schemaLines(reading?.capabilities, plan, reading === undefined ? 'could not be read (a network or server error); the defaults apply' : reading.reason);
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
