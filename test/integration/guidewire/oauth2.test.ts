import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthConfig, SecretRef } from '../../../src/config/types.js';
import { AuthError, pollErrorReason } from '../../../src/errors.js';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import { createGuidewireClient } from '../../../src/guidewire/client.js';
import { silentLogger } from '../../../src/logger.js';
import { delay, startFakeServer, type FakeHandler, type FakeServer, type RecordedRequest } from '../../support/fake-http.js';
import { batchProcessBody, testTarget } from './target.js';

const tokenPath = '/oauth2/default/v1/token';
const typePath = '/rest/systemtools/v1/batch-processes/ActivityEsc';
const secret = 's3cr3t:+/ &x';

/** Decodes the HTTP Basic header of a token request into form-decoded client id and secret. */
function basicCredentials(req: RecordedRequest): [string, string] | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ') !== true) return undefined;
  const [id = '', pass = ''] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  const decode = (s: string): string => new URLSearchParams(`v=${s}`).get('v') ?? '';
  return [decode(id), decode(pass)];
}

/** A token endpoint handing out `tok-1`, `tok-2`, ... to requests the `accept` predicate allows. */
function issuingTokens(accept: (req: RecordedRequest) => boolean, expiresIn = 3600): FakeHandler {
  let issued = 0;
  return (req) => {
    if (!accept(req)) return { status: 401, json: { error: 'invalid_client', error_description: `bad secret ${secret}` } };
    issued += 1;
    return { json: { access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: expiresIn } };
  };
}

const viaBasic = (req: RecordedRequest): boolean => basicCredentials(req)?.join('|') === `gw-exporter|${secret}`;
const viaForm = (req: RecordedRequest): boolean => {
  const form = new URLSearchParams(req.body);
  return form.get('client_id') === 'gw-exporter' && form.get('client_secret') === secret;
};

