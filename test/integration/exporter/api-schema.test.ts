import { afterEach, describe, expect, it } from 'vitest';
import {
  createStaticModel,
  startSimulator,
  type RawProcessHistory,
  type RunningSimulator,
  type SimulatorOptions,
  type StaticModel,
} from '../../../src/simulator/index.js';
import { completedProcess, pollerHarness, shiftableClock, targetConfig } from '../../support/harness.js';
import { seriesOf, valueOf } from '../../support/scrape.js';

/**
 * The API modes of a tenant, against the simulator: a definition served (openapi.json or swagger.json) or
 * not, strict parameters on `/histories`, `fields` accepted on the list or not. Every request the exporter
 * sends must be one the simulator accepts (it answers 400 to any undeclared parameter, as Guidewire does).
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const minute = 60_000;
const list = '/rest/systemtools/v1/batch-processes';
const processes = (n: number) => Array.from({ length: n }, (_, i) => completedProcess(`Proc${String(i).padStart(3, '0')}`, { opsCompleted: i }));

async function setUp(options: Omit<SimulatorOptions, 'model'>, model: StaticModel = createStaticModel(processes(250)), target: Partial<Parameters<typeof targetConfig>[0]> = {}) {
  const sim = await startSimulator({ model, pageSize: 25, maxPageSize: 100, ...options });
  cleanups.push(() => sim.close());
  const clock = shiftableClock();
  const h = await pollerHarness(targetConfig({ baseUrl: sim.baseUrl, history: false, ...target }), clock);
  cleanups.push(() => h.close());
  return { sim, h, clock, model };
}

const requestsTo = (sim: RunningSimulator, pattern: RegExp): number =>
  [...sim.stats.requests.entries()].filter(([path]) => pattern.test(path)).reduce((sum, [, n]) => sum + n, 0);
type Scrape = Awaited<ReturnType<Awaited<ReturnType<typeof pollerHarness>>['scrape']>>;
const refused = (scrape: Scrape): number => valueOf(scrape, 'guidewire_api_requests_total', { code: '400' }) ?? 0;

describe.each(['openapi', 'swagger'] as const)('a definition served as %s.json, list status only through fields', (apiSchema) => {
  it('polls 250 processes with list pages only: 3 pages of 100 carrying fields=*all, no per-type GET, no 400', async () => {
    const { sim, h } = await setUp({ apiSchema, listIncludesStatus: 'when-asked' });
    await h.pollAll();
    await h.pollAll();
    // Steady state: one request per list page of the largest size the definition allows.
    expect(h.pipeline.pollRequests).toEqual({ status: 3, history: 0 });
    expect(requestsTo(sim, /batch-processes$/)).toBe(6);
    expect(requestsTo(sim, /batch-processes\/./)).toBe(0);
    expect(new URLSearchParams(sim.stats.lastQuery.get(list)).get('fields')).toBe('*all');
    expect(new URLSearchParams(sim.stats.lastQuery.get(list)).get('pageSize')).toBe('100');
    // openapi.json first; swagger.json only after its 404.
    expect(requestsTo(sim, /openapi\.json$/)).toBe(1);
    expect(requestsTo(sim, /swagger\.json$/)).toBe(apiSchema === 'swagger' ? 1 : 0);
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(250);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', { batch_process: 'Proc249' })).toBe(249);
    expect(valueOf(scrape, 'guidewire_api_schema_info', { source: apiSchema })).toBe(1);
    expect(refused(scrape)).toBe(0);
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
    const learned = h.log.lines.filter((l) => String(l['msg']).startsWith(`learned the API from ${apiSchema}.json`));
    expect(learned).toHaveLength(1);
    expect(learned[0]?.['unmappedWorkQueueFields']).toEqual(['executors[].serverId']);
  });
});

describe('a definition that promises more than the server takes', () => {
  it('drops fields on the 400 that refuses it, once, with one warning, and reads the statuses one by one', async () => {
    const { sim, h } = await setUp({ listIncludesStatus: 'when-asked' }, createStaticModel(processes(30)));
    sim.setFault({ path: list, times: 1, status: 400, body: { status: 400, errorCode: 'gw.api.rest.exceptions.BadInputException', userMessage: "The query parameter 'fields' is not declared for this resource" } });
    await h.pollAll();
    await h.pollAll();
    expect(h.api.requestPlan().list).toEqual({ pageSize: 100 });
    expect(h.log.lines.filter((l) => String(l['msg']).includes('rejected fields=*all'))).toHaveLength(1);
    // The refused page, then one page and 30 GETs per poll.
    expect(requestsTo(sim, /batch-processes$/)).toBe(3);
    expect(requestsTo(sim, /batch-processes\/./)).toBe(60);
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(30);
    expect(refused(scrape)).toBe(1);
  });
});

describe('a definition whose list does not declare fields', () => {
  it('never sends fields, and reads each process whose list item has no status by its own GET', async () => {
    const { sim, h } = await setUp({ listFields: false, listIncludesStatus: 'when-asked' });
    await h.pollAll();
    // The first poll reads the definition, /system-time and the consistency checks too.
    expect(h.pipeline.pollRequests).toEqual({ status: 1 + 1 + 1 + 3 + 250, history: 0 });
    expect(new URLSearchParams(sim.stats.lastQuery.get(list)).has('fields')).toBe(false);
    const scrape = await h.scrape();
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(250);
    expect(valueOf(scrape, 'guidewire_api_schema_info', { source: 'openapi' })).toBe(1);
    expect(refused(scrape)).toBe(0);
  });

  it('without a definition either: the list is asked for its default fields only, as before', async () => {
    const { sim, h } = await setUp({ apiSchema: 'none', listFields: false, listIncludesStatus: 'when-asked' });
    await h.pollAll();
    expect(requestsTo(sim, /(openapi|swagger)\.json$/)).toBe(2);
    // openapi.json and swagger.json (both 404), /system-time, the consistency checks, 3 pages, 250 GETs.
    expect(h.pipeline.pollRequests).toEqual({ status: 2 + 1 + 1 + 3 + 250, history: 0 });
    const scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_api_schema_info', { source: 'none' })).toBe(1);
    expect(refused(scrape)).toBe(0);
    expect(h.log.lines.filter((l) => String(l['msg']).includes('no usable API definition'))).toHaveLength(1);
  });
});

const iso = (ms: number) => new Date(ms).toISOString();
function row(k: number, at: number): RawProcessHistory {
  return {
    id: `ab:run${String(k).padStart(4, '0')}`,
    type: { code: 'ActivityEsc', name: 'Activity Escalation' },
    description: 'Activity Escalation',
    dateCreated: iso(at),
    startDate: iso(at + 10),
    dateCompleted: iso(at + 3_010),
    opsCompleted: 5,
    failedOps: 0,
    ranToCompletion: true,
    internalFailure: false,
    scheduled: true,
    serverId: '55d109613ac9',
    leaseId: '00000000-0000-4000-8000-000000000000',
  };
}

/** A model with one process whose history has `n` runs, the status showing the latest. */
function historyModel(n: number, t0: number): StaticModel {
  const model = createStaticModel();
  const rows = Array.from({ length: n }, (_, k) => row(k, t0 - (n - k) * 10 * minute));
  setRuns(model, rows);
  return model;
}
function setRuns(model: StaticModel, rows: RawProcessHistory[]): void {
  model.setHistories('ActivityEsc', rows);
  const latest = rows[rows.length - 1] as RawProcessHistory;
  const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, serverId } = latest;
  model.set({ type: latest.type, distributed: false, status: { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, serverId, type: latest.type.code } });
}

