import { afterEach, describe, expect, it } from 'vitest';
import { defaults, type Limits } from '../../../src/config/types.js';
import { createStaticModel, startSimulator } from '../../../src/simulator/index.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, get, parseExposition, seriesOf, valueOf, type Scrape } from '../../support/scrape.js';

/**
 * Hostile upstreams over real sockets (issue 12, items 1, 2 and 12): what one target sends is bounded by
 * `limits`, rejected items are counted and logged once per cause, and every other target keeps being served.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const list = '/rest/systemtools/v1/batch-processes';
const statusOf = (code: string) => completedProcess(code).status;

/** A list item with a completed status (so no single-type GET follows). */
const listItem = (code: string): unknown => ({ attributes: { type: { code, name: `${code} name` }, distributed: false, status: statusOf(code) } });

/** A fake Guidewire that answers the list with `pages` (JSON text built once), linked by `?page=N`. */
async function hostile(pages: readonly string[]): Promise<FakeServer> {
  const fake = await startFakeServer();
  cleanups.push(() => fake.close());
  fake.on('GET', list, (req) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: pages[Number(req.query.get('page') ?? 0)] ?? '{"data":[]}' }));
  return fake;
}
const page = (items: readonly unknown[], next?: number): string =>
  JSON.stringify({ count: items.length, data: items, links: next === undefined ? {} : { next: { href: `/systemtools/v1/batch-processes?page=${next}` } } });

async function healthy() {
  const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc'), completedProcess('Workflow')]) });
  cleanups.push(() => sim.close());
  return targetConfig({ name: 'healthy', baseUrl: `${sim.baseUrl}` });
}

const limits = (overrides: Partial<Limits>): Limits => ({ ...defaults.limits, ...overrides });

async function exporterOver(...targets: Parameters<typeof exporterConfig>) {
  const log = capturingLogger();
  const exporter = await startExporter({ config: exporterConfig(...targets), logger: log.logger });
  cleanups.push(() => exporter.stop());
  const metrics = async (): Promise<{ text: string; scrape: Scrape }> => {
    const res = await get(`${exporter.url}/metrics`);
    expect(res.status).toBe(200);
    return { text: res.text, scrape: parseExposition(res.text) };
  };
  /** /metrics once every target has finished a poll. */
  const polled = (names: readonly string[]) =>
    eventually(async () => {
      const m = await metrics();
      return names.every((name) => valueOf(m.scrape, 'guidewire_up', { target: name }) !== undefined) ? m : undefined;
    }, 20_000);
  return { exporter, log, metrics, polled };
}

const limitLines = (lines: readonly Record<string, unknown>[], target: string) => lines.filter((l) => l['reason'] === 'limit_exceeded' && l['target'] === target);

describe('an item with a multi-megabyte type code', () => {
  it('is rejected alone: the healthy target and the rest of the list are served, /metrics stays small, the log line is truncated', async () => {
    const huge = `Evil${'X'.repeat(3_000_000)}`;
    const fake = await hostile([page([listItem('Fine'), listItem(huge)])]);
    const { log, polled, metrics } = await exporterOver(targetConfig({ name: 'hostile', baseUrl: `${fake.origin}/rest` }), await healthy());
    const { text, scrape } = await polled(['hostile', 'healthy']);
    expect(text.length).toBeLessThan(200_000);
    expect(seriesOf(scrape, 'guidewire_batch_process_info', { target: 'hostile' }).map((s) => s.labels['batch_process'])).toEqual(['Fine']);
    expect(valueOf(scrape, 'guidewire_up', { target: 'healthy' })).toBe(1);
    expect(seriesOf(scrape, 'guidewire_batch_process_info', { target: 'healthy' })).toHaveLength(2);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'hostile', reason: 'limit_exceeded' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'healthy', reason: 'limit_exceeded' })).toBe(0);
    const lines = limitLines(log.lines, 'hostile');
    expect(lines).toHaveLength(1);
    const line = JSON.stringify(lines[0]);
    expect(line.length).toBeLessThan(3_000);
    expect(line).toContain('max_code_length (256 characters)');
    expect(line).toContain(`EvilXXXX`);
    expect(line).toContain('(3000004 chars)');
    // Logged once while the cause lasts, though every poll meets it; the process keeps serving.
    expect(log.text().length).toBeLessThan(100_000);
    expect((await metrics()).text.length).toBeLessThan(200_000);
  });
});

