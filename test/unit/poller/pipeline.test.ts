import { defaultPlan } from '../../../src/guidewire/request-plan.js';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { UpstreamStatusError, type PollErrorReason } from '../../../src/errors.js';
import type { GuidewireApi, RequestObserver } from '../../../src/guidewire/api.js';
import type { BatchProcess } from '../../../src/guidewire/types.js';
import type { TargetSnapshot } from '../../../src/model/snapshot.js';
import { createTargetPipeline } from '../../../src/poller/pipeline.js';
import type { PollReport } from '../../../src/poller/poll-report.js';
import type { Clock } from '../../../src/clock.js';
import { targetConfig } from '../../support/harness.js';

const completed = (code: string): BatchProcess => ({
  code,
  name: code,
  distributed: false,
  status: { dateCreated: 1_000, startDate: 1_000, dateCompleted: 2_000 },
});

/** An in-memory Guidewire that reports each call to the pipeline's observer, as the HTTP client does. */
function fakeApi(observe: RequestObserver, options: { failGet?: unknown; onSchema?: () => void } = {}): GuidewireApi & { calls: string[] } {
  const calls: string[] = [];
  const answer = <T>(endpoint: string, value: T, status = 200): T => {
    calls.push(endpoint);
    observe({ endpoint, status, durationSeconds: 0.01 });
    return value;
  };
  return {
    calls,
    listBatchProcesses: async () => answer('list', { items: [{ code: 'A', name: 'A', distributed: false }, completed('B')], invalid: [] }),
    getBatchProcess: async (code) => {
      if (options.failGet !== undefined) {
        answer(`get ${code}`, undefined, 503);
        throw options.failGet;
      }
      return answer(`get ${code}`, completed(code));
    },
    getHistoryPage: async (code) => answer(`history ${code}`, { items: [], invalid: [] }),
    // The server clock 90 s ahead of the exporter's (which stands still in these tests).
    getSystemTime: async () => {
      const at = Date.parse('2026-11-28T10:00:00.000Z');
      return answer('system-time', { dateTime: at + 90_000, zoneId: 'America/Chicago', requestedAt: at, answeredAt: at });
    },
    // One finished check run with 2 errors, and a newer one still running.
    listConsistencyChecks: async () =>
      answer('dbcc', {
        items: [
          { id: 'cc:2', startTime: Date.parse('2026-11-28T09:30:00.000Z') },
          { id: 'cc:1', startTime: Date.parse('2026-11-28T09:00:00.000Z'), endTime: Date.parse('2026-11-28T09:10:00.000Z'), errors: 2, totalChecks: 40 },
        ],
        invalid: [],
      }),
    // Not recorded in `calls`: these tests are about the status and history requests; "API schema" below is about this one.
    readApiSchema: async () => {
      options.onSchema?.();
      return { source: 'none' as const, reason: 'openapi.json: 404; swagger.json: 404' };
    },
    requestPlan: () => defaultPlan(100),
    close: async () => undefined,
  };
}

/** A report that remembers what it was told. */
function recordingReport(): PollReport & { errors: [string, PollErrorReason, number][]; responses: [string, number][] } {
  const errors: [string, PollErrorReason, number][] = [];
  const responses: [string, number][] = [];
  return {
    errors,
    responses,
    pollError: (target, reason, count) => void errors.push([target, reason, count]),
    apiRequest: (target, status) => void responses.push([target, status]),
    scheduleError: () => undefined,
  };
}

function pipelineOver(options: { failGet?: unknown; onSchema?: () => void } = {}) {
  // Time stands still: the pipeline sets no timers, and Retry-After is then exact to the millisecond.
  const at = Date.parse('2026-11-28T10:00:00.000Z');
  const clock: Clock = { now: () => at, setTimeout: () => ({}), clearTimeout: () => undefined };
  const report = recordingReport();
  const snapshots: TargetSnapshot[] = [];
  let api: ReturnType<typeof fakeApi> | undefined;
  const pipeline = createTargetPipeline(targetConfig({ baseUrl: 'http://127.0.0.1:1/rest', name: 't' }), {
    clock,
    logger: silentLogger(),
    report,
    runDurationBuckets: [1],
    startedAt: 0,
    createApi: (_target, observe) => (api = fakeApi(observe, options)),
    onSnapshot: (snapshot) => void snapshots.push(snapshot),
  });
  return { pipeline, report, snapshots, clock, calls: () => api?.calls ?? [] };
}

