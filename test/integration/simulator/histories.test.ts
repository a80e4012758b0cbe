import { describe, expect, it } from 'vitest';
import {
  createScenarioModel,
  createStaticModel,
  startSimulator,
  type HistoryOrder,
  type RawProcessHistory,
  type RunningSimulator,
} from '../../../src/simulator/index.js';
import { documented, fetchJson, rawProcess, simulatorPerTest } from './helpers.js';

interface Item {
  attributes: RawProcessHistory;
  checksum: string;
  links: { self: { href: string; methods: string[] } };
}
type Links = Record<string, { href: string } | undefined>;

const PATH = '/systemtools/v1/batch-processes';
const EPOCH = Date.UTC(2025, 0, 1);
const model = createScenarioModel({ seed: 4, epoch: EPOCH });
const now = (): number => EPOCH + 10_000;

const start = simulatorPerTest();

/** Follows `links.next.href` from `href`, returning every item and the number of pages. */
async function crawl(s: RunningSimulator, href: string): Promise<{ items: Item[]; pages: number; totals: unknown[] }> {
  const items: Item[] = [];
  const totals: unknown[] = [];
  let next: string | undefined = href;
  let pages = 0;
  while (next !== undefined) {
    expect(next.startsWith(`${PATH}/`), next).toBe(true);
    const reply = await fetchJson(`${s.baseUrl}${next}`);
    expect(reply.status).toBe(200);
    const data = reply.json['data'] as Item[];
    expect(reply.json['count']).toBe(data.length);
    totals.push(reply.json['total']);
    items.push(...data);
    next = (reply.json['links'] as Links)['next']?.href;
    pages += 1;
  }
  return { items, pages, totals };
}

const row = (id: string, dateCreated: string, extra: Partial<RawProcessHistory> = {}): RawProcessHistory => ({
  id,
  type: { code: 'ActivityEsc', name: 'Activity Escalation' },
  description: 'Activity Escalation',
  dateCreated,
  startDate: dateCreated,
  dateCompleted: dateCreated,
  opsCompleted: 1,
  failedOps: 0,
  ranToCompletion: true,
  internalFailure: false,
  scheduled: true,
  serverId: '55d109613ac9',
  leaseId: '6a0f6c1e-2b1d-4c3e-9f4a-0123456789ab',
  ...extra,
});

