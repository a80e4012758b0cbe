import { afterEach, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../src/config/types.js';
import { AuthError, UpstreamStatusError, pollErrorReason } from '../../../src/errors.js';
import { createGuidewireClient } from '../../../src/guidewire/client.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeServer, type FakeServer } from '../../support/fake-http.js';
import { testTarget } from './target.js';

const typePath = '/rest/systemtools/v1/batch-processes/ActivityEsc';

describe('redirects are not followed', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function fake(): Promise<FakeServer> {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    return server;
  }

  it.each([301, 302, 303, 307, 308])('a %i from Guidewire is a client_error and nothing reaches the other origin', async (status) => {
    const guidewire = await fake();
    const elsewhere = await fake();
    guidewire.on('GET', typePath, () => ({ status, headers: { location: `${elsewhere.origin}${typePath}?session=abc` } }));
    const auth: AuthConfig = { kind: 'basic', username: 'svc', password: { kind: 'inline', value: 'gw-pass' } };
    const api = createGuidewireClient({ target: testTarget(`${guidewire.origin}/rest`, { auth }), logger: silentLogger() });
    cleanups.push(() => api.close());

    const err: unknown = await api.getBatchProcess('ActivityEsc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamStatusError);
    expect(err).toMatchObject({ status, endpoint: typePath });
    expect(pollErrorReason(err)).toBe('client_error');
    expect((err as Error).message).toBe(`GET ${typePath} answered ${status}: redirect to ${elsewhere.origin} not followed; check base_url`);
    expect(guidewire.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('says so for a relative Location too', async () => {
    const guidewire = await fake();
    guidewire.on('GET', typePath, () => ({ status: 301, headers: { location: '/pc/rest/systemtools/v1/batch-processes/ActivityEsc' } }));
    const api = createGuidewireClient({ target: testTarget(`${guidewire.origin}/rest`), logger: silentLogger() });
    cleanups.push(() => api.close());
    await expect(api.getBatchProcess('ActivityEsc')).rejects.toThrow('answered 301: redirect to another path on the same server not followed');
    expect(guidewire.requests).toHaveLength(1);
  });

  it('does not follow a redirect from the OAuth2 token endpoint either', async () => {
    const guidewire = await fake();
    const hub = await fake();
    const elsewhere = await fake();
    hub.on('POST', '/oauth2/token', () => ({ status: 307, headers: { location: `${elsewhere.origin}/oauth2/token` } }));
    const auth: AuthConfig = {
      kind: 'oauth2',
      tokenUrl: `${hub.origin}/oauth2/token`,
      clientId: 'id',
      clientSecret: { kind: 'inline', value: 'client-secret' },
      scopes: [],
      endpointParams: {},
    };
    const api = createGuidewireClient({ target: testTarget(`${guidewire.origin}/rest`, { auth }), logger: silentLogger() });
    cleanups.push(() => api.close());
    const err: unknown = await api.getBatchProcess('ActivityEsc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toContain('token request answered 307');
    expect(elsewhere.requests).toHaveLength(0);
    expect(guidewire.requests).toHaveLength(0);
  });
});
