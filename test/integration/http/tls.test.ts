import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type ListeningServer } from '../../../src/http/server.js';
import { capturingLogger } from '../../support/harness.js';
import { stubHandlers } from './servers.js';
import { eventually, get } from '../../support/scrape.js';
import { makePki, opensslMissing, tlsRequest, type Pki } from './pki.js';

const handlers = stubHandlers;

const servers: ListeningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

let pki: Pki;
beforeAll(async () => {
  if (opensslMissing === undefined) pki = await makePki();
}, 60_000);

let n = 0;
/** Copies server-a into its own files (so rotation tests can overwrite them) and writes a web config. */
async function serve(tlsYaml: string, extra = ''): Promise<{ server: ListeningServer; url: string; dir: string; file: string; log: ReturnType<typeof capturingLogger> }> {
  const dir = pki.dir;
  const id = ++n;
  await copyFile(pki.serverA.certFile, join(dir, `live-${id}.crt`));
  await copyFile(pki.serverA.keyFile, join(dir, `live-${id}.key`));
  const file = join(dir, `web-${id}.yml`);
  await writeFile(file, `tls_server_config:\n  cert_file: live-${id}.crt\n  key_file: live-${id}.key\n${tlsYaml}${extra}`);
  const log = capturingLogger();
  const server = await startHttpServer({ host: '127.0.0.1', port: 0, handlers, logger: log.logger, webConfigFile: file, webConfigCheckIntervalMs: 50 });
  servers.push(server);
  return { server, url: `https://127.0.0.1:${server.port}`, dir, file, log };
}

