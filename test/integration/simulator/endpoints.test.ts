import { describe, expect, it } from 'vitest';
import {
  createScenarioModel,
  createStaticModel,
  startSimulator,
} from '../../../src/simulator/index.js';
import { documented, fetchJson, rawProcess, simulatorPerTest } from './helpers.js';

const start = simulatorPerTest();

describe('GET /batch-processes/{type}', () => {
  it.each(Object.entries(documented))('serves the %s status shape verbatim', async (_, status) => {
    const s = await start({ model: createStaticModel([rawProcess('ActivityEsc', status, 'Activity Escalation')]) });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes/ActivityEsc`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.json).toEqual({
      data: {
        attributes: { distributed: false, status, type: { code: 'ActivityEsc', name: 'Activity Escalation' } },
        checksum: expect.any(String),
        links: { self: { href: '/systemtools/v1/batch-processes/ActivityEsc', methods: ['get'] } },
      },
    });
  });

  it('includes workQueueStatus for a distributed process', async () => {
    const wq = { numActiveExecutors: 1, numActiveWorkItems: 2, executors: [] };
    const s = await start({
      model: createStaticModel([{ type: { code: 'Workflow', name: 'Workflow Writer' }, distributed: true, status: documented.running, workQueueStatus: wq }]),
    });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes/Workflow`);
    expect((reply.json['data'] as { attributes: Record<string, unknown> }).attributes['workQueueStatus']).toEqual(wq);
  });

  it('answers 404 with a Guidewire error body for a type in the wrong case, and for unknown paths', async () => {
    const s = await start({ model: createStaticModel([rawProcess('ActivityEsc', documented.completed)]) });
    const paths = [
      '/systemtools/v1/batch-processes/activityesc',
      '/systemtools/v1/batch-processes/ActivityEsc/start',
      '/systemtools/v1/batch-processes/ActivityEsc/histories/x/y',
      '/systemtools/v1/batch-processes//histories',
      '/systemtools/v2/x',
    ];
    for (const path of paths) {
      const reply = await fetchJson(`${s.baseUrl}${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.json).toMatchObject({
        status: 404,
        errorCode: 'gw.api.rest.exceptions.NotFoundException',
        userMessage: expect.any(String),
        developerMessage: expect.any(String),
      });
    }
    expect((await fetch(`http://127.0.0.1:${s.port}/elsewhere`)).status).toBe(404);
  });

  it('answers 405 to methods other than GET', async () => {
    const s = await start({ model: createStaticModel([rawProcess('ActivityEsc', documented.completed)]) });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes/ActivityEsc`, { method: 'DELETE' });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET');
    expect(reply.json).toMatchObject({ status: 405, errorCode: expect.stringMatching(/^gw\.api\.rest\.exceptions\./) });
  });
});

describe('GET /batch-processes', () => {
  const model = createScenarioModel({ seed: 4, epoch: Date.UTC(2025, 0, 1) });
  const now = (): number => Date.UTC(2025, 0, 1, 0, 0, 10);

  it('lists every type with status and workQueueStatus by default', async () => {
    const s = await start({ model, now });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes?pageSize=100`);
    expect(reply.status).toBe(200);
    const data = reply.json['data'] as { attributes: Record<string, unknown>; links: { self: { href: string } } }[];
    expect(reply.json['count']).toBe(model.list(now()).length);
    expect(reply.json['total']).toBeUndefined();
    expect(data.map((d) => d.attributes)).toEqual(model.list(now()).map((p) => ({ ...p })));
    expect(data[0]?.links.self.href).toMatch(/^\/systemtools\/v1\/batch-processes\/[A-Za-z]+$/);
  });

  it('lists only type and distributed when listIncludesStatus is false', async () => {
    const s = await start({ model, now, listIncludesStatus: false });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes`);
    for (const item of reply.json['data'] as { attributes: Record<string, unknown> }[]) {
      expect(Object.keys(item.attributes).sort()).toEqual(['distributed', 'type']);
    }
  });

  it('pages with hrefs relative to /rest, without the context root, until there is no next', async () => {
    const s = await start({ model, now, contextRoot: '/cc', pageSize: 7 });
    expect(s.baseUrl).toBe(`http://127.0.0.1:${s.port}/cc/rest`);
    const codes: string[] = [];
    let href: string | undefined = '/systemtools/v1/batch-processes?includeTotal=true';
    let pages = 0;
    while (href !== undefined) {
      expect(href.startsWith('/systemtools/v1/')).toBe(true);
      const reply = await fetchJson(`${s.baseUrl}${href}`);
      expect(reply.status).toBe(200);
      expect(reply.json['total']).toBe(model.list(now()).length);
      const data = reply.json['data'] as { attributes: { type: { code: string } } }[];
      expect(reply.json['count']).toBe(data.length);
      codes.push(...data.map((d) => d.attributes.type.code));
      href = (reply.json['links'] as Record<string, { href: string } | undefined>)['next']?.href;
      pages += 1;
    }
    expect(codes).toEqual(model.list(now()).map((p) => p.type.code));
    expect(pages).toBe(Math.ceil(codes.length / 7));
    expect(s.stats.requests.get('/cc/rest/systemtools/v1/batch-processes')).toBe(pages);
    // Without the context root, nothing is there.
    expect((await fetch(`http://127.0.0.1:${s.port}/rest/systemtools/v1/batch-processes`)).status).toBe(404);
  });

  it('links prev from a later page', async () => {
    const s = await start({ model, now, pageSize: 5 });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes?pageOffset=10&pageSize=5`);
    expect(reply.json['links']).toMatchObject({
      self: { href: '/systemtools/v1/batch-processes?pageOffset=10&pageSize=5' },
      prev: { href: '/systemtools/v1/batch-processes?pageOffset=5&pageSize=5' },
      next: { href: '/systemtools/v1/batch-processes?pageOffset=15&pageSize=5' },
    });
  });

  it('answers 400 BadInputException to a pageSize above the maximum', async () => {
    const s = await start({ model, now, maxPageSize: 10 });
    const reply = await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes?pageSize=11`);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ status: 400, errorCode: 'gw.api.rest.exceptions.BadInputException' });
    expect((await fetch(`${s.baseUrl}/systemtools/v1/batch-processes?pageSize=10`)).status).toBe(200);
    // The default page size never exceeds the maximum.
    expect((await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes`)).json['count']).toBe(10);
  });

  it('refuses inconsistent paging options at start', async () => {
    await expect(startSimulator({ model, pageSize: 50, maxPageSize: 10 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ model, pageSize: 0 })).rejects.toThrow(RangeError);
  });

  it('follows the injected clock', async () => {
    let t = Date.UTC(2025, 0, 1);
    const s = await start({ model, now: () => t });
    const get = async (): Promise<unknown> =>
      ((await fetchJson(`${s.baseUrl}/systemtools/v1/batch-processes/ClaimException`)).json['data'] as { attributes: { status: unknown } }).attributes.status;
    const first = await get();
    t += 20_000;
    expect(await get()).not.toEqual(first);
    expect(await get()).toEqual(model.get('ClaimException', t)?.status);
  });
});
