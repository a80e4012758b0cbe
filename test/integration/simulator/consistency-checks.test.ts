import { afterEach, describe, expect, it } from 'vitest';
import { createScenarioModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { pollerHarness, targetConfig } from '../../support/harness.js';
import { valueOf } from '../../support/scrape.js';
import { fetchJson, simulatorPerTest } from './helpers.js';

const start = simulatorPerTest();
const EPOCH = Date.UTC(2025, 0, 1);
// Demo processes: DBConsistencyCheck runs every 5 minutes from 5 s after the epoch, for about 2 minutes.
const model = createScenarioModel({ seed: 4, epoch: EPOCH });
const PATH = '/systemtools/v1/database-consistency-checks';
const HISTORIES = '/systemtools/v1/batch-processes/DBConsistencyCheck/histories';

interface Item {
  readonly attributes: Record<string, unknown>;
  readonly links: { readonly self: { readonly href: string } };
}
const itemsOf = (json: Record<string, unknown>): Item[] => json['data'] as Item[];

describe('GET /database-consistency-checks', () => {
  it('lists one check run per started DBConsistencyCheck run, newest first, the running one without endTime; some found errors', async () => {
    const at = EPOCH + 61 * 60_000;
    const s = await start({ model, now: () => at, pageSize: 100 });
    const runs = itemsOf((await fetchJson(`${s.baseUrl}${HISTORIES}?pageSize=100`)).json).map((item) => item.attributes);
    const reply = await fetchJson(`${s.baseUrl}${PATH}?pageSize=100`);
    expect(reply.status).toBe(200);
    const checks = itemsOf(reply.json).map((item) => item.attributes);
    const started = runs.filter((r) => r['startDate'] !== undefined);
    expect(checks).toHaveLength(started.length);
    expect(checks.length).toBeGreaterThan(10);
    // Tied to the runs: the same start and end; newest first.
    expect(checks.map((c) => c['startTime'])).toEqual(started.map((r) => r['startDate']));
    expect(checks.map((c) => c['endTime'])).toEqual(started.map((r) => r['dateCompleted']));
    // 61 minutes in, the run of minute 60 is still going: no endTime, no duration.
    expect(checks[0]).not.toHaveProperty('endTime');
    expect(checks[0]).not.toHaveProperty('duration');
    for (const check of checks.slice(1)) {
      expect(check['duration']).toBe(String((Date.parse(String(check['endTime'])) - Date.parse(String(check['startTime']))) / 1000));
      expect(check['id']).toMatch(/^cc:/);
      expect(check['totalChecks']).toBeGreaterThan(0);
    }
    const withErrors = checks.filter((c) => (c['errors'] as number) > 0);
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(checks.length);
    // The same run answers the same, and by its id.
    const first = itemsOf(reply.json)[1] as Item;
    const one = await fetchJson(`${s.baseUrl}${first.links.self.href}`);
    expect((one.json['data'] as Item).attributes).toEqual(first.attributes);
  });

  it('pages like every collection, can list oldest first, refuses undeclared parameters, and answers 404 when absent', async () => {
    const at = EPOCH + 61 * 60_000;
    const s = await start({ model, now: () => at, pageSize: 5, consistencyChecks: { order: 'oldest-first' } });
    const page = await fetchJson(`${s.baseUrl}${PATH}`);
    const checks = itemsOf(page.json).map((item) => item.attributes);
    expect(checks).toHaveLength(5);
    expect(Date.parse(String(checks[0]?.['startTime']))).toBeLessThan(Date.parse(String(checks[1]?.['startTime'])));
    expect((page.json['links'] as Record<string, { href: string }>)['next']?.href).toBe(`${PATH}?pageOffset=5&pageSize=5`);
    expect((await fetchJson(`${s.baseUrl}${PATH}?sort=startTime`)).status).toBe(400);
    expect((await fetchJson(`${s.baseUrl}${PATH}/cc:nope`)).status).toBe(404);
    await s.close();
    const old = await start({ model, now: () => at, consistencyChecks: { absent: true } });
    const reply = await fetchJson(`${old.baseUrl}${PATH}`);
    expect(reply.status).toBe(404);
    expect(reply.json['errorCode']).toBe('gw.api.rest.exceptions.NotFoundException');
  });

  it('refuses an unknown order', async () => {
    await expect(start({ model, consistencyChecks: { order: 'random' as 'oldest-first' } })).rejects.toThrow(RangeError);
  });
});

describe('the exporter over the simulator', () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('reads the checks at start and once per DBConsistencyCheck completion, and shows the latest finished run', async () => {
    const clock = { at: EPOCH + 60 * 60_000, now: () => clock.at, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    sim = await startSimulator({ model, now: () => clock.now() });
    const target = targetConfig({ name: 'sim', baseUrl: sim.baseUrl, pollIntervalMs: 30_000 });
    const h = await pollerHarness(target, clock, clock.at);
    const requests = (): number => sim?.stats.requests.get(`/rest${PATH}`) ?? 0;
    try {
      await h.pollAll();
      expect(requests()).toBe(1);
      // 12 minutes of polls every 30 s: the runs of minutes 60, 65 and 70 complete (at about 62, 67, 72).
      const completions = new Set<number>();
      for (let i = 0; i < 24; i++) {
        clock.at += 30_000;
        await h.pollAll();
        const done = h.poller.snapshot.processes.find((v) => v.process.code === 'DBConsistencyCheck')?.process.status?.dateCompleted;
        if (done !== undefined && done > EPOCH + 60 * 60_000) completions.add(done);
      }
      expect(completions.size).toBeGreaterThanOrEqual(2);
      expect(requests()).toBe(1 + completions.size);
      const scrape = await h.scrape();
      const latest = itemsOf((await fetchJson(`${sim.baseUrl}${PATH}?pageSize=100`)).json)
        .map((item) => item.attributes)
        .find((c) => c['endTime'] !== undefined && Date.parse(String(c['endTime'])) <= Math.max(...completions));
      expect(valueOf(scrape, 'guidewire_dbcc_last_run_errors', { target: 'sim' })).toBe(latest?.['errors']);
      expect(valueOf(scrape, 'guidewire_dbcc_last_run_checks', { target: 'sim' })).toBe(latest?.['totalChecks']);
      expect(valueOf(scrape, 'guidewire_dbcc_last_run_end_timestamp_seconds', { target: 'sim' })).toBe(Date.parse(String(latest?.['endTime'])) / 1000);
      expect(valueOf(scrape, 'guidewire_dbcc_last_run_duration_seconds', { target: 'sim' })).toBe(Number(latest?.['duration']));
    } finally {
      await h.close();
    }
  });

  it('keeps quiet on a release without the endpoint', async () => {
    const clock = { at: EPOCH + 60 * 60_000, now: () => clock.at, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    sim = await startSimulator({ model, now: () => clock.now(), consistencyChecks: { absent: true } });
    const h = await pollerHarness(targetConfig({ name: 'sim', baseUrl: sim.baseUrl }), clock, clock.at);
    try {
      for (let i = 0; i < 12; i++) {
        await h.pollAll();
        clock.at += 30_000;
      }
      expect(sim.stats.requests.get(`/rest${PATH}`)).toBe(1);
      const scrape = await h.scrape();
      expect(scrape.has('guidewire_dbcc_last_run_errors')).toBe(false);
      expect(valueOf(scrape, 'guidewire_up', { target: 'sim' })).toBe(1);
      expect(h.log.lines.filter((line) => Number(line['level']) >= 40)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