describe.skipIf(opensslMissing !== undefined)(`HTTPS from --web.config.file${opensslMissing === undefined ? '' : ` (skipped: ${opensslMissing})`}`, () => {
  it('serves HTTPS with the configured certificate, relative paths resolved against the file', async () => {
    const { server, url, log } = await serve('');
    expect(server.scheme).toBe('https');
    const response = await tlsRequest(`${url}/metrics`, { ca: pki.ca });
    expect(response.status).toBe(200);
    expect(response.text).toBe('up 1\n');
    expect(response.serverName).toBe('server-a');
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'serving https', scheme: 'https', basicAuth: false, clientAuth: 'NoClientCert' }));
    // A plain HTTP request to the HTTPS port gets no answer from the exporter.
    await expect(get(`http://127.0.0.1:${server.port}/metrics`)).rejects.toThrow();
  });

  it('refuses connections below min_version', async () => {
    const { url } = await serve('  min_version: TLS13\n');
    await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca, maxVersion: 'TLSv1.2' })).rejects.toThrow(/protocol|version/i);
    const ok = await tlsRequest(`${url}/metrics`, { ca: pki.ca });
    expect(ok.protocol).toBe('TLSv1.3');
  });

  describe('client_auth_type: RequireAndVerifyClientCert', () => {
    const mtls = '  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: test-ca.crt\n';

    it('fails the handshake without a client certificate', async () => {
      const { url } = await serve(mtls);
      await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca })).rejects.toThrow(/certificate|socket hang up|ECONNRESET/i);
    });

    it('fails the handshake with a certificate from another CA', async () => {
      const { url } = await serve(mtls);
      await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.strangerClient.cert, key: pki.strangerClient.key })).rejects.toThrow();
    });

    it.each([
      ['no certificate', undefined, 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE', 'no client certificate'],
      ['an expired certificate', 'expiredClient', 'CERT_HAS_EXPIRED', 'client certificate has expired'],
      ['a certificate from an unknown CA', 'strangerClient', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'client certificate is not signed by the client CA (unknown issuer)'],
    ] as const)('logs the real reason for a client with %s', async (_name, pair, code, reason) => {
      const { url, log } = await serve(mtls);
      const cert = pair === undefined ? {} : { cert: pki[pair].cert, key: pki[pair].key };
      await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca, ...cert })).rejects.toThrow();
      const line = await eventually(async () => log.lines.find((l) => l['msg'] === 'TLS handshake failed'));
      expect(line).toMatchObject({ level: 20, code, reason });
    });

    it('serves a client with a certificate signed by client_ca_file', async () => {
      const { url } = await serve(mtls);
      const response = await tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key });
      expect(response.status).toBe(200);
    });

    it('checks client_allowed_sans', async () => {
      const refused = await serve(`${mtls}  client_allowed_sans: [grafana.example]\n`);
      await expect(tlsRequest(`${refused.url}/metrics`, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key })).rejects.toThrow();
      const allowed = await serve(`${mtls}  client_allowed_sans: [grafana.example, prometheus.example]\n`);
      expect((await tlsRequest(`${allowed.url}/metrics`, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key })).status).toBe(200);
    });
  });

  it('closes connections without a certificate under RequireAnyClientCert, accepting any certificate', async () => {
    const { url } = await serve('  client_auth_type: RequireAnyClientCert\n');
    await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca })).rejects.toThrow();
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.strangerClient.cert, key: pki.strangerClient.key })).status).toBe(200);
  });

  it('logs the real reason for a refused certificate under VerifyClientCertIfGiven', async () => {
    const { url, log } = await serve('  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: test-ca.crt\n');
    await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.expiredClient.cert, key: pki.expiredClient.key })).rejects.toThrow();
    const line = await eventually(async () => log.lines.find((l) => l['msg'] === 'TLS client refused'));
    expect(line).toMatchObject({ code: 'CERT_HAS_EXPIRED', reason: 'client certificate has expired' });
  });

  it('lets clients without a certificate in under VerifyClientCertIfGiven, but not a bad one', async () => {
    const { url } = await serve('  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: test-ca.crt\n');
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).status).toBe(200);
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key })).status).toBe(200);
    await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.strangerClient.cert, key: pki.strangerClient.key })).rejects.toThrow();
  });

  it('picks up rotated certificate files for new connections, and keeps the last good one when they break', async () => {
    const { url, dir, log } = await serve('');
    const id = n;
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).serverName).toBe('server-a');
    await copyFile(pki.serverB.keyFile, join(dir, `live-${id}.key`));
    await copyFile(pki.serverB.certFile, join(dir, `live-${id}.crt`));
    await eventually(async () => ((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).serverName === 'server-b' ? true : undefined));
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'TLS certificate, key and client CA reloaded' }));

    await writeFile(join(dir, `live-${id}.crt`), 'not a certificate\n');
    // Files are checked when connections arrive, at most once per check interval.
    await eventually(async () => {
      expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).serverName).toBe('server-b');
      return log.lines.some((l) => l['msg'] === 'TLS certificate reload failed; keeping the previous certificate') ? true : undefined;
    });
    for (let i = 0; i < 4; i++) {
      expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).serverName).toBe('server-b');
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(log.lines.filter((l) => l['level'] === 50)).toHaveLength(1);
    expect(log.text()).not.toContain('PRIVATE KEY');
  });

  it('applies a changed client_auth_type to new connections', async () => {
    const { url, file } = await serve('');
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).status).toBe(200);
    const id = n;
    await writeFile(file, `tls_server_config:\n  cert_file: live-${id}.crt\n  key_file: live-${id}.key\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: test-ca.crt\n`);
    await eventually(async () => {
      try {
        await tlsRequest(`${url}/metrics`, { ca: pki.ca });
        return undefined;
      } catch {
        return true;
      }
    });
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key })).status).toBe(200);
  });

  it('refuses to drop tls_server_config on the fly: switching to HTTP needs a restart', async () => {
    const { url, file, log } = await serve('');
    await writeFile(file, 'basic_auth_users: {}\n');
    await eventually(async () => {
      expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca })).status).toBe(200);
      return log.lines.find((l) => l['msg'] === 'web configuration reload refused; keeping the running security settings');
    }).then((line) => expect(JSON.stringify(line)).toContain('TLS (tls_server_config removed)'));
  });

  it('refuses to drop the client certificate requirement on the fly, and says so once', async () => {
    const mtls = '  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: test-ca.crt\n';
    const { url, file, log } = await serve(mtls);
    const id = n;
    await writeFile(file, `tls_server_config:\n  cert_file: live-${id}.crt\n  key_file: live-${id}.key\n`);
    const line = await eventually(async () => {
      await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca })).rejects.toThrow();
      return log.lines.find((l) => l['msg'] === 'web configuration reload refused; keeping the running security settings');
    });
    expect(JSON.stringify(line)).toContain('the client certificate requirement (client_auth_type RequireAndVerifyClientCert → NoClientCert)');
    for (let i = 0; i < 3; i++) {
      await expect(tlsRequest(`${url}/metrics`, { ca: pki.ca })).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect((await tlsRequest(`${url}/metrics`, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key })).status).toBe(200);
    expect(log.lines.filter((l) => l['level'] === 50)).toHaveLength(1);
  });
});