describe('GET /batch-processes/{type}/histories', () => {
  it('pages newest first by default, with hrefs relative to /rest under a context root', async () => {
    const s = await start({ model, now, contextRoot: '/cc', pageSize: 50 });
    const { items, pages, totals } = await crawl(s, `${PATH}/Workflow/histories?includeTotal=true`);
    const expected = [...(model.histories('Workflow', now()) ?? [])].reverse();
    expect(expected.length).toBeGreaterThan(100);
    expect(items.map((i) => i.attributes)).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 50));
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    expect(s.stats.requests.get('/cc/rest/systemtools/v1/batch-processes/Workflow/histories')).toBe(pages);
    // The newest row is the latest run: it agrees with the status.
    const status = model.get('Workflow', now())?.status ?? {};
    expect(items[0]?.attributes.dateCreated).toBe(status['dateCreated']);
    expect(items[0]?.attributes.dateCompleted).toBe(status['dateCompleted']);
  });

  it('serves each item with a checksum and a self link that answers the same row', async () => {
    const s = await start({ model, now, contextRoot: 'pc' });
    const reply = await fetchJson(`${s.baseUrl}${PATH}/DBConsistencyCheck/histories?pageSize=2`);
    const [item] = reply.json['data'] as Item[];
    expect(item?.checksum).toEqual(expect.any(String));
    expect(item?.links.self).toEqual({ href: `${PATH}/DBConsistencyCheck/histories/${item?.attributes.id ?? ''}`, methods: ['get'] });
    // The current run of DBConsistencyCheck is unfinished 10 s after the epoch: listed, without dateCompleted.
    expect(item?.attributes).toMatchObject({ ranToCompletion: false, internalFailure: false });
    expect(item?.attributes.dateCompleted).toBeUndefined();
    const one = await fetchJson(`${s.baseUrl}${item?.links.self.href ?? ''}`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ data: item });
    expect(s.stats.requests.get(`/pc/rest${item?.links.self.href ?? ''}`)).toBe(1);
  });

  it.each<[HistoryOrder, number]>([
    ['newest-first', -1],
    ['oldest-first', 1],
  ])('orders by dateCreated then id, %s, before paging', async (historyOrder, sign) => {
    const s = await start({ model, now, historyOrder, pageSize: 10 });
    const reply = await fetchJson(`${s.baseUrl}${PATH}/ActivityEsc/histories`);
    const dates = (reply.json['data'] as Item[]).map((i) => Date.parse(i.attributes.dateCreated));
    expect(dates).toHaveLength(10);
    expect(dates).toEqual([...dates].sort((a, b) => sign * (a - b)));
    const all = model.histories('ActivityEsc', now()) ?? [];
    const edge = historyOrder === 'oldest-first' ? all[0] : all.at(-1);
    expect(dates[0]).toBe(Date.parse(edge?.dateCreated ?? ''));
    expect(reply.json['links']).toMatchObject({ next: { href: `${PATH}/ActivityEsc/histories?pageOffset=10&pageSize=10` } });
    expect(reply.json['total']).toBeUndefined();
  });

  it('answers 400 to a pageSize above the maximum, as the list does', async () => {
    const s = await start({ model, now, maxPageSize: 20 });
    const reply = await fetchJson(`${s.baseUrl}${PATH}/Workflow/histories?pageSize=21`);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ status: 400, errorCode: 'gw.api.rest.exceptions.BadInputException' });
    const ok = await fetchJson(`${s.baseUrl}${PATH}/Workflow/histories?pageSize=20&pageOffset=20`);
    expect(ok.status).toBe(200);
    expect(ok.json['links']).toMatchObject({ prev: { href: `${PATH}/Workflow/histories?pageSize=20` } });
    // The default page size never exceeds the maximum.
    expect((await fetchJson(`${s.baseUrl}${PATH}/Workflow/histories`)).json['count']).toBe(20);
  });

  it('answers 404 to an unknown type (case-sensitive) and an unknown id, an empty collection to a never-run type', async () => {
    const s = await start({ model, now });
    for (const path of [`${PATH}/workflow/histories`, `${PATH}/Nope/histories/ab:x`, `${PATH}/Workflow/histories/ab:doesNotExist`]) {
      const reply = await fetchJson(`${s.baseUrl}${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.json).toMatchObject({ status: 404, errorCode: 'gw.api.rest.exceptions.NotFoundException' });
    }
    // An unknown type is a 404 even with bad paging.
    expect((await fetchJson(`${s.baseUrl}${PATH}/Nope/histories?pageSize=1000`)).status).toBe(404);
    const never = await fetchJson(`${s.baseUrl}${PATH}/PurgeClusterMembers/histories?includeTotal=true`);
    expect(never.status).toBe(200);
    expect(never.json).toEqual({
      count: 0,
      total: 0,
      data: [],
      links: {
        self: { href: `${PATH}/PurgeClusterMembers/histories?pageSize=25&includeTotal=true` },
        first: { href: `${PATH}/PurgeClusterMembers/histories?pageSize=25&includeTotal=true` },
      },
    });
    const post = await fetchJson(`${s.baseUrl}${PATH}/Workflow/histories`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('serves exactly what a static model is given, sorted, and changes between requests', async () => {
    const staticModel = createStaticModel([rawProcess('ActivityEsc', documented.completed, 'Activity Escalation')]);
    const s = await start({ model: staticModel, historyOrder: 'oldest-first' });
    const ids = async (): Promise<string[]> =>
      ((await fetchJson(`${s.baseUrl}${PATH}/ActivityEsc/histories`)).json['data'] as Item[]).map((i) => i.attributes.id);
    expect(await ids()).toEqual([]);
    staticModel.setHistories('ActivityEsc', [
      row('ab:b', '2022-09-19T17:35:00.000Z'),
      row('ab:c', '2022-09-19T17:30:00.003Z'),
      row('ab:a', '2022-09-19T17:35:00.000Z'),
    ]);
    expect(await ids()).toEqual(['ab:c', 'ab:a', 'ab:b']);
    const { dateCompleted: _, ...unfinished } = row('ab:d', '2022-09-19T17:40:00.000Z', { ranToCompletion: false });
    staticModel.addHistory('ActivityEsc', unfinished);
    expect(await ids()).toEqual(['ab:c', 'ab:a', 'ab:b', 'ab:d']);
    const one = await fetchJson(`${s.baseUrl}${PATH}/ActivityEsc/histories/ab:d`);
    expect((one.json['data'] as Item).attributes).toEqual(unfinished);
    expect(Object.keys((one.json['data'] as Item).attributes)).not.toContain('dateCompleted');
    // Percent-encoded ids are found too.
    expect((await fetchJson(`${s.baseUrl}${PATH}/ActivityEsc/histories/ab%3Ad`)).status).toBe(200);
  });

  it('refuses an unknown historyOrder at start', async () => {
    await expect(startSimulator({ model, historyOrder: 'sideways' as HistoryOrder })).rejects.toThrow(RangeError);
  });
});
