import { expect, test } from 'vitest';
import { UpstreamNetworkError, UpstreamStatusError } from '../../../src/errors.js';
import { withProxyContext } from '../../../src/guidewire/proxy-agent.js';

const proxyUrl = 'http://svc:S3cret%2Fpw@proxy.corp:3128';

test('names the proxy by host and port, and words its refusals', () => {
  const refused = new UpstreamNetworkError('/rest/x', 'connect ECONNREFUSED 10.0.0.1:3128', { cause: new Error('inner') });
  const out = withProxyContext(refused, proxyUrl);
  expect(out.message).toBe('/rest/x: connect ECONNREFUSED 10.0.0.1:3128 (via proxy proxy.corp:3128)');
  expect(out.cause).toEqual(new Error('inner'));
  const tunnel = new UpstreamNetworkError('/rest/x', 'Proxy response (403) !== 200 when HTTP Tunneling (UND_ERR_ABORTED)');
  expect(withProxyContext(tunnel, proxyUrl).message).toBe('/rest/x: the proxy refused the CONNECT tunnel with status 403 (via proxy proxy.corp:3128)');
});

test('withholds the details, cause included, should they contain the proxy credentials', () => {
  for (const leaked of ['S3cret/pw', 'S3cret%2Fpw', Buffer.from('svc:S3cret/pw').toString('base64')]) {
    const err = new UpstreamNetworkError('/rest/x', 'socket hang up', { cause: new Error(`something about ${leaked}`) });
    const out = withProxyContext(err, proxyUrl);
    expect(out).toBeInstanceOf(UpstreamNetworkError);
    expect(out.message).toBe('/rest/x: failed via proxy proxy.corp:3128 (details withheld: they contained the proxy credentials)');
    expect(out.cause).toBeUndefined();
  }
});

test('leaves other errors alone', () => {
  const err = new UpstreamStatusError(500, '/rest/x');
  expect(withProxyContext(err, proxyUrl)).toBe(err);
});
