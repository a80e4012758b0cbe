import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeReply, type FakeServer } from '../../support/fake-http.js';
import { silentLogger } from '../../../src/logger.js';
import { completedProcess, exporterConfig, pollerHarness, shiftableClock, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, valueOf } from '../../support/scrape.js';

const root = '/pc/rest';
const list = `${root}/systemtools/v1/batch-processes`;
const systemTime = `${root}/systemtools/v1/system-time`;
const minute = 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake Guidewire with one completed process and `/system-time` answered by `answer`. */
async function fakeGuidewire(answer: () => FakeReply): Promise<FakeServer> {
  const fake = await startFakeServer();
  cleanups.push(() => fake.close());
  fake.on('GET', list, () => ({ json: { count: 1, data: [{ attributes: completedProcess('ActivityEsc'), links: {} }], links: {} } }));
  fake.on('GET', `${list}/ActivityEsc/histories`, () => ({ json: { count: 0, data: [], links: {} } }));
  fake.on('GET', systemTime, answer);
  return fake;
}

async function harnessOn(fake: FakeServer) {
  const clock = shiftableClock();
  const h = await pollerHarness(targetConfig({ name: 'pc', baseUrl: `${fake.origin}${root}` }), clock);
  cleanups.push(() => h.close());
  return { h, clock };
}

/** The server's clock 90 s ahead of the exporter's, in `data.attributes` or as a bare object. */
const ahead = (envelope: boolean) => (): FakeReply => {
  const attributes = { dateTime: new Date(Date.now() + 90_000).toISOString(), zoneId: 'America/Chicago', zoneOffset: '-06:00' };
  return { json: envelope ? { data: { attributes } } : attributes };
};

describe('/system-time over HTTP', () => {
  it.each([
    ['data.attributes', true],
    ['a bare object', false],
  ])('a server clock 90 s ahead, answered in %s, shows an offset of about 90 s and the zone', async (_shape, envelope) => {
    const fake = await fakeGuidewire(ahead(envelope));
    const { h } = await harnessOn(fake);
    await h.pollAll();
    const scrape = await h.scrape();
    // Loopback round trips take milliseconds; the clock is read at the request's midpoint.
    expect(valueOf(scrape, 'guidewire_server_time_offset_seconds', { target: 'pc' })).toBeCloseTo(90, 0);
    expect(valueOf(scrape, 'guidewire_server_time_zone_info', { target: 'pc', zone: 'America/Chicago' })).toBe(1);
    expect(h.poller.snapshot.serverTime).toMatchObject({ zoneId: 'America/Chicago', zoneOffset: '-06:00' });
    // No parameters are sent (none is declared for the endpoint), and the status poll is still up.
    expect(fake.requestsTo(systemTime).map((r) => r.url)).toEqual([systemTime]);
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
  });

  it('is read at start and then every ten minutes, never more often', async () => {
    const fake = await fakeGuidewire(ahead(true));
    const { h, clock } = await harnessOn(fake);
    await h.pollAll();
    clock.shift(9 * minute);
    await h.pollAll();
    expect(fake.requestsTo(systemTime)).toHaveLength(1);
    clock.shift(minute);
    await h.pollAll();
    expect(fake.requestsTo(systemTime)).toHaveLength(2);
    // The exporter's clock moved 10 minutes ahead of the fake's: the offset follows.
    expect(valueOf(await h.scrape(), 'guidewire_server_time_offset_seconds', { target: 'pc' })).toBeCloseTo(90 - 600, 0);
  });

  it('a 404 (an older release) turns it off quietly until a reload', async () => {
    const fake = await fakeGuidewire(() => ({ status: 404, json: { errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'no' } }));
    const { h, clock } = await harnessOn(fake);
    await h.pollAll();
    clock.shift(60 * minute);
    await h.pollAll();
    expect(fake.requestsTo(systemTime)).toHaveLength(1);
    const scrape = await h.scrape();
    expect(scrape.has('guidewire_server_time_offset_seconds')).toBe(false);
    expect(scrape.has('guidewire_server_time_zone_info')).toBe(false);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'pc', reason: 'not_found' })).toBe(0);
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
    const lines = h.log.lines.filter((line) => String(line['msg']).includes('system-time'));
    expect(lines.map((line) => line['level'])).toEqual([20]); // one debug line
    h.poller.configReloaded();
    await h.pollAll();
    expect(fake.requestsTo(systemTime)).toHaveLength(2);
  });

  it.each([
    ['a 400', (): FakeReply => ({ status: 400, json: { errorCode: 'gw.api.rest.exceptions.BadInputException', userMessage: 'unknown parameter' } }), 'client_error'],
    ['garbage', (): FakeReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"dateTime": ' }), 'invalid_response'],
    ['a body without dateTime', (): FakeReply => ({ json: { data: { attributes: { zoneId: 'UTC' } } } }), 'invalid_response'],
  ])('%s is counted as a poll error, logged once, retried at the next interval, and keeps the previous reading', async (_what, failure, reason) => {
    let fail = false;
    const good = ahead(true);
    const fake = await fakeGuidewire(() => (fail ? failure() : good()));
    const { h, clock } = await harnessOn(fake);
    await h.pollAll();
    fail = true;
    for (let i = 0; i < 3; i++) {
      clock.shift(10 * minute);
      await h.pollAll();
    }
    expect(fake.requestsTo(systemTime)).toHaveLength(4);
    const scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'pc', reason })).toBe(3);
    // guidewire_up describes the status polls, which all succeeded.
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
    // The reading from before the failures stands (its offset taken 30 minutes of exporter clock ago).
    expect(valueOf(scrape, 'guidewire_server_time_offset_seconds', { target: 'pc' })).toBeCloseTo(90, 0);
    expect(h.log.lines.filter((line) => line['msg'] === 'server time problem')).toHaveLength(1);
    fail = false;
    clock.shift(10 * minute);
    await h.pollAll();
    expect(h.log.lines.filter((line) => line['msg'] === 'server time: all requests succeed again')).toHaveLength(1);
  });

  it('after a 404, a configuration reload that keeps the target as it is asks again', async () => {
    const fake = await fakeGuidewire(() => ({ status: 404, json: { errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'no' } }));
    const config = exporterConfig(targetConfig({ name: 'pc', baseUrl: `${fake.origin}${root}`, pollIntervalMs: 100 }));
    const exporter = await startExporter({ config, logger: silentLogger(), loadConfig: async () => config });
    cleanups.push(() => exporter.stop());
    await eventually(async () => (fake.requestsTo(list).length >= 3 ? true : undefined));
    expect(fake.requestsTo(systemTime)).toHaveLength(1);
    expect((await exporter.app.reload()).ok).toBe(true);
    await eventually(async () => (fake.requestsTo(systemTime).length === 2 ? true : undefined));
  });
});