describe('a target listing more processes than max_processes', () => {
  it('keeps the first max_processes in list order, counts the rest, and reads no further page', async () => {
    const pages = Array.from({ length: 200 }, (_, p) =>
      page(Array.from({ length: 100 }, (_, i) => listItem(`P${String(p * 100 + i).padStart(5, '0')}`)), p < 199 ? p + 1 : undefined),
    );
    const fake = await hostile(pages);
    const { polled } = await exporterOver(targetConfig({ name: 'hostile', baseUrl: `${fake.origin}/rest`, limits: limits({ maxProcesses: 250 }) }), await healthy());
    const { scrape } = await polled(['hostile', 'healthy']);
    const codes = seriesOf(scrape, 'guidewire_batch_process_info', { target: 'hostile' }).map((s) => s.labels['batch_process']);
    expect(codes).toHaveLength(250);
    expect(codes[0]).toBe('P00000');
    expect(codes.at(-1)).toBe('P00249');
    // 50 dropped from the third page; the fourth page is never asked for.
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'hostile', reason: 'limit_exceeded' })).toBeGreaterThanOrEqual(50);
    expect(fake.requestsTo(list).every((r) => Number(r.query.get('page') ?? 0) <= 2)).toBe(true);
    expect(valueOf(scrape, 'guidewire_up', { target: 'healthy' })).toBe(1);
  });

  it('one page of 150,000 items: no stack overflow, the first max_page_items are kept, and raised limits take the whole page', async () => {
    const items = Array.from({ length: 150_000 }, (_, i) => ({ attributes: { type: i === 149_999 ? 'KeepLast' : `P${i}`, distributed: false, status: {} } }));
    const fake = await hostile([page(items)]);
    const raised = limits({ maxPageItems: 200_000, maxProcesses: 200_000 });
    const { polled } = await exporterOver(
      targetConfig({ name: 'capped', baseUrl: `${fake.origin}/rest` }),
      targetConfig({ name: 'raised', baseUrl: `${fake.origin}/rest`, limits: raised, include: ['Keep*'] }),
      await healthy(),
    );
    const { scrape, text } = await polled(['capped', 'raised', 'healthy']);
    expect(seriesOf(scrape, 'guidewire_batch_process_info', { target: 'capped' })).toHaveLength(1000);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'capped', reason: 'limit_exceeded' })).toBeGreaterThanOrEqual(149_000);
    // The whole page is read when the limits allow it (this overflowed the stack, counted as network).
    expect(valueOf(scrape, 'guidewire_up', { target: 'raised' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'raised', reason: 'network' })).toBe(0);
    expect(seriesOf(scrape, 'guidewire_batch_process_info', { target: 'raised' }).map((s) => s.labels['batch_process'])).toEqual(['KeepLast']);
    expect(valueOf(scrape, 'guidewire_up', { target: 'healthy' })).toBe(1);
    expect(text.length).toBeLessThan(2_000_000);
  }, 30_000);
});

describe('10,000+ invalid items', () => {
  it('give one log line per cause and a small status page and JSON with each count and three examples', async () => {
    const badDate = Array.from({ length: 12_000 }, (_, i) => ({ attributes: { type: { code: `D${i}` }, distributed: false, status: { dateCompleted: 'yesterday' } } }));
    const badType = Array.from({ length: 3_000 }, () => ({ attributes: { type: 5, distributed: false } }));
    const fake = await hostile([page([listItem('Good'), ...badDate, ...badType])]);
    const { exporter, log, polled } = await exporterOver(
      targetConfig({ name: 'hostile', baseUrl: `${fake.origin}/rest`, limits: limits({ maxPageItems: 20_000 }) }),
      await healthy(),
    );
    const { scrape } = await polled(['hostile', 'healthy']);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'hostile', reason: 'invalid_response' })).toBeGreaterThanOrEqual(15_000);
    expect(seriesOf(scrape, 'guidewire_batch_process_info', { target: 'hostile' }).map((s) => s.labels['batch_process'])).toEqual(['Good']);
    const warned = log.lines.filter((l) => l['reason'] === 'invalid_response' && l['target'] === 'hostile');
    expect(warned.map((l) => l['count'])).toEqual([12_000, 3_000]);
    expect(warned.map((l) => (l['examples'] as unknown[]).length)).toEqual([3, 3]);

    const api = await get(`${exporter.url}/api/v1/status`);
    expect(api.text.length).toBeLessThan(50_000);
    const json = JSON.parse(api.text) as { targets: { name: string; lastPoll: { errors: { reason: string; message: string; count: number; examples: string[] }[] } }[] };
    const errors = json.targets.find((t) => t.name === 'hostile')?.lastPoll.errors ?? [];
    expect(errors.map((e) => [e.reason, e.count, e.examples])).toEqual([
      ['invalid_response', 12_000, ['item 1', 'item 2', 'item 3']],
      ['invalid_response', 3_000, ['item 12001', 'item 12002', 'item 12003']],
    ]);
    expect(errors[0]?.message).toContain('data[].attributes.status.dateCompleted: expected an ISO-8601 date-time');
    const html = await get(`${exporter.url}/`);
    expect(html.status).toBe(200);
    expect(html.text.length).toBeLessThan(100_000);
    expect(html.text).toContain('(×12000)');
  }, 30_000);
});