describe('createTargetPipeline', () => {
  it('runs a scheduled poll as the runtime does: status, then histories, each counted and published', async () => {
    const { pipeline, report, snapshots, calls } = pipelineOver();
    expect(pipeline.firstPollDone).toBe(false);
    await pipeline.pollAll();
    // The server time first (its request counts with the status poll's), so the status poll uses it.
    // The consistency checks at start, after the status poll, counted with it.
    expect(calls()).toEqual(['system-time', 'list', 'get A', 'dbcc', 'history A', 'history B']);
    expect(pipeline.pollRequests).toEqual({ status: 4, history: 2 });
    expect(pipeline.requests).toBe(6);
    expect(pipeline.firstPollDone).toBe(true);
    // Published after the status poll, and again once the history stats are in.
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]?.serverTime).toMatchObject({ offsetMs: 90_000, zoneId: 'America/Chicago' });
    expect(snapshots[1]?.history?.size).toBe(2);
    // The finished run, not the running one.
    expect(snapshots[1]?.dbcc).toMatchObject({ id: 'cc:1', errors: 2, totalChecks: 40, durationSeconds: 600 });
    expect(report.responses).toEqual([['t', 200], ['t', 200], ['t', 200], ['t', 200], ['t', 200], ['t', 200]]);
    expect(report.errors).toEqual([]);
  });

  it('reads the server time at most every ten minutes, and again after a reload', async () => {
    const { pipeline, calls } = pipelineOver();
    await pipeline.pollAll();
    await pipeline.pollAll();
    expect(calls().filter((call) => call === 'system-time')).toHaveLength(1);
    expect(pipeline.pollRequests).toEqual({ status: 2, history: 0 });
    pipeline.poller.configReloaded();
    await pipeline.pollAll();
    expect(calls().filter((call) => call === 'system-time')).toHaveLength(2);
  });

  it('runs a status poll alone without reading histories (the probe)', async () => {
    const { pipeline, calls } = pipelineOver();
    const snapshot = await pipeline.pollStatus();
    expect(calls()).toEqual(['list', 'get A']);
    expect(snapshot.processes.map((view) => view.process.code)).toEqual(['A', 'B']);
    expect(pipeline.pollRequests).toEqual({ status: 2, history: 0 });
  });

  it('reports poll errors through its port and holds requests back after a Retry-After', async () => {
    const { pipeline, report, clock, calls } = pipelineOver({ failGet: new UpstreamStatusError(503, 'batch-processes/A', { retryAfterSeconds: 30 }) });
    const first = await pipeline.pollStatus();
    expect(first.poll?.up).toBe(false);
    // The poll result keeps the error itself, for a diagnosis (the probe's) to read.
    expect(first.poll?.errors[0]).toMatchObject({ reason: 'server_error', failedRequest: true, error: expect.any(UpstreamStatusError) });
    expect(report.errors).toEqual([['t', 'server_error', 1]]);
    expect(pipeline.api.notBefore()).toBe(clock.now() + 30_000);
    await pipeline.pollStatus();
    // Held back by the gate: nothing sent, and a request never sent is no error of its own.
    expect(calls()).toEqual(['list', 'get A']);
    expect(report.errors).toEqual([['t', 'server_error', 1]]);
  });

  it('reads no histories when the status poll was stopped', async () => {
    const { pipeline, calls } = pipelineOver();
    const stop = new AbortController();
    stop.abort();
    await pipeline.pollAll(stop.signal);
    expect(calls().some((call) => call.startsWith('history'))).toBe(false);
    expect(pipeline.firstPollDone).toBe(true);
  });
});
