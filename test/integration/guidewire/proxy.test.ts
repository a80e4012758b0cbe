import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import type { AuthConfig, ProxyConfig, TargetConfig } from '../../../src/config/types.js';
import { UpstreamNetworkError, UpstreamTimeoutError, pollErrorReason } from '../../../src/errors.js';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import { createGuidewireClient } from '../../../src/guidewire/client.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeServer, unusedPort, type FakeServer } from '../../support/fake-http.js';
import { capturingLogger } from '../../support/harness.js';
import { opensslAvailable, selfSigned } from './certs.js';
import { batchProcessBody, testTarget } from './target.js';
import { startTestProxy, type TestProxy } from './test-proxy.js';

const typePath = '/rest/systemtools/v1/batch-processes/ActivityEsc';
const basic: AuthConfig = { kind: 'basic', username: 'svc', password: { kind: 'inline', value: 'gw-pass' } };
const viaUrl = (url: string, noProxy: string[] = []): ProxyConfig => ({ source: 'proxy_url', httpUrl: url, httpsUrl: url, noProxy });

describe('requests through an HTTP proxy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function guidewire(options: { tls?: { cert: Buffer; key: Buffer } } = {}): Promise<FakeServer> {
    const fake = await startFakeServer(options.tls === undefined ? {} : { tls: options.tls });
    fake.on('GET', typePath, () => ({ json: batchProcessBody('ActivityEsc') }));
    cleanups.push(() => fake.close());
    return fake;
  }

  async function proxy(requireAuthorization?: string): Promise<TestProxy> {
    const started = await startTestProxy(requireAuthorization === undefined ? {} : { requireAuthorization });
    cleanups.push(() => started.close());
    return started;
  }

  function client(target: TargetConfig, logger = silentLogger()): GuidewireApi {
    const api = createGuidewireClient({ target, logger });
    cleanups.push(() => api.close());
    return api;
  }

  it('forwards requests to an http:// target through proxy_url, credentials and all', async () => {
    const fake = await guidewire();
    const p = await proxy();
    // `gw.test` does not resolve here: only the proxy can reach it.
    const api = client(testTarget(`http://gw.test:${fake.port}/rest`, { auth: basic, proxy: viaUrl(p.origin) }));
    await expect(api.getBatchProcess('ActivityEsc')).resolves.toMatchObject({ code: 'ActivityEsc' });
    expect(p.seen).toEqual([{ kind: 'forward', target: `http://gw.test:${fake.port}${typePath}`, proxyAuthorization: undefined }]);
    expect(fake.requests[0]?.headers).toMatchObject({ host: `gw.test:${fake.port}`, authorization: `Basic ${btoa('svc:gw-pass')}` });
  });

  it('goes direct to hosts that no_proxy matches', async () => {
    const fake = await guidewire();
    const p = await proxy();
    const api = client(testTarget(`${fake.origin}/rest`, { proxy: viaUrl(p.origin, ['localhost', '127.0.0.0/8']) }));
    await api.getBatchProcess('ActivityEsc');
    expect(fake.requests).toHaveLength(1);
    expect(p.seen).toHaveLength(0);
  });

  it('decides for the OAuth2 token endpoint by its own host', async () => {
    const fake = await guidewire();
    const auth = await startFakeServer();
    cleanups.push(() => auth.close());
    auth.on('POST', '/oauth2/token', () => ({ json: { access_token: 'tok', token_type: 'Bearer', expires_in: 3600 } }));
    const p = await proxy();
    const oauth2: AuthConfig = {
      kind: 'oauth2',
      tokenUrl: `http://auth.test:${auth.port}/oauth2/token`,
      clientId: 'id',
      clientSecret: { kind: 'inline', value: 'client-secret' },
      scopes: [],
      endpointParams: {},
    };
    const api = client(testTarget(`${fake.origin}/rest`, { auth: oauth2, proxy: viaUrl(p.origin, ['127.0.0.1']) }));
    await api.getBatchProcess('ActivityEsc');
    expect(p.seen.map((r) => r.target)).toEqual([`http://auth.test:${auth.port}/oauth2/token`]);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer tok');
  });

  it('uses HTTP_PROXY from the environment the loader was given, bypassing NO_PROXY and loopback hosts', async () => {
    const fake = await guidewire();
    const p = await proxy();
    const text = [
      'targets:',
      '  - name: proxied',
      `    base_url: http://gw.test:${fake.port}/rest`,
      '  - name: excluded',
      `    base_url: http://gw.internal.example:${fake.port}/rest`,
      '  - name: local',
      `    base_url: http://localhost:${fake.port}/rest`,
      '  - name: off',
      `    base_url: http://gw.test:${fake.port}/rest`,
      '    proxy_from_environment: false',
    ].join('\n');
    const config = await parseConfigText(text, '<inline>', { env: { HTTP_PROXY: p.origin, NO_PROXY: '.internal.example' } });
    const [proxied, excluded, local, off] = config.targets.map((t) => client({ ...t, requestTimeoutMs: 2_000 }));
    await proxied?.getBatchProcess('ActivityEsc');
    expect(p.seen.map((r) => r.target)).toEqual([`http://gw.test:${fake.port}${typePath}`]);
    // Direct: the names do not resolve, so these fail without reaching the proxy.
    await expect(excluded?.getBatchProcess('ActivityEsc')).rejects.toThrow(UpstreamNetworkError);
    await expect(off?.getBatchProcess('ActivityEsc')).rejects.toThrow(UpstreamNetworkError);
    await local?.getBatchProcess('ActivityEsc');
    expect(p.seen).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('sends the proxy credentials from proxy_url as Proxy-Authorization, to the proxy only', async () => {
    const fake = await guidewire();
    const p = await proxy(`Basic ${btoa('proxy-user:pr0xy@pass')}`);
    const api = client(testTarget(`http://gw.test:${fake.port}/rest`, { proxy: viaUrl(`http://proxy-user:pr0xy%40pass@127.0.0.1:${p.port}`) }));
    await api.getBatchProcess('ActivityEsc');
    expect(p.seen[0]?.proxyAuthorization).toBe(`Basic ${btoa('proxy-user:pr0xy@pass')}`);
    expect(fake.requests[0]?.headers['proxy-authorization']).toBeUndefined();
  });

  it('never puts the proxy password in errors or logs when the proxy refuses it', async () => {
    const fake = await guidewire();
    const p = await proxy(`Basic ${btoa('proxy-user:right')}`);
    const password = 'Wr0ng-pr0xy-pa55';
    const proxyConfig = viaUrl(`http://proxy-user:${password}@127.0.0.1:${p.port}`);
    const { logger, text } = capturingLogger();
    const errors: unknown[] = [];
    for (const baseUrl of [`http://gw.test:${fake.port}/rest`, `https://gw.test:${fake.port}/rest`]) {
      const err: unknown = await client(testTarget(baseUrl, { proxy: proxyConfig }), logger)
        .getBatchProcess('ActivityEsc')
        .catch((e: unknown) => e);
      errors.push(err);
      logger.error({ err }, 'poll failed');
    }
    expect(p.seen.map((r) => r.kind)).toEqual(['forward', 'connect']);
    for (const err of errors) {
      expect(err).toBeInstanceOf(UpstreamNetworkError);
      expect(pollErrorReason(err)).toBe('network');
      expect((err as Error).message).toMatch(/407/);
      expect((err as Error).message).toContain(`via proxy 127.0.0.1:${p.port}`);
      expect((err as Error).message).not.toContain(password);
    }
    expect(text()).toContain('poll failed');
    expect(text()).not.toContain(password);
    expect(text()).not.toContain(btoa(`proxy-user:${password}`));
    expect(fake.requests).toHaveLength(0);
  });

  it('reports a proxy that is down as UpstreamNetworkError (reason network)', async () => {
    const port = await unusedPort();
    const api = client(testTarget('http://gw.test:8180/pc/rest', { proxy: viaUrl(`http://u:hidden-pw@127.0.0.1:${port}`) }));
    const err: unknown = await api.getBatchProcess('ActivityEsc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect(pollErrorReason(err)).toBe('network');
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect((err as Error).message).toContain(`via proxy 127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('hidden-pw');
  });

  it('times out a proxy that accepts the connection but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as AddressInfo;
    for (const baseUrl of ['http://gw.test:8180/pc/rest', 'https://gw.test:8443/pc/rest']) {
      const api = client(testTarget(baseUrl, { requestTimeoutMs: 300, proxy: viaUrl(`http://127.0.0.1:${port}`) }));
      const started = performance.now();
      const err: unknown = await api.getBatchProcess('ActivityEsc').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamTimeoutError);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  const tlsTitle = opensslAvailable ? 'https:// targets' : 'https:// targets (skipped: `openssl` is not on PATH)';
  describe.skipIf(!opensslAvailable)(tlsTitle, () => {
    let dir: string;
    let cert: { cert: string; key: string };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gw-proxy-tls-'));
      cert = selfSigned(dir, 'server');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const tlsServer = (): Promise<FakeServer> => guidewire({ tls: { cert: readFileSync(cert.cert), key: readFileSync(cert.key) } });

    it('tunnels with CONNECT and verifies Guidewire against ca_file end to end', async () => {
      const fake = await tlsServer();
      const p = await proxy(`Basic ${btoa('u:p')}`);
      const target = testTarget(`https://gw.test:${fake.port}/rest`, {
        auth: basic,
        tls: { caFile: cert.cert, insecureSkipVerify: false },
        proxy: viaUrl(`http://u:p@127.0.0.1:${p.port}`),
      });
      await expect(client(target).getBatchProcess('ActivityEsc')).resolves.toMatchObject({ code: 'ActivityEsc' });
      expect(p.seen).toEqual([{ kind: 'connect', target: `gw.test:${fake.port}`, proxyAuthorization: `Basic ${btoa('u:p')}` }]);
      // Guidewire's Authorization travelled inside the TLS tunnel, not to the proxy.
      expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${btoa('svc:gw-pass')}`);
    });

    it('still refuses an untrusted certificate through the tunnel', async () => {
      const fake = await tlsServer();
      const p = await proxy();
      const target = testTarget(`https://gw.test:${fake.port}/rest`, { proxy: viaUrl(p.origin) });
      const err: unknown = await client(target).getBatchProcess('ActivityEsc').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamNetworkError);
      expect((err as Error).message).toMatch(/self[- ]signed/i);
      expect(fake.requests).toHaveLength(0);
    });

    it('applies server_name through the tunnel', async () => {
      const fake = await tlsServer();
      const p = await proxy();
      // Reached as `other.test`, verified as `gw.test`, the name in the certificate.
      const target = testTarget(`https://other.test:${fake.port}/rest`, {
        tls: { caFile: cert.cert, serverName: 'gw.test', insecureSkipVerify: false },
        proxy: viaUrl(p.origin),
      });
      await expect(client(target).getBatchProcess('ActivityEsc')).resolves.toMatchObject({ code: 'ActivityEsc' });
      expect(p.seen.map((r) => r.target)).toEqual([`other.test:${fake.port}`]);
    });

    it('uses HTTPS_PROXY for https:// targets', async () => {
      const fake = await tlsServer();
      const p = await proxy();
      const text = ['targets:', '  - name: pc', `    base_url: https://gw.test:${fake.port}/rest`, `    tls_config: {ca_file: ${cert.cert}}`].join('\n');
      const config = await parseConfigText(text, '<inline>', { env: { https_proxy: `127.0.0.1:${p.port}`, HTTP_PROXY: 'http://unused.invalid:1' } });
      const [target] = config.targets;
      expect(target?.proxy).toEqual({ source: 'environment', httpsUrl: `http://127.0.0.1:${p.port}`, noProxy: [] });
      await client(target as TargetConfig).getBatchProcess('ActivityEsc');
      expect(p.seen.map((r) => r.kind)).toEqual(['connect']);
    });
  });
});
