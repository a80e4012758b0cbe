import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthConfig, TlsConfig } from '../../../src/config/types.js';
import { UpstreamNetworkError } from '../../../src/errors.js';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import { createGuidewireClient } from '../../../src/guidewire/client.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { opensslAvailable, selfSigned } from './certs.js';
import { batchProcessBody, testTarget } from './target.js';

const title = opensslAvailable ? 'TLS to Guidewire' : 'TLS to Guidewire (skipped: `openssl` is not on PATH to make a self-signed certificate)';
const typePath = '/rest/systemtools/v1/batch-processes/ActivityEsc';

describe.skipIf(!opensslAvailable)(title, () => {
  let dir: string;
  let server: { cert: string; key: string };
  let clientCert: { cert: string; key: string };
  let fake: FakeServer;
  let client: GuidewireApi | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-tls-'));
    server = selfSigned(dir, 'server');
    clientCert = selfSigned(dir, 'client');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await fake.close();
  });

  async function startTls(requireClientCert = false): Promise<void> {
    fake = await startFakeServer({
      tls: {
        cert: readFileSync(server.cert),
        key: readFileSync(server.key),
        ...(requireClientCert ? { requestCert: true, rejectUnauthorized: true, ca: readFileSync(clientCert.cert) } : {}),
      },
    });
    fake.on('GET', typePath, () => ({ json: batchProcessBody('ActivityEsc') }));
  }

  function connect(tls: TlsConfig, auth: AuthConfig = { kind: 'none' }): GuidewireApi {
    client = createGuidewireClient({ target: testTarget(`${fake.origin}/rest`, { tls, auth }), logger: silentLogger() });
    return client;
  }

  it('refuses a self-signed certificate by default', async () => {
    await startTls();
    const err: unknown = await connect({ insecureSkipVerify: false }).getBatchProcess('ActivityEsc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect((err as Error).message).toMatch(/self[- ]signed/i);
  });

  it('trusts the certificate given as ca_file', async () => {
    await startTls();
    await expect(connect({ caFile: server.cert, insecureSkipVerify: false }).getBatchProcess('ActivityEsc')).resolves.toMatchObject({
      code: 'ActivityEsc',
    });
  });

  it('verifies against server_name instead of the URL host', async () => {
    await startTls();
    await expect(connect({ caFile: server.cert, serverName: 'gw.test', insecureSkipVerify: false }).getBatchProcess('ActivityEsc')).resolves.toBeDefined();
    await client?.close();
    await expect(connect({ caFile: server.cert, serverName: 'other.test', insecureSkipVerify: false }).getBatchProcess('ActivityEsc')).rejects.toThrow(
      UpstreamNetworkError,
    );
  });

  it('skips verification with insecure_skip_verify', async () => {
    await startTls();
    await expect(connect({ insecureSkipVerify: true }).getBatchProcess('ActivityEsc')).resolves.toMatchObject({ code: 'ActivityEsc' });
  });

  it('presents a client certificate (cert_file, key_file) when the server requires one', async () => {
    await startTls(true);
    const tls: TlsConfig = { caFile: server.cert, certFile: clientCert.cert, keyFile: clientCert.key, insecureSkipVerify: false };
    await expect(connect(tls).getBatchProcess('ActivityEsc')).resolves.toMatchObject({ code: 'ActivityEsc' });
    await client?.close();
    await expect(connect({ caFile: server.cert, insecureSkipVerify: false }).getBatchProcess('ActivityEsc')).rejects.toThrow(UpstreamNetworkError);
  });

  it('uses the target TLS settings for the OAuth2 token endpoint too', async () => {
    await startTls();
    fake.on('POST', '/oauth2/token', () => ({ json: { access_token: 'tls-token', expires_in: 3600 } }));
    const auth: AuthConfig = {
      kind: 'oauth2',
      tokenUrl: `${fake.origin}/oauth2/token`,
      clientId: 'id',
      clientSecret: { kind: 'inline', value: 'secret' },
      scopes: [],
      endpointParams: {},
    };
    await connect({ caFile: server.cert, insecureSkipVerify: false }, auth).getBatchProcess('ActivityEsc');
    expect(fake.requestsTo(typePath)[0]?.headers.authorization).toBe('Bearer tls-token');
    expect(new URLSearchParams(fake.requestsTo('/oauth2/token')[0]?.body).has('scope')).toBe(false);
  });
});
