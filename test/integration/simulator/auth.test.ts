import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/index.js';
import { basicHeader, documented, fetchJson, rawProcess } from './helpers.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});
const model = createStaticModel([rawProcess('ActivityEsc', documented.completed)]);
async function start(options: Partial<SimulatorOptions>): Promise<RunningSimulator> {
  sim = await startSimulator({ model, ...options });
  return sim;
}
const api = (s: RunningSimulator): string => `${s.baseUrl}/systemtools/v1/batch-processes/ActivityEsc`;
const form = (fields: Record<string, string>): RequestInit & { headers: Record<string, string> } => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('no auth configured', () => {
  it('serves without an Authorization header', async () => {
    const s = await start({});
    expect((await fetch(api(s))).status).toBe(200);
    expect((await fetch(s.tokenUrl, form({ grant_type: 'client_credentials' }))).status).toBe(404);
  });
});

describe('basic auth', () => {
  const auth = { basic: { username: 'su', password: 'gw' } };

  it('accepts the right user and password', async () => {
    const s = await start({ auth });
    expect((await fetch(api(s), { headers: { authorization: basicHeader('su', 'gw') } })).status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['a wrong password', basicHeader('su', 'nope')],
    ['a wrong user', basicHeader('admin', 'gw')],
    ['a bearer token', 'Bearer abc'],
  ])('answers 401 with a Guidewire body to %s', async (_, header) => {
    const s = await start({ auth });
    const reply = await fetchJson(api(s), header === undefined ? {} : { headers: { authorization: header } });
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ status: 401, errorCode: 'gw.api.rest.exceptions.AuthenticationException' });
    expect(reply.headers.get('www-authenticate')).toContain('Basic');
  });
});

describe('OAuth2 client credentials', () => {
  const client = { clientId: 'exporter', clientSecret: 's3cret', tokenTtlSeconds: 60 };

  it('issues a bearer token (client auth by HTTP Basic) that works until it expires per now()', async () => {
    let t = Date.UTC(2025, 0, 1);
    const s = await start({ auth: { oauth2: client }, now: () => t });
    expect(s.tokenUrl).toBe(`http://127.0.0.1:${s.port}/oauth2/default/v1/token`);
    const init = form({ grant_type: 'client_credentials', scope: 'tenant.acme pc.service' });
    init.headers['authorization'] = basicHeader('exporter', 's3cret');
    const reply = await fetchJson(s.tokenUrl, init);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ token_type: 'Bearer', expires_in: 60, access_token: expect.any(String), scope: 'tenant.acme pc.service' });
    expect(s.stats.tokensIssued).toBe(1);
    const token = String(reply.json['access_token']);
    expect(token.split('.')).toHaveLength(3); // JWT-looking
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    expect((await fetch(api(s), bearer)).status).toBe(200);
    t += 59_999;
    expect((await fetch(api(s), bearer)).status).toBe(200);
    t += 1;
    const expired = await fetchJson(api(s), bearer);
    expect(expired.status).toBe(401);
    expect(expired.json['developerMessage']).toMatch(/expired/);
    expect((await fetch(api(s), { headers: { authorization: 'Bearer not-issued' } })).status).toBe(401);
    expect((await fetch(api(s))).status).toBe(401);
  });

  it('accepts client id and secret as form fields and counts every token', async () => {
    const s = await start({ auth: { oauth2: client } });
    for (let i = 0; i < 3; i++) {
      const reply = await fetchJson(s.tokenUrl, form({ grant_type: 'client_credentials', client_id: 'exporter', client_secret: 's3cret' }));
      expect(reply.status).toBe(200);
    }
    expect(s.stats.tokensIssued).toBe(3);
  });

  it('refuses a bad client with 401 invalid_client and a wrong grant with 400 unsupported_grant_type', async () => {
    const s = await start({ auth: { oauth2: client } });
    const bad = await fetchJson(s.tokenUrl, form({ grant_type: 'client_credentials', client_id: 'exporter', client_secret: 'wrong' }));
    expect(bad.status).toBe(401);
    expect(bad.json['error']).toBe('invalid_client');
    const none = await fetchJson(s.tokenUrl, form({ grant_type: 'client_credentials' }));
    expect(none.status).toBe(401);
    const grant = await fetchJson(s.tokenUrl, form({ grant_type: 'password', client_id: 'exporter', client_secret: 's3cret' }));
    expect(grant.status).toBe(400);
    expect(grant.json['error']).toBe('unsupported_grant_type');
    expect(s.stats.tokensIssued).toBe(0);
    expect((await fetch(s.tokenUrl)).status).toBe(405);
  });

  it('accepts either method when both are configured', async () => {
    const s = await start({ auth: { oauth2: client, basic: { username: 'su', password: 'gw' } } });
    const token = await fetchJson(s.tokenUrl, form({ grant_type: 'client_credentials', client_id: 'exporter', client_secret: 's3cret' }));
    expect((await fetch(api(s), { headers: { authorization: `Bearer ${String(token.json['access_token'])}` } })).status).toBe(200);
    expect((await fetch(api(s), { headers: { authorization: basicHeader('su', 'gw') } })).status).toBe(200);
    expect((await fetch(api(s))).status).toBe(401);
  });
});
