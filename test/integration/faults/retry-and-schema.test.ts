import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { completedProcess, pollerHarness, shiftableClock, targetConfig } from '../../support/harness.js';
import { seriesOf, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const list = '/rest/systemtools/v1/batch-processes';
const requestsTo = (sim: RunningSimulator, path: string): number => sim.stats.requests.get(path) ?? 0;

async function simulator(model = createStaticModel([completedProcess('ActivityEsc'), completedProcess('Workflow')]), oauth = false): Promise<RunningSimulator> {
  const sim = await startSimulator({ model, ...(oauth ? { auth: { oauth2: { clientId: 'c', clientSecret: 's', tokenTtlSeconds: 3600 } } } : {}) });
  cleanups.push(() => sim.close());
  return sim;
}

describe('429 with Retry-After', () => {
  it.each([
    ['seconds', () => '120'],
    ['an HTTP date', () => new Date(Date.now() + 120_000).toUTCString()],
  ])('in %s: counted as rate_limited, and no request before that time', async (_, retryAfter) => {
    const sim = await simulator();
    sim.setFault({ path: list, status: 429, headers: { 'retry-after': retryAfter() }, times: 1 });
    const clock = shiftableClock();
    const h = await pollerHarness(targetConfig({ baseUrl: sim.baseUrl }), clock);
    cleanups.push(() => h.close());
    await h.poll();
    expect(valueOf(await h.scrape(), 'guidewire_poll_errors_total', { reason: 'rate_limited' })).toBe(1);
    expect(h.api.notBefore()).toBeGreaterThan(clock.now() + 100_000);
    clock.shift(60_000);
    await h.poll();
    expect(requestsTo(sim, list)).toBe(1);
    // Held-back requests are not errors of their own.
    expect(valueOf(await h.scrape(), 'guidewire_poll_errors_total', { reason: 'rate_limited' })).toBe(1);
    clock.shift(61_000);
    await h.poll();
    expect(requestsTo(sim, list)).toBe(2);
    expect(valueOf(await h.scrape(), 'guidewire_up')).toBe(1);
  });
});

describe('401 with a token that expired early', () => {
  it('fetches a new token once and the poll succeeds', async () => {
    const sim = await simulator(undefined, true);
    const h = await pollerHarness(
      targetConfig({ baseUrl: sim.baseUrl, auth: { kind: 'oauth2', tokenUrl: sim.tokenUrl, clientId: 'c', clientSecret: { kind: 'inline', value: 's' }, scopes: [], endpointParams: {} } }),
    );
    cleanups.push(() => h.close());
    await h.poll();
    sim.setFault({ path: list, status: 401, times: 1 });
    await h.poll();
    const scrape = await h.scrape();
    expect(sim.stats.tokensIssued).toBe(2);
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'auth' })).toBe(0);
  });
});

describe('schema drift', () => {
  it('ignores extra fields, tolerates missing optional ones, isolates mistyped items', async () => {
    const drifted = {
      ...completedProcess('Drifted'),
      status: { ...completedProcess('Drifted').status, newField: { nested: true }, serverId: undefined },
      extraTopLevel: 'x',
    };
    const mistyped = { ...completedProcess('Mistyped'), status: { ...completedProcess('Mistyped').status, dateCompleted: 'yesterday' } };
    const minimal = { type: { code: 'Minimal', name: 'Minimal' }, distributed: false, status: { type: 'Minimal', failureReason: 'This batch process type has never run' } };
    const sim = await simulator(createStaticModel([completedProcess('ActivityEsc'), drifted, mistyped, minimal]));
    const h = await pollerHarness(targetConfig({ baseUrl: sim.baseUrl }));
    cleanups.push(() => h.close());
    await h.poll();
    await h.poll();
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info').map((s) => s.labels['batch_process'])).toEqual(['ActivityEsc', 'Drifted', 'Minimal']);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Drifted' })).toBe(10);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'invalid_response' })).toBe(2);
    const logged = h.log.lines.filter((l) => l['reason'] === 'invalid_response');
    expect(logged).toHaveLength(1);
    expect(String((logged[0]?.['err'] as { message?: string } | undefined)?.message)).toContain('dateCompleted');
  });
});
