import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidResponseError, UpstreamStatusError } from '../../../src/errors.js';
import type { GuidewireApi, RequestObservation } from '../../../src/guidewire/api.js';
import { createGuidewireClient } from '../../../src/guidewire/client.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { batchProcessBody, listItem, testTarget } from './target.js';

const list = '/pc/rest/systemtools/v1/batch-processes';

describe('Guidewire client over HTTP', () => {
  let fake: FakeServer;
  let client: GuidewireApi | undefined;
  let observed: RequestObservation[];

  beforeEach(async () => {
    fake = await startFakeServer();
    observed = [];
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await fake.close();
  });

  function connect(overrides: Parameters<typeof testTarget>[1] = {}, now?: () => number): GuidewireApi {
    client = createGuidewireClient({
      target: testTarget(`${fake.origin}/pc/rest`, overrides),
      logger: silentLogger(),
      observe: (o) => observed.push(o),
      ...(now === undefined ? {} : { now }),
    });
    return client;
  }

  it('follows relative links.next under a context root until there is none', async () => {
    fake.on('GET', list, (req) => {
      const offset = req.query.get('pageOffset') ?? '0';
      if (offset === '0') {
        return { json: { count: 2, data: [listItem('ActivityEsc'), listItem('Workflow')], links: { next: { href: '/systemtools/v1/batch-processes?pageOffset=2' } } } };
      }
      return { json: { count: 2, data: [listItem('Geocode'), { attributes: { distributed: true } }], links: { self: { href: '/x' } } } };
    });
    const result = await connect().listBatchProcesses();
    expect(result.items.map((p) => p.code)).toEqual(['ActivityEsc', 'Workflow', 'Geocode']);
    expect(result.invalid).toEqual([
      { cause: 'data[].attributes.type: expected a type reference { code, name }', limit: false, count: 1, examples: ['page 2, item 1'] },
    ]);
    expect(fake.requests.map((r) => r.url)).toEqual([`${list}?pageSize=100`, `${list}?pageOffset=2`]);
    expect(fake.requests[0]?.headers.accept).toBe('application/json');
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
    expect(observed.map((o) => [o.endpoint, o.status])).toEqual([
      [list, 200],
      [list, 200],
    ]);
  });

  it('stops a links.next loop with InvalidResponseError', async () => {
    fake.on('GET', list, () => ({ json: { data: [listItem('A')], links: { next: { href: '/systemtools/v1/batch-processes?pageOffset=25' } } } }));
    await expect(connect().listBatchProcesses()).rejects.toThrow(InvalidResponseError);
    expect(fake.requests).toHaveLength(2);
  });

  it('stops after 1000 pages even when every href is new', async () => {
    fake.on('GET', list, (req) => {
      const offset = Number(req.query.get('pageOffset') ?? '0');
      return { json: { data: [], links: { next: { href: `/systemtools/v1/batch-processes?pageOffset=${offset + 1}` } } } };
    });
    await expect(connect().listBatchProcesses()).rejects.toThrow('more than 1000 pages');
    expect(fake.requests).toHaveLength(1000);
  });

  it('gets one type with a path-encoded code and HTTP Basic credentials', async () => {
    fake.on('GET', `${list}/Odd%20Code`, () => ({ json: batchProcessBody('Odd Code') }));
    const api = connect({ auth: { kind: 'basic', username: 'su', password: { kind: 'inline', value: 'gw' } } });
    const process = await api.getBatchProcess('Odd Code');
    expect(process).toMatchObject({ code: 'Odd Code', distributed: true, status: { opsCompleted: 1, failedOps: 0 } });
    expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('su:gw').toString('base64')}`);
  });

  it('sends a fixed Authorization header, re-reading a credentials file on each request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gw-cred-'));
    try {
      const file = join(dir, 'token');
      await writeFile(file, 'first-token\n');
      fake.on('GET', `${list}/Workflow`, () => ({ json: batchProcessBody('Workflow') }));
      const api = connect({ auth: { kind: 'authorization', type: 'Bearer', credentials: { kind: 'file', path: file } } });
      await api.getBatchProcess('Workflow');
      await writeFile(file, 'rotated-token\n');
      await api.getBatchProcess('Workflow');
      expect(fake.requests.map((r) => r.headers.authorization)).toEqual(['Bearer first-token', 'Bearer rotated-token']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns a Guidewire 404 into UpstreamStatusError with the upstream code', async () => {
    const err: unknown = await connect().getBatchProcess('NoSuchType').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamStatusError);
    expect(err).toMatchObject({
      status: 404,
      endpoint: `${list}/NoSuchType`,
      upstreamCode: 'gw.api.rest.exceptions.NotFoundException',
      retryAfterSeconds: undefined,
    });
    expect((err as Error).message).toContain(`No resource at ${list}/NoSuchType`);
    expect(observed).toEqual([{ endpoint: `${list}/NoSuchType`, status: 404, durationSeconds: expect.any(Number) as number }]);
  });

  it('reads Retry-After as seconds or as an HTTP-date', async () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    fake.on('GET', `${list}/A`, () => ({ status: 429, headers: { 'retry-after': '17' }, json: { message: 'slow down' } }));
    fake.on('GET', `${list}/B`, () => ({ status: 503, headers: { 'retry-after': 'Wed, 01 Jan 2025 12:01:00 GMT' }, body: '<html>busy</html>' }));
    const api = connect({}, () => now);
    await expect(api.getBatchProcess('A')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 17, upstreamCode: undefined });
    await expect(api.getBatchProcess('B')).rejects.toMatchObject({ status: 503, retryAfterSeconds: 60 });
    expect(observed.map((o) => o.status)).toEqual([429, 503]);
  });

  it('truncates a long upstream message to 200 characters', async () => {
    fake.on('GET', `${list}/A`, () => ({ status: 400, json: { errorCode: 'gw.Bad', userMessage: 'x'.repeat(500) } }));
    const err = (await connect().getBatchProcess('A').catch((e: unknown) => e)) as UpstreamStatusError;
    const message = err.message.slice(err.message.indexOf(': ') + 2);
    expect(message).toHaveLength(200);
  });

  it('retries a 401 exactly once, then reports it', async () => {
    fake.on('GET', `${list}/A`, () => ({ status: 401, json: { errorCode: 'gw.Unauthorized' } }));
    const api = connect({ auth: { kind: 'basic', username: 'su', password: { kind: 'inline', value: 'wrong' } } });
    await expect(api.getBatchProcess('A')).rejects.toMatchObject({ status: 401, upstreamCode: 'gw.Unauthorized' });
    expect(fake.requests).toHaveLength(2);
    expect(observed.map((o) => o.status)).toEqual([401, 401]);
  });

  it('does not retry a 401 when the target has no credentials', async () => {
    fake.on('GET', `${list}/A`, () => ({ status: 401 }));
    await expect(connect().getBatchProcess('A')).rejects.toMatchObject({ status: 401 });
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a 2xx body that is not JSON, or not the documented shape', async () => {
    fake.on('GET', `${list}/A`, () => ({ body: '{"data": {"attributes": ' }));
    fake.on('GET', `${list}/B`, () => ({ body: '<html>login</html>', headers: { 'content-type': 'text/html' } }));
    fake.on('GET', `${list}/C`, () => ({ json: { data: { attributes: { type: { code: 'C' }, status: { failedOps: 'many' } } } } }));
    const api = connect();
    await expect(api.getBatchProcess('A')).rejects.toThrow(InvalidResponseError);
    await expect(api.getBatchProcess('B')).rejects.toThrow(InvalidResponseError);
    await expect(api.getBatchProcess('C')).rejects.toThrow('data.attributes.status.failedOps');
    expect(observed.map((o) => o.status)).toEqual([200, 200, 200]);
  });
});
