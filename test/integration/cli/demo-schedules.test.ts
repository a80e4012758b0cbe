import { afterEach, describe, expect, it } from 'vitest';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { startDemo, type Demo } from '../../../src/cli/demo.js';
import type { TargetConfig } from '../../../src/config/types.js';

/**
 * The demo's simulator over real sockets, on a clock the test moves: within a simulated minute it shows
 * runs started by its crons, a missed fire time and a late start, and the demo target is set up to see them.
 */

let demo: Demo | undefined;
afterEach(async () => {
  await demo?.simulator.close();
  demo = undefined;
});

interface Row {
  readonly dateCreated: string;
  readonly startDate?: string;
  readonly scheduled: boolean;
}

async function bearer(d: Demo, target: TargetConfig): Promise<string> {
  if (target.auth.kind !== 'oauth2' || target.auth.clientSecret.kind !== 'inline') throw new Error('the demo target uses OAuth2 with an inline secret');
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: target.auth.clientId, client_secret: target.auth.clientSecret.value });
  const res = await fetch(d.simulator.tokenUrl, { method: 'POST', body });
  const token = (await res.json()) as { access_token: string };
  return `Bearer ${token.access_token}`;
}

async function get(d: Demo, authorization: string, path: string): Promise<unknown> {
  const res = await fetch(`${d.simulator.baseUrl}${path}`, { headers: { authorization } });
  expect(res.status, path).toBe(200);
  return res.json();
}

async function rows(d: Demo, authorization: string, code: string): Promise<Row[]> {
  const body = (await get(d, authorization, `/systemtools/v1/batch-processes/${code}/histories?pageSize=100`)) as { data: { attributes: Row }[] };
  return body.data.map((item) => item.attributes);
}

describe('demo mode schedules', () => {
  // 14:00:07.300 in Chicago: between fire times, as a real start would be.
  const start = Date.UTC(2026, 11, 7, 20, 0, 7, 300);

  it('shows, within a simulated minute, runs started by the crons, a missed fire time and a late start', async () => {
    let now = start;
    demo = await startDemo({ now: () => now });
    const target = demo.config.targets[0] as TargetConfig;
    const authorization = await bearer(demo, target);
    now = start + 60_000;

    const time = (await get(demo, authorization, '/systemtools/v1/system-time')) as { data: { attributes: Record<string, string> } };
    expect(time.data.attributes).toEqual({ dateTime: new Date(now).toISOString(), zoneId: 'America/Chicago', zoneOffset: '-06:00' });

    // Workflow runs at :00, :20 and :40; its second fire time after the start (20:00:40) starts nothing.
    const fires = compileQuartz('0/20 * * * * ?', 'America/Chicago').between(start, now, 10);
    expect(fires.map((f) => new Date(f).toISOString())).toEqual(['2026-12-07T20:00:20.000Z', '2026-12-07T20:00:40.000Z', '2026-12-07T20:01:00.000Z']);
    const workflow = await rows(demo, authorization, 'Workflow');
    const created = new Set(workflow.map((r) => r.dateCreated));
    const byCron = workflow.find((r) => r.dateCreated === '2026-12-07T20:00:20.000Z');
    expect(byCron?.scheduled).toBe(true);
    expect(Date.parse(byCron?.startDate ?? '')).toBeGreaterThan(Date.parse(byCron?.dateCreated ?? ''));
    expect(created.has('2026-12-07T20:00:40.000Z')).toBe(false);
    expect(workflow.some((r) => Date.parse(r.dateCreated) > fires[1]! && Date.parse(r.dateCreated) < fires[2]!)).toBe(false);

    // ProcessCompletionMonitor (:05, :25, :45): its second fire time after the start (20:00:45) starts 12-14 s late.
    const monitor = await rows(demo, authorization, 'ProcessCompletionMonitor');
    const after = monitor.map((r) => Date.parse(r.dateCreated)).filter((c) => c > Date.UTC(2026, 11, 7, 20, 0, 45) && c < Date.UTC(2026, 11, 7, 20, 1, 5));
    expect(after).toHaveLength(1);
    expect(after[0]! - Date.UTC(2026, 11, 7, 20, 0, 45)).toBeGreaterThan(target.graceMs + target.pollIntervalMs);
  });

  it('gives the demo target the schedules the simulator runs, a short grace, a deadline and a maintenance window that hides nothing', async () => {
    demo = await startDemo({ now: () => start });
    const target = demo.config.targets[0] as TargetConfig;
    expect(target.graceMs).toBe(5_000);
    expect(target.schedulerImport?.env).toBe('demo');
    expect(target.schedulerImport?.processes.get('Workflow')?.map((s) => s.expression)).toEqual(['0/20 * * * * ?']);
    expect(target.schedulerImport?.processes.get('ActivityEsc')?.map((s) => s.expression)).toEqual(['0 0/30 * * * ?', '0/30 * * * * ?']);
    expect(target.schedulerImport?.processes.has('PurgeWorkflowLogs')).toBe(false);
    expect(target.overrides.find((o) => o.completeBy !== undefined)?.match).toBe('DBConsistencyCheck');
    expect(target.maintenance.length).toBeGreaterThan(0);
    for (const w of target.maintenance) {
      expect(w.kind).toBe('absolute');
      if (w.kind === 'absolute') expect(w.from).toBeGreaterThan(start + 86_400_000);
    }
    expect(target.pollIntervalMs).toBe(5_000);
  });
});
