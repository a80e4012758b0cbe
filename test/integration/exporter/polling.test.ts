import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/index.js';
import { completedProcess, pollerHarness, runningProcess, shiftableClock, targetConfig } from '../../support/harness.js';
import { seriesOf, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: Omit<SimulatorOptions, 'model'> & { model?: SimulatorOptions['model'] } = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ model: createStaticModel(), ...options });
  cleanups.push(() => sim.close());
  return sim;
}
async function harness(...args: Parameters<typeof pollerHarness>) {
  const h = await pollerHarness(...args);
  cleanups.push(() => h.close());
  return h;
}
const manyProcesses = (n: number) => Array.from({ length: n }, (_, i) => completedProcess(`Proc${String(i).padStart(2, '0')}`, { opsCompleted: i }));
const requestsTo = (sim: RunningSimulator, pattern: RegExp): number =>
  [...sim.stats.requests.entries()].filter(([path]) => pattern.test(path)).reduce((sum, [, n]) => sum + n, 0);

describe('discovering batch processes', () => {
  it('uses the status carried by list items: one request per page of pageSize=100, no per-type calls', async () => {
    const sim = await simulator({ model: createStaticModel(manyProcesses(30)), pageSize: 25, contextRoot: '/pc' });
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl }));
    await h.poll();
    // 30 processes fit one page of 100, where the server's default of 25 would take two requests.
    expect(requestsTo(sim, /batch-processes$/)).toBe(1);
    expect(requestsTo(sim, /batch-processes\/./)).toBe(0);
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(30);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Proc29' })).toBe(29);
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
  });

  it('falls back to the default page size when the server rejects pageSize, once, with one warning', async () => {
    const sim = await simulator({ model: createStaticModel(manyProcesses(30)), pageSize: 25, maxPageSize: 25 });
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl }));
    await h.poll();
    // The rejected request, then two pages of 25.
    expect(requestsTo(sim, /batch-processes$/)).toBe(3);
    await h.poll();
    expect(requestsTo(sim, /batch-processes$/)).toBe(5);
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(30);
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
    expect(h.log.lines.filter((l) => String(l['msg']).includes('rejected pageSize=100'))).toHaveLength(1);
  });

  it('GETs each matching type when list items carry no status, following pagination', async () => {
    const sim = await simulator({ model: createStaticModel(manyProcesses(30)), pageSize: 10, listIncludesStatus: false });
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl, exclude: ['Proc0*'], concurrency: 3, listPageSize: 10 }));
    await h.poll();
    expect(requestsTo(sim, /batch-processes$/)).toBe(3);
    expect(requestsTo(sim, /batch-processes\/./)).toBe(20);
    expect(sim.stats.requests.get('/rest/systemtools/v1/batch-processes/Proc05')).toBeUndefined();
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(20);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Proc17' })).toBe(17);
  });

  it('skips the list call for literal includes, and reports a 404 type once as a likely case mismatch', async () => {
    const sim = await simulator({ model: createStaticModel([completedProcess('ActivityEsc'), completedProcess('Workflow')]) });
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl, include: ['ActivityEsc', 'activityesc', 'Workflow'] }));
    for (let i = 0; i < 3; i++) await h.poll();
    expect(requestsTo(sim, /batch-processes$/)).toBe(0);
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info').map((s) => s.labels['batch_process'])).toEqual(['ActivityEsc', 'Workflow']);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'not_found' })).toBe(3);
    expect(valueOf(scrape, 'guidewire_up')).toBe(0);
    const warnings = h.log.lines.filter((l) => String(l['msg']).includes('case-sensitive'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.['batch_process']).toBe('activityesc');
  });
});