describe('OAuth2 client credentials', () => {
  let api: FakeServer;
  let idp: FakeServer;
  let client: GuidewireApi | undefined;
  let clock: number;

  beforeEach(async () => {
    api = await startFakeServer();
    idp = await startFakeServer();
    clock = Date.UTC(2025, 0, 1);
    api.on('GET', typePath, (req) =>
      req.headers.authorization?.startsWith('Bearer tok-') === true ? { json: batchProcessBody('ActivityEsc') } : { status: 401 },
    );
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await Promise.all([api.close(), idp.close()]);
  });

  function connect(clientSecret: SecretRef = { kind: 'inline', value: secret }): GuidewireApi {
    const auth: AuthConfig = {
      kind: 'oauth2',
      tokenUrl: `${idp.origin}${tokenPath}`,
      clientId: 'gw-exporter',
      clientSecret,
      scopes: ['tenant.acme', 'pc.service'],
      endpointParams: { audience: 'guidewire' },
    };
    client = createGuidewireClient({ target: testTarget(`${api.origin}/rest`, { auth }), logger: silentLogger(), now: () => clock });
    return client;
  }

  it('posts the client-credentials form with HTTP Basic and caches the token across requests', async () => {
    idp.on('POST', tokenPath, issuingTokens(viaBasic));
    const gw = connect();
    await gw.getBatchProcess('ActivityEsc');
    await gw.getBatchProcess('ActivityEsc');
    expect(idp.requests).toHaveLength(1);
    const tokenRequest = idp.requests[0];
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'tenant.acme pc.service',
      audience: 'guidewire',
    });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('refreshes the token shortly before it expires', async () => {
    idp.on('POST', tokenPath, issuingTokens(viaBasic));
    const gw = connect();
    await gw.getBatchProcess('ActivityEsc');
    clock += 3_539_000; // 61 s left: still within the token's useful life
    await gw.getBatchProcess('ActivityEsc');
    clock += 2_000; // 59 s left: less than min(60 s, 10% of 3600 s)
    await gw.getBatchProcess('ActivityEsc');
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('shares one token request among concurrent callers', async () => {
    const issue = issuingTokens(viaBasic);
    idp.on('POST', tokenPath, async (req) => {
      await delay(100);
      return issue(req);
    });
    const gw = connect();
    await Promise.all(Array.from({ length: 6 }, () => gw.getBatchProcess('ActivityEsc')));
    expect(idp.requests).toHaveLength(1);
    expect(new Set(api.requests.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer tok-1']));
  });

  it('on a 401 fetches a fresh token and retries the request once', async () => {
    idp.on('POST', tokenPath, issuingTokens(viaBasic));
    api.on('GET', typePath, (req) => (req.headers.authorization === 'Bearer tok-2' ? { json: batchProcessBody('ActivityEsc') } : { status: 401 }));
    await expect(connect().getBatchProcess('ActivityEsc')).resolves.toMatchObject({ code: 'ActivityEsc' });
    expect(idp.requests).toHaveLength(2);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('falls back to client_id/client_secret in the form after invalid_client, and remembers that', async () => {
    idp.on('POST', tokenPath, issuingTokens(viaForm, 100));
    const gw = connect();
    await gw.getBatchProcess('ActivityEsc');
    expect(idp.requests).toHaveLength(2);
    expect(basicCredentials(idp.requests[0] as RecordedRequest)).toEqual(['gw-exporter', secret]);
    expect(idp.requests[1]?.headers.authorization).toBeUndefined();
    clock += 95_000; // past 90% of the 100 s lifetime
    await gw.getBatchProcess('ActivityEsc');
    expect(idp.requests).toHaveLength(3);
    expect(viaForm(idp.requests[2] as RecordedRequest)).toBe(true);
    expect(idp.requests[2]?.headers.authorization).toBeUndefined();
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('reports a refused token request as AuthError naming path, status and OAuth error only', async () => {
    idp.on('POST', tokenPath, () => ({ status: 401, json: { error: 'invalid_client', error_description: `secret ${secret} is wrong` } }));
    const err: unknown = await connect().getBatchProcess('ActivityEsc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ status: 401, endpoint: tokenPath });
    const message = (err as Error).message;
    expect(message).toBe(`${tokenPath}: token request answered 401 (invalid_client)`);
    expect(message).not.toContain(secret);
    expect(api.requests).toHaveLength(0);
    // Both auth styles were tried; neither is remembered, so the next poll tries again.
    expect(idp.requests).toHaveLength(2);
  });

  it('reports a token endpoint without access_token, and a 5xx, as AuthError', async () => {
    idp.on('POST', tokenPath, () => ({ json: { token_type: 'Bearer' } }));
    const gw = connect();
    await expect(gw.getBatchProcess('ActivityEsc')).rejects.toThrow(`${tokenPath}: token response has no access_token`);
    idp.on('POST', tokenPath, () => ({ status: 503, body: 'upstream down' }));
    await expect(gw.getBatchProcess('ActivityEsc')).rejects.toMatchObject({ code: 'GWE_AUTH', status: 503 });
  });

  it('counts a token or token type with CR/LF as auth, never naming the token, and sends nothing to Guidewire', async () => {
    const gw = connect();
    for (const json of [
      { access_token: 'tok-1\r\nX-Injected: 1', token_type: 'Bearer' },
      { access_token: 'tok-1', token_type: 'Bearer\r\nX-Injected: 1' },
      { access_token: 'tok-\u00e9', token_type: 'Bearer' },
    ]) {
      idp.on('POST', tokenPath, () => ({ json }));
      const err: unknown = await gw.getBatchProcess('ActivityEsc').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(pollErrorReason(err)).toBe('auth');
      expect((err as Error).message).toMatch(/not allowed in an HTTP header/);
      expect((err as Error).message).not.toContain('tok-');
    }
    expect(api.requests).toHaveLength(0);
  });

  it('keeps using a still-valid token when a refresh fails', async () => {
    idp.on('POST', tokenPath, issuingTokens(viaBasic));
    const gw = connect();
    await gw.getBatchProcess('ActivityEsc');
    idp.on('POST', tokenPath, () => ({ status: 500 }));
    clock += 3_570_000; // refresh due, 30 s before expiry
    await gw.getBatchProcess('ActivityEsc');
    clock += 31_000; // expired
    await expect(gw.getBatchProcess('ActivityEsc')).rejects.toThrow(AuthError);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('after a failed refresh, tries again in a while rather than on every request', async () => {
    idp.on('POST', tokenPath, issuingTokens(viaBasic));
    const gw = connect();
    await gw.getBatchProcess('ActivityEsc');
    idp.on('POST', tokenPath, () => ({ status: 500 }));
    clock += 3_550_000; // refresh due, 50 s before expiry
    for (let i = 0; i < 3; i++) await gw.getBatchProcess('ActivityEsc');
    expect(idp.requests).toHaveLength(2);
    clock += 10_000; // the retry is due
    await gw.getBatchProcess('ActivityEsc');
    expect(idp.requests).toHaveLength(3);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(Array(5).fill('Bearer tok-1'));
  });

  it('re-reads a client secret file on each token request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gw-oauth-'));
    try {
      const file = join(dir, 'client_secret');
      await writeFile(file, 'old-secret\n');
      idp.on('POST', tokenPath, issuingTokens(() => true));
      const gw = connect({ kind: 'file', path: file });
      await gw.getBatchProcess('ActivityEsc');
      await writeFile(file, 'new-secret\n');
      clock += 3_600_000;
      await gw.getBatchProcess('ActivityEsc');
      expect(idp.requests.map((r) => basicCredentials(r)?.[1])).toEqual(['old-secret', 'new-secret']);
      await rm(file);
      clock += 3_600_000;
      const err: unknown = await gw.getBatchProcess('ActivityEsc').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as Error).message).toContain('ENOENT');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
