import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeReply, type FakeServer } from '../../support/fake-http.js';
import { completedProcess, pollerHarness, runningProcess, shiftableClock, targetConfig } from '../../support/harness.js';
import { valueOf } from '../../support/scrape.js';
import type { RawBatchProcess } from '../../../src/simulator/index.js';

const root = '/pc/rest';
const list = `${root}/systemtools/v1/batch-processes`;
const checks = `${root}/systemtools/v1/database-consistency-checks`;
const minute = 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** DBConsistencyCheck completed at `dateCompleted`, or running when it is undefined. */
function dbccProcess(dateCompleted: string | undefined): RawBatchProcess {
  if (dateCompleted === undefined) return { ...runningProcess('DBConsistencyCheck', 10), distributed: true };
  const done = completedProcess('DBConsistencyCheck', { distributed: true });
  return { ...done, status: { ...done.status, dateCompleted } };
}

/** A check run as the collection lists it. */
const run = (id: string, start: string, end?: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  attributes: { id, description: 'Database consistency checks', startTime: start, ...(end === undefined ? {} : { endTime: end }), errors: 0, totalChecks: 200, ...extra },
  links: {},
});

/** A fake Guidewire listing ActivityEsc and DBConsistencyCheck (whose state `dbcc()` gives), checks answered by `answer`. */
async function fakeGuidewire(dbcc: () => RawBatchProcess, answer: () => FakeReply): Promise<FakeServer> {
  const fake = await startFakeServer();
  cleanups.push(() => fake.close());
  fake.on('GET', list, () => ({
    json: { count: 2, data: [{ attributes: completedProcess('ActivityEsc'), links: {} }, { attributes: dbcc(), links: {} }], links: {} },
  }));
  for (const code of ['ActivityEsc', 'DBConsistencyCheck']) fake.on('GET', `${list}/${code}/histories`, () => ({ json: { count: 0, data: [], links: {} } }));
  fake.on('GET', checks, answer);
  return fake;
}

async function harnessOn(fake: FakeServer) {
  const clock = shiftableClock();
  const h = await pollerHarness(targetConfig({ name: 'pc', baseUrl: `${fake.origin}${root}` }), clock);
  cleanups.push(() => h.close());
  return { h, clock };
}

