import { afterEach, describe, expect, it } from 'vitest';
import { InvalidResponseError, UpstreamNetworkError, UpstreamTimeoutError } from '../../../src/errors.js';
import { createGuidewireClient } from '../../../src/guidewire/client.js';
import { createTransport, type Transport } from '../../../src/guidewire/http.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeServer, unusedPort, type FakeServer } from '../../support/fake-http.js';
import { testTarget } from './target.js';

describe('transport failures', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function fakeWithTransport(requestTimeoutMs: number): Promise<{ fake: FakeServer; transport: Transport }> {
    const fake = await startFakeServer();
    const transport = createTransport({ origin: fake.origin, tls: { insecureSkipVerify: false }, requestTimeoutMs, connections: 2 });
    cleanups.push(() => fake.close(), () => transport.close());
    return { fake, transport };
  }

  it('times out a server that never answers', async () => {
    const { fake, transport } = await fakeWithTransport(200);
    fake.on('GET', '/rest/x', () => 'hang');
    const started = performance.now();
    const err: unknown = await transport.get('/rest/x?pageOffset=1', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamTimeoutError);
    expect(err).toMatchObject({ endpoint: '/rest/x', timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('times out a body that stalls after the headers', async () => {
    const { fake, transport } = await fakeWithTransport(200);
    fake.on('GET', '/rest/x', () => ({
      raw: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
      },
    }));
    await expect(transport.get('/rest/x', {})).rejects.toThrow(UpstreamTimeoutError);
  });

  it('reports a refused connection as UpstreamNetworkError', async () => {
    const port = await unusedPort();
    const transport = createTransport({ origin: `http://127.0.0.1:${port}`, tls: { insecureSkipVerify: false }, requestTimeoutMs: 1_000, connections: 1 });
    cleanups.push(() => transport.close());
    const err: unknown = await transport.get('/rest/x', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('reports a connection closed mid-response as UpstreamNetworkError', async () => {
    const { fake, transport } = await fakeWithTransport(1_000);
    fake.on('GET', '/rest/x', () => ({ raw: (res) => res.socket?.destroy() }));
    await expect(transport.get('/rest/x', {})).rejects.toThrow(UpstreamNetworkError);
  });

  it("passes a caller's abort through untranslated", async () => {
    const { fake, transport } = await fakeWithTransport(5_000);
    fake.on('GET', '/rest/x', () => 'hang');
    const controller = new AbortController();
    const pending = transport.get('/rest/x', {}, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const err: unknown = await pending.catch((e: unknown) => e);
    expect(err).toBe(controller.signal.reason);
  });

  it('returns non-2xx with whatever JSON it has, and rejects non-JSON only on 2xx', async () => {
    const { fake, transport } = await fakeWithTransport(1_000);
    fake.on('GET', '/rest/html', () => ({ status: 502, body: '<html>bad gateway</html>' }));
    fake.on('GET', '/rest/empty', () => ({ status: 200 }));
    await expect(transport.get('/rest/html', {})).resolves.toMatchObject({ status: 502, json: undefined });
    await expect(transport.get('/rest/missing', {})).resolves.toMatchObject({ status: 404, json: { status: 404 } });
    await expect(transport.get('/rest/empty', {})).rejects.toThrow(InvalidResponseError);
    // The pool still works after all of the above: bodies were consumed.
    await expect(transport.get('/rest/missing', {})).resolves.toMatchObject({ status: 404 });
  });

  it('surfaces timeouts and refused connections through the client, observing no status', async () => {
    const fake = await startFakeServer();
    fake.on('GET', '/rest/systemtools/v1/batch-processes', () => 'hang');
    const observed: unknown[] = [];
    const client = createGuidewireClient({
      target: testTarget(`${fake.origin}/rest`, { requestTimeoutMs: 150 }),
      logger: silentLogger(),
      observe: (o) => observed.push(o),
    });
    cleanups.push(() => fake.close(), () => client.close());
    await expect(client.listBatchProcesses()).rejects.toThrow(UpstreamTimeoutError);
    expect(observed).toEqual([{ endpoint: '/rest/systemtools/v1/batch-processes', durationSeconds: expect.any(Number) as number }]);

    const refused = createGuidewireClient({ target: testTarget(`http://127.0.0.1:${await unusedPort()}/rest`), logger: silentLogger() });
    cleanups.push(() => refused.close());
    await expect(refused.getBatchProcess('A')).rejects.toThrow(UpstreamNetworkError);
  });
});
