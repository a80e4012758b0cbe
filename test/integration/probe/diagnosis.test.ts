import { afterEach, describe, expect, it } from 'vitest';
import { defaults } from '../../../src/config/types.js';
import { probeTarget } from '../../../src/probe/probe-target.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { completedProcess, targetConfig } from '../../support/harness.js';

const list = '/rest/systemtools/v1/batch-processes';
let gw: FakeServer | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A fake Guidewire whose list names `bare` without a status (each read on its own) and `complete` with one. */
async function guidewire(bare: readonly string[], complete: readonly string[] = [], invalid: readonly unknown[] = []): Promise<FakeServer> {
  const server = await startFakeServer();
  const items = [
    ...invalid.map((attributes) => ({ attributes })),
    ...bare.map((code) => ({ attributes: { type: { code, name: code }, distributed: false } })),
    ...complete.map((code) => ({ attributes: completedProcess(code) })),
  ];
  server.on('GET', list, () => ({ json: { data: items } }));
  return server;
}

const probe = (server: FakeServer, concurrency: number = defaults.concurrency) =>
  probeTarget(targetConfig({ baseUrl: `${server.origin}/rest`, concurrency }), { runDurationBuckets: defaults.runDurationBuckets, now: Date.now });

describe('probe: diagnosed from the errors of the poll', () => {
  it('reports nothing for a listed type that answers 404: it vanished meanwhile, as the exporter sees it', async () => {
    gw = await guidewire(['Gone'], ['Here']);
    const { report } = await probe(gw);
    expect(gw.requestsTo(`${list}/Gone`)).toHaveLength(1);
    expect(report.up).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.processes.map((row) => row.code)).toEqual(['Here']);
  });

  it('names failed requests first, then the parts of answers it could not read', async () => {
    gw = await guidewire(['Broken'], ['Here'], [{ type: { code: 7 } }]);
    gw.on('GET', `${list}/Broken`, () => ({ status: 500, json: { errorCode: 'boom' } }));
    const { report } = await probe(gw);
    expect(report.up).toBe(false);
    expect(report.problems.map((problem) => problem.problem)).toEqual(['server error (HTTP 500)', 'part of a response could not be read']);
  });

  it('sends no request that Retry-After holds back, as the exporter would not', async () => {
    gw = await guidewire(['A', 'B', 'C']);
    for (const code of ['A', 'B', 'C']) gw.on('GET', `${list}/${code}`, () => ({ status: 429, headers: { 'retry-after': '60' }, json: {} }));
    const { report } = await probe(gw, 1);
    // One read at a time: after A's 429 the gate holds B and C back, so they are neither sent nor failures.
    // (The API definition goes first, then `/system-time`, so that run times are judged on Guidewire's clock;
    // this fake answers 404 to all three.)
    const tools = '/rest/systemtools/v1';
    expect(gw.requests.map((request) => request.pathname)).toEqual([`${tools}/openapi.json`, `${tools}/swagger.json`, `${tools}/system-time`, list, `${list}/A`]);
    expect(report.requests).toBe(5);
    expect(report.problems.map((problem) => problem.problem)).toEqual(['rate limited (HTTP 429)']);
  });
});
