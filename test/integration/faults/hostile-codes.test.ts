import { afterEach, describe, expect, it } from 'vitest';
import { completedProcess, pollerHarness, targetConfig } from '../../support/harness.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { seriesOf, valueOf } from '../../support/scrape.js';

const list = '/rest/systemtools/v1/batch-processes';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake Guidewire listing `codes` (each with a status, so no per-type GET) and empty run histories. */
async function guidewire(codes: readonly string[]): Promise<FakeServer> {
  const gw = await startFakeServer();
  cleanups.push(() => gw.close());
  gw.on('GET', list, () => ({ json: { data: codes.map((code) => ({ attributes: completedProcess(code) })) } }));
  gw.on('GET', `${list}/Good/histories`, () => ({ json: { data: [] } }));
  return gw;
}

describe('type codes that are no identifiers', () => {
  const hostile = ['Line\nFeed', 'Carriage\rReturn', 'Line\u2028Separator', 'Para\u2029Separator', 'Nul\u0000', 'Lone\uD800Surrogate', 'Low\uDC00First'];

  it('are rejected as invalid_response, each logged once, never dropped silently or counted as network', async () => {
    const gw = await guidewire(['Good', ...hostile]);
    const h = await pollerHarness(targetConfig({ baseUrl: `${gw.origin}/rest` }));
    cleanups.push(() => h.close());
    await h.pollAll();
    await h.pollAll();
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info').map((s) => s.labels['batch_process'])).toEqual(['Good']);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'invalid_response' })).toBe(2 * hostile.length);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'network' })).toBe(0);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'not_found' })).toBe(0);
    // Only the good code's history was read: a rejected code never reaches a request path.
    expect(gw.requests.filter((r) => r.pathname.endsWith('/histories')).map((r) => r.pathname)).toEqual([`${list}/Good/histories`]);
    // Logged once per cause (the character, or the lone surrogate), with how many items it rejected.
    const warnings = h.log.lines.filter((line) => String(line['msg']).startsWith('poll problem'));
    const byCause = warnings.map((line) => [(line['err'] as { message: string }).message, line['count']]);
    expect(byCause.filter(([m]) => /type\.code: contains U\+/.test(String(m))).map(([, count]) => count)).toEqual([1, 1, 1, 1, 1]);
    expect(byCause.filter(([m]) => /type\.code: is not well-formed UTF-16/.test(String(m))).map(([, count]) => count)).toEqual([2]);
    expect(warnings).toHaveLength(6);
  });

  it('in a display name reject the item too', async () => {
    const gw = await startFakeServer();
    cleanups.push(() => gw.close());
    const bad = { ...completedProcess('Named'), type: { code: 'Named', name: 'Two\nLines' } };
    gw.on('GET', list, () => ({ json: { data: [{ attributes: completedProcess('Good') }, { attributes: bad }] } }));
    const h = await pollerHarness(targetConfig({ baseUrl: `${gw.origin}/rest`, history: false }));
    cleanups.push(() => h.close());
    await h.poll();
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info').map((s) => s.labels['batch_process'])).toEqual(['Good']);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'invalid_response' })).toBe(1);
  });
});