describe.each(['newest-first', 'oldest-first'] as const)('histories that take no pageOffset or includeTotal, served %s', (historyOrder) => {
  const strict = { historyOrder, pageSize: 10, historyParams: ['pageSize', 'fields'] as const };

  it('without a definition: the first 400 narrows the plan once, pages follow links.next, later reads send nothing refused', async () => {
    const t0 = Date.now();
    const model = historyModel(35, t0);
    const { sim, h, clock } = await setUp({ ...strict, apiSchema: 'none' }, model, { history: true, historyIntervalMs: minute });
    await h.pollAll();
    let scrape = await h.scrape();
    // Exactly one request was refused (includeTotal on the first read); the read went on without it.
    expect(refused(scrape)).toBe(1);
    expect(h.log.lines.filter((l) => String(l['msg']).includes('rejected includeTotal on run histories'))).toHaveLength(1);
    expect(valueOf(scrape, 'guidewire_batch_process_last_success_timestamp_seconds')).toBe(Date.parse(row(34, t0 - 10 * minute).dateCompleted ?? '') / 1000);
    expect(h.api.requestPlan().histories).toEqual({ pageOffset: true, includeTotal: false });

    // A new run: read again with nothing the collection refuses.
    setRuns(model, [...Array.from({ length: 35 }, (_, k) => row(k, t0 - (35 - k) * 10 * minute)), row(35, t0 + minute)]);
    clock.shift(2 * minute);
    const before = requestsTo(sim, /histories$/);
    await h.pollAll();
    scrape = await h.scrape();
    expect(requestsTo(sim, /histories$/)).toBeGreaterThan(before);
    expect(refused(scrape)).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_runs_total', { outcome: 'succeeded', trigger: 'scheduled' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_last_success_timestamp_seconds')).toBe(Date.parse(row(35, t0 + minute).dateCompleted ?? '') / 1000);
  });

  it('with a definition: no refused request at all, and the history is read by links.next', async () => {
    const t0 = Date.now();
    const model = historyModel(35, t0);
    const { h } = await setUp(strict, model, { history: true, historyIntervalMs: minute });
    await h.pollAll();
    const scrape = await h.scrape();
    expect(refused(scrape)).toBe(0);
    expect(h.api.requestPlan().histories).toEqual({ pageOffset: false, includeTotal: false });
    expect(valueOf(scrape, 'guidewire_batch_process_last_success_timestamp_seconds')).toBe(Date.parse(row(34, t0 - 10 * minute).dateCompleted ?? '') / 1000);
  });
});

describe('the definition itself', () => {
  it('is read once, not at every poll, and a reload-kept target reads it again', async () => {
    const { sim, h } = await setUp({});
    await h.pollAll();
    await h.pollAll();
    expect(requestsTo(sim, /openapi\.json$/)).toBe(1);
    h.poller.configReloaded();
    await h.pollAll();
    expect(requestsTo(sim, /openapi\.json$/)).toBe(2);
  });

  it('a failed read (500) counts as a poll error but not against guidewire_up, and is not repeated at the next poll', async () => {
    const { sim, h } = await setUp({});
    sim.setFault({ path: /openapi\.json$/, status: 500, times: 1 });
    await h.pollAll();
    await h.pollAll();
    expect(requestsTo(sim, /openapi\.json$/)).toBe(1);
    const scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: 'server_error' })).toBe(1);
    expect(seriesOf(scrape, 'guidewire_api_schema_info')).toHaveLength(0);
  });
});