describe('/database-consistency-checks over HTTP', () => {
  it('is read at start and again only when DBConsistencyCheck completes anew; a running check is never the last run', async () => {
    let completedAt: string | undefined = '2026-11-28T02:15:00.000Z';
    let data = [
      // Newest first: a check still running (no endTime) with errors so far, then the last finished one.
      run('cc:2', '2026-11-28T03:00:00.000Z', undefined, { errors: 9 }),
      run('cc:1', '2026-11-28T02:00:00.000Z', '2026-11-28T02:14:30.000Z', { errors: 3, totalChecks: 212, duration: '870' }),
    ];
    const fake = await fakeGuidewire(() => dbccProcess(completedAt), () => ({ json: { count: data.length, data, links: {} } }));
    const { h, clock } = await harnessOn(fake);
    await h.pollAll();
    expect(fake.requestsTo(checks).map((r) => r.url)).toEqual([checks]);
    let scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_errors', { target: 'pc' })).toBe(3);
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_checks', { target: 'pc' })).toBe(212);
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_end_timestamp_seconds', { target: 'pc' })).toBe(Date.parse('2026-11-28T02:14:30.000Z') / 1000);
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_duration_seconds', { target: 'pc' })).toBe(870);

    // Polls without a new completion (still completed, then running) send nothing.
    for (const state of ['2026-11-28T02:15:00.000Z', undefined]) {
      completedAt = state;
      clock.shift(minute);
      await h.pollAll();
    }
    expect(fake.requestsTo(checks)).toHaveLength(1);

    // The run completes: the checks are read once more, and the new verdict shows.
    completedAt = '2026-11-28T03:20:00.000Z';
    data = [run('cc:2', '2026-11-28T03:00:00.000Z', '2026-11-28T03:19:00.000Z', { errors: 0, totalChecks: 215 }), ...data.slice(1)];
    for (let i = 0; i < 3; i++) {
      clock.shift(minute);
      await h.pollAll();
    }
    expect(fake.requestsTo(checks)).toHaveLength(2);
    scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_errors', { target: 'pc' })).toBe(0);
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_checks', { target: 'pc' })).toBe(215);
    // No duration given: endTime minus startTime.
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_duration_seconds', { target: 'pc' })).toBe(19 * 60);
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
  });

  it('shows nothing while no check has finished', async () => {
    const fake = await fakeGuidewire(() => dbccProcess(undefined), () => ({ json: { data: [run('cc:1', '2026-11-28T03:00:00.000Z')], links: {} } }));
    const { h } = await harnessOn(fake);
    await h.pollAll();
    const scrape = await h.scrape();
    for (const name of ['errors', 'checks', 'end_timestamp_seconds', 'duration_seconds']) expect(scrape.has(`guidewire_dbcc_last_run_${name}`)).toBe(false);
    expect(fake.requestsTo(checks)).toHaveLength(1);
  });

  it('follows links.next when the runs come oldest first, and stops after the first page when they come newest first', async () => {
    const older = run('cc:1', '2026-11-27T02:00:00.000Z', '2026-11-27T02:10:00.000Z', { errors: 1 });
    const newer = run('cc:2', '2026-11-28T02:00:00.000Z', '2026-11-28T02:10:00.000Z', { errors: 5 });
    const oldest = run('cc:0', '2026-11-26T02:00:00.000Z', '2026-11-26T02:10:00.000Z');
    let pages: Record<string, unknown>[][] = [[oldest, older], [newer]];
    const fake = await fakeGuidewire(() => dbccProcess('2026-11-28T02:15:00.000Z'), () => ({ json: {} }));
    fake.on('GET', checks, (req) => {
      const index = Number(req.query.get('pageOffset') ?? '0');
      const next = index + 1 < pages.length ? { next: { href: `/systemtools/v1/database-consistency-checks?pageOffset=${index + 1}` } } : {};
      return { json: { data: pages[index], links: next } };
    });
    const { h } = await harnessOn(fake);
    await h.pollAll();
    expect(fake.requestsTo(checks).map((r) => r.url)).toEqual([checks, `${checks}?pageOffset=1`]);
    expect(valueOf(await h.scrape(), 'guidewire_dbcc_last_run_errors', { target: 'pc' })).toBe(5);

    pages = [[newer, older], [oldest]];
    h.poller.configReloaded();
    await h.pollAll();
    expect(fake.requestsTo(checks)).toHaveLength(3);
    expect(valueOf(await h.scrape(), 'guidewire_dbcc_last_run_errors', { target: 'pc' })).toBe(5);
  });

  it('a 404 turns it off quietly, even when DBConsistencyCheck completes, until a reload', async () => {
    let completedAt = '2026-11-28T02:15:00.000Z';
    const fake = await fakeGuidewire(() => dbccProcess(completedAt), () => ({ status: 404, json: { errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'no' } }));
    const { h, clock } = await harnessOn(fake);
    await h.pollAll();
    completedAt = '2026-11-28T03:15:00.000Z';
    clock.shift(60 * minute);
    await h.pollAll();
    expect(fake.requestsTo(checks)).toHaveLength(1);
    const scrape = await h.scrape();
    expect(scrape.has('guidewire_dbcc_last_run_errors')).toBe(false);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'pc', reason: 'not_found' })).toBe(0);
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
    const lines = h.log.lines.filter((line) => String(line['msg']).includes('database-consistency-checks'));
    expect(lines.map((line) => line['level'])).toEqual([20]); // one debug line
    h.poller.configReloaded();
    await h.pollAll();
    expect(fake.requestsTo(checks)).toHaveLength(2);
  });

  it.each([
    ['a 500', (): FakeReply => ({ status: 500, json: { errorCode: 'gw.api.rest.exceptions.ServerException', userMessage: 'boom' } }), 'server_error'],
    ['garbage', (): FakeReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": [' }), 'invalid_response'],
    ['a body without data', (): FakeReply => ({ json: { items: [] } }), 'invalid_response'],
  ])('%s is counted, logged once, not in guidewire_up, keeps the last reading and is retried after 10 minutes', async (_what, failure, reason) => {
    let completedAt = '2026-11-28T02:15:00.000Z';
    let fail = false;
    const good = { json: { data: [run('cc:1', '2026-11-28T02:00:00.000Z', '2026-11-28T02:14:00.000Z', { errors: 2 })], links: {} } };
    const fake = await fakeGuidewire(() => dbccProcess(completedAt), () => (fail ? failure() : good));
    const { h, clock } = await harnessOn(fake);
    await h.pollAll();
    fail = true;
    completedAt = '2026-11-28T03:15:00.000Z';
    await h.pollAll();
    // Failed: not asked again at the next polls within 10 minutes, then asked again (and again failing).
    for (let i = 0; i < 3; i++) {
      clock.shift(3 * minute);
      await h.pollAll();
    }
    expect(fake.requestsTo(checks)).toHaveLength(2);
    clock.shift(minute);
    await h.pollAll();
    expect(fake.requestsTo(checks)).toHaveLength(3);
    let scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'pc', reason })).toBe(2);
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_errors', { target: 'pc' })).toBe(2);
    expect(h.log.lines.filter((line) => line['msg'] === 'consistency checks problem')).toHaveLength(1);
    // It answers again: the read succeeds, is not repeated, and the recovery is logged.
    fail = false;
    clock.shift(10 * minute);
    await h.pollAll();
    await h.pollAll();
    expect(fake.requestsTo(checks)).toHaveLength(4);
    scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'pc', reason })).toBe(2);
    expect(h.log.lines.filter((line) => line['msg'] === 'consistency checks: all requests succeed again')).toHaveLength(1);
  });

  it('counts bad items (reason invalid_response, one log line per cause) and still reads the good ones', async () => {
    const data = [
      run('cc:3', '2026-11-28T04:00:00.000Z', 'not a date'),
      run('cc:2', '2026-11-28T03:00:00.000Z', '2026-11-28T03:10:00.000Z', { errors: 'many' }),
      run('cc:1', '2026-11-28T02:00:00.000Z', '2026-11-28T02:10:00.000Z', { errors: 7 }),
      { attributes: { description: 'no id' } },
    ];
    const fake = await fakeGuidewire(() => dbccProcess('2026-11-28T04:15:00.000Z'), () => ({ json: { data, links: {} } }));
    const { h } = await harnessOn(fake);
    await h.pollAll();
    const scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'pc', reason: 'invalid_response' })).toBe(3);
    expect(valueOf(scrape, 'guidewire_dbcc_last_run_errors', { target: 'pc' })).toBe(7);
    expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
    expect(h.log.lines.filter((line) => line['msg'] === 'consistency checks problem: 1 item rejected')).toHaveLength(3);
  });
});
