import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { documented, fetchJson, rawProcess } from './helpers.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});
async function start(): Promise<RunningSimulator> {
  sim = await startSimulator({ model: createStaticModel([rawProcess('ActivityEsc', documented.completed)]), contextRoot: '/pc' });
  return sim;
}
const ITEM = '/pc/rest/systemtools/v1/batch-processes/ActivityEsc';
const LIST = '/pc/rest/systemtools/v1/batch-processes';

describe('faults', () => {
  it('answers a status with a Guidewire body for `times` requests, then serves normally', async () => {
    const s = await start();
    s.setFault({ path: ITEM, status: 500, times: 2 });
    const url = `http://127.0.0.1:${s.port}${ITEM}`;
    const first = await fetchJson(url);
    expect(first.status).toBe(500);
    expect(first.json).toMatchObject({ status: 500, errorCode: expect.stringMatching(/^gw\.api\.rest\.exceptions\./) });
    expect((await fetch(url)).status).toBe(500);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${s.port}${LIST}`)).status).toBe(200);
    expect(s.stats.requests.get(ITEM)).toBe(3);
  });

  it('sends given headers and bodies: 429 with Retry-After, 200 with garbage', async () => {
    const s = await start();
    s.setFault({ path: /batch-processes$/, status: 429, headers: { 'retry-after': '7' }, times: 1 });
    s.setFault({ path: /batch-processes$/, status: 200, body: '{"data": [', times: 1 });
    const url = `http://127.0.0.1:${s.port}${LIST}?pageSize=5`;
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await limited.body?.cancel();
    const garbage = await fetch(url);
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toBe('{"data": [');
    expect((await fetch(url)).status).toBe(200);
  });

  it('delays responses long enough for a client timeout', async () => {
    const s = await start();
    s.setFault({ path: ITEM, delayMs: 5_000, times: 1 });
    const url = `http://127.0.0.1:${s.port}${ITEM}`;
    await expect(fetch(url, { signal: AbortSignal.timeout(150) })).rejects.toThrow(/abort|timeout/i);
    const fast = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    expect(fast.status).toBe(200);
  });

  it('serves normally after a short delay', async () => {
    const s = await start();
    s.setFault({ path: ITEM, delayMs: 100 });
    const started = Date.now();
    expect((await fetch(`http://127.0.0.1:${s.port}${ITEM}`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('destroys the socket for a network error', async () => {
    const s = await start();
    s.setFault({ path: ITEM, destroy: true });
    await expect(fetch(`http://127.0.0.1:${s.port}${ITEM}`)).rejects.toThrow(TypeError);
    s.clearFaults();
    expect((await fetch(`http://127.0.0.1:${s.port}${ITEM}`)).status).toBe(200);
  });

  it('closes promptly with a request still delayed', async () => {
    const s = await start();
    s.setFault({ path: ITEM, delayMs: 60_000 });
    const pending = fetch(`http://127.0.0.1:${s.port}${ITEM}`).catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await s.close();
    sim = undefined;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(TypeError);
  });
});
