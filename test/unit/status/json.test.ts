import { describe, expect, it } from 'vitest';
import { statusJson } from '../../../src/status/json.js';
import { parseStatusQuery } from '../../../src/status/query.js';
import { buildStatusView } from '../../../src/status/view-model.js';
import { completed, input, minute, neverRun, now, running, schedule, snapshot, stats, view } from './fixtures.js';

const json = (query = '', base = '') => {
  const pc = snapshot('pc', [view('Ok', completed(5)), view('Ops', completed(2, 3)), view('Never', neverRun), view('Busy', running(4, 25))], {
    Ok: stats({ lastSuccessAt: now - 5 * minute }),
  });
  const view_ = buildStatusView(input({ snapshot: pc, requests: { status: 1, history: 0 }, nextPollAt: now + 20_000 }, { snapshot: { target: 'bc', pollIntervalSeconds: 30, processes: [] } }), parseStatusQuery(new URLSearchParams(query)));
  return JSON.parse(statusJson(view_, { base, telemetryPath: '/metrics' })) as Record<string, unknown> & { targets: Record<string, unknown>[] };
};

describe('statusJson (/api/v1/status)', () => {
  it('has a stable shape: every key present, null when unknown, ISO times, seconds', () => {
    const doc = json();
    expect(Object.keys(doc)).toEqual(['version', 'generatedAt', 'startedAt', 'query', 'summary', 'links', 'targets']);
    expect(doc['generatedAt']).toBe('2026-11-28T10:00:00.000Z');
    expect(doc['summary']).toEqual({ targets: 2, up: 1, down: 0, pending: 1, processes: 4, failing: 1 });
    const [pc, bc] = doc.targets;
    expect(pc).toMatchObject({
      name: 'pc',
      anchor: 'target-pc',
      health: 'up',
      pollIntervalSeconds: 60,
      lastPoll: { startedAt: '2026-11-28T09:59:58.000Z', durationSeconds: 0.25, lastSuccessAt: '2026-11-28T09:59:58.250Z', requests: { status: 1, history: 0 }, errors: [] },
      nextPollAt: '2026-11-28T10:00:20.000Z',
      processCount: 4,
      failingCount: 1,
    });
    expect(bc).toMatchObject({ health: 'pending', lastPoll: null, nextPollAt: null, processes: [] });
    const processes = pc?.['processes'] as Record<string, unknown>[];
    expect(processes.map((p) => p['code'])).toEqual(['Ops', 'Busy', 'Never', 'Ok']);
    expect(processes[0]).toEqual({
      code: 'Ops',
      name: 'Ops name',
      distributed: false,
      state: 'completed',
      failing: true,
      flags: ['failed_ops'],
      opsCompleted: 10,
      opsFailed: 3,
      opsExpected: null,
      progress: null,
      lastStartAt: '2026-11-28T09:57:00.000Z',
      lastCompletionAt: '2026-11-28T09:58:00.000Z',
      lastDurationSeconds: 60,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastProgressAt: null,
      observedAt: '2026-11-28T09:59:59.000Z',
      failureReason: null,
      thresholds: { stallAfterSeconds: 1800, expectEverySeconds: null, maxDurationSeconds: null },
      schedule: null,
    });
    expect(processes[1]?.['progress']).toEqual({ done: 25, total: 100, ratio: 0.25 });
    expect(pc).toMatchObject({ serverTime: null, maintenance: null });
  });

  it('gives a scheduled process its schedule: source, expressions, zone, next and previous run, late, deadline', () => {
    const nightly = view('Nightly', completed(60), {
      schedule: schedule({ deadline: { label: '06:00 America/Chicago', at: now + 2 * 3_600_000, missed: false, forecastAt: now + 3 * 3_600_000 } }),
    });
    const pc = { ...snapshot('pc', [nightly]), serverTime: { offsetMs: 90_000, zoneId: 'America/Chicago', checkedAt: now - minute }, maintenance: { active: true, name: 'patching', until: now + minute } };
    const doc = JSON.parse(statusJson(buildStatusView(input({ snapshot: pc }), parseStatusQuery(new URLSearchParams())), { base: '', telemetryPath: '/metrics' })) as { targets: Record<string, unknown>[] };
    const target = doc.targets[0];
    expect(target).toMatchObject({ serverTime: { offsetSeconds: 90, zone: 'America/Chicago' }, maintenance: { active: true, name: 'patching', until: '2026-11-28T10:01:00.000Z', nextFrom: null } });
    const process = (target?.['processes'] as Record<string, unknown>[])[0];
    expect(process?.['flags']).toEqual(['late', 'deadline_at_risk']);
    expect(process?.['schedule']).toEqual({
      source: 'config',
      schedule: '0 0 2 * * ? | 0 30 3 ? * SUN',
      timezone: 'America/Chicago',
      graceSeconds: 300,
      nextRun: '2026-11-29T08:00:00.000Z',
      previousRun: '2026-11-28T08:00:00.000Z',
      late: true,
      missedTotal: 2,
      skippedTotal: 1,
      deadline: { completeBy: '06:00 America/Chicago', at: '2026-11-28T12:00:00.000Z', missed: false, atRisk: true, forecastAt: '2026-11-28T13:00:00.000Z' },
    });
  });

  it('applies the same query parameters as the page, leaving out what the filter hides', () => {
    const doc = json('state=failing');
    expect(doc['query']).toEqual({ state: 'failing', q: '', sort: 'default', dir: 'asc' });
    expect((doc.targets[0]?.['processes'] as unknown[]).length).toBe(1);
    expect(doc.targets[0]?.['processCount']).toBe(4);
  });

  it('starts links with the external URL, or the route prefix', () => {
    expect(json('', 'https://proxy.example.com/gw')['links']).toEqual({
      metrics: 'https://proxy.example.com/gw/metrics',
      config: 'https://proxy.example.com/gw/config',
      healthy: 'https://proxy.example.com/gw/-/healthy',
      ready: 'https://proxy.example.com/gw/-/ready',
      api: 'https://proxy.example.com/gw/api/v1/status',
    });
    expect((json('', '')['links'] as Record<string, string>)['metrics']).toBe('/metrics');
  });
});