describe('processes over time', () => {
  it('leaves no series behind when a process vanishes from Guidewire', async () => {
    const model = createStaticModel([completedProcess('ActivityEsc'), runningProcess('Workflow', 5)]);
    const sim = await simulator({ model });
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl }));
    await h.poll();
    expect((await h.scrape()).get('guidewire_batch_work_queue_active_executors')?.series).toHaveLength(1);
    model.remove('Workflow');
    await h.poll();
    const scrape = await h.scrape();
    for (const [name, family] of scrape) {
      if (name.startsWith('guidewire_batch')) expect(family.series.filter((s) => s.labels['batch_process'] === 'Workflow'), name).toEqual([]);
    }
    expect(valueOf(scrape, 'guidewire_batch_process_info', { batch_process: 'ActivityEsc' })).toBe(1);
  });

  it('detects a stall with an injected clock, and clears it when the run moves', async () => {
    const model = createStaticModel([runningProcess('Workflow', 5)]);
    const sim = await simulator({ model });
    const clock = shiftableClock();
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl, stallAfterMs: 30 * 60_000, overrides: [{ match: 'Work*', stallAfterMs: 10 * 60_000 }] }), clock);
    await h.poll();
    const firstSeen = valueOf(await h.scrape(), 'guidewire_batch_process_last_progress_timestamp_seconds') ?? 0;
    clock.shift(9 * 60_000);
    await h.poll();
    expect(valueOf(await h.scrape(), 'guidewire_batch_process_stalled')).toBe(0);
    clock.shift(60_000);
    await h.poll();
    let scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_batch_process_stalled')).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_last_progress_timestamp_seconds')).toBe(firstSeen);
    model.set(runningProcess('Workflow', 6));
    await h.poll();
    scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_batch_process_stalled')).toBe(0);
    expect(valueOf(scrape, 'guidewire_batch_process_last_progress_timestamp_seconds')).toBeGreaterThan(firstSeen + 600);
  });

  it('keeps last-known values through failed reads until max_staleness; other processes are unaffected', async () => {
    const sim = await simulator({ model: createStaticModel([completedProcess('ActivityEsc'), completedProcess('Workflow', { opsCompleted: 3 })]), listIncludesStatus: false });
    const clock = shiftableClock();
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl, maxStalenessMs: 5 * 60_000 }), clock);
    await h.poll();
    sim.setFault({ path: '/rest/systemtools/v1/batch-processes/Workflow', status: 503 });
    sim.setFault({ path: '/rest/systemtools/v1/batch-processes/ActivityEsc', status: 200, body: '{"data": "garbage"' });
    clock.shift(4 * 60_000);
    await h.poll();
    let scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Workflow' })).toBe(3);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'server_error' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'invalid_response' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_up')).toBe(0);
    clock.shift(2 * 60_000);
    await h.poll();
    scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Workflow' })).toBeUndefined();
    sim.clearFaults();
    await h.poll();
    scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Workflow' })).toBe(3);
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
  });

  it('isolates a malformed list item: counted, logged once, the others exported', async () => {
    const bad = { ...completedProcess('Broken'), status: { ...completedProcess('Broken').status, opsCompleted: 'many' } };
    const sim = await simulator({ model: createStaticModel([completedProcess('ActivityEsc'), bad, completedProcess('Workflow')]) });
    const h = await harness(targetConfig({ baseUrl: sim.baseUrl }));
    await h.poll();
    await h.poll();
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info').map((s) => s.labels['batch_process'])).toEqual(['ActivityEsc', 'Workflow']);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'invalid_response' })).toBe(2);
    expect(h.log.lines.filter((l) => l['reason'] === 'invalid_response')).toHaveLength(1);
  });
});

describe('authentication', () => {
  it('sends basic auth, and counts a refusal as an auth error', async () => {
    const sim = await simulator({ model: createStaticModel([completedProcess('ActivityEsc')]), auth: { basic: { username: 'su', password: 'gw' } } });
    const good = await harness(targetConfig({ baseUrl: sim.baseUrl, auth: { kind: 'basic', username: 'su', password: { kind: 'inline', value: 'gw' } } }));
    await good.poll();
    expect(valueOf(await good.scrape(), 'guidewire_up')).toBe(1);
    const bad = await harness(targetConfig({ baseUrl: sim.baseUrl, auth: { kind: 'basic', username: 'su', password: { kind: 'inline', value: 'wrong-password-123' } } }));
    await bad.poll();
    const scrape = await bad.scrape();
    expect(valueOf(scrape, 'guidewire_up')).toBe(0);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'auth' })).toBe(1);
    expect(bad.log.text()).not.toContain('wrong-password-123');
  });

  it('caches the OAuth2 token across polls and refreshes it before expiry', async () => {
    const clock = shiftableClock();
    const auth = { oauth2: { clientId: 'exporter', clientSecret: 's3cret-value', tokenTtlSeconds: 600 } };
    const sim = await simulator({ model: createStaticModel([completedProcess('ActivityEsc')]), auth, now: () => clock.now() });
    const h = await harness(
      targetConfig({
        baseUrl: sim.baseUrl,
        auth: { kind: 'oauth2', tokenUrl: sim.tokenUrl, clientId: 'exporter', clientSecret: { kind: 'inline', value: 's3cret-value' }, scopes: ['pc.service'], endpointParams: {} },
      }),
      clock,
    );
    await h.poll();
    await h.poll();
    expect(sim.stats.tokensIssued).toBe(1);
    clock.shift(595_000);
    await h.poll();
    expect(sim.stats.tokensIssued).toBe(2);
    const scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'auth' })).toBe(0);
    expect(h.log.text()).not.toContain('s3cret-value');
  });
});
