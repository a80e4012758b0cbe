import { describe, expect, it } from 'vitest';
import { AuthError, InvalidResponseError, LimitExceededError, UpstreamNetworkError, UpstreamStatusError, UpstreamTimeoutError } from '../../../src/errors.js';
import { InvalidBodyError } from '../../../src/guidewire/http.js';
import { withProxyContext } from '../../../src/guidewire/proxy-agent.js';
import { failureFacts } from '../../../src/probe/failure.js';
import { diagnose, type HintContext } from '../../../src/probe/hints.js';

const list = '/pc/rest/systemtools/v1/batch-processes';
const basic: HintContext = { authKind: 'basic', baseUrl: 'https://gw.example.com:8443/pc/rest', requestTimeoutMs: 10_000 };
const oauth: HintContext = { authKind: 'oauth2', baseUrl: 'https://pc.example.com/rest', tokenUrl: 'https://hub.example.com/oauth2/x/v1/token', requestTimeoutMs: 10_000 };

/** A network failure as the transport translates it: the system error is the cause. */
const network = (code: string, message = code): UpstreamNetworkError => new UpstreamNetworkError(list, `${message} (${code})`, { cause: Object.assign(new Error(message), { code }) });

interface Row {
  readonly name: string;
  readonly error: unknown;
  readonly context?: HintContext;
  readonly literalType?: string;
  readonly problem: RegExp;
  readonly hint: RegExp;
}

const rows: Row[] = [
  { name: '401 with basic auth', error: new UpstreamStatusError(401, list), problem: /credentials refused \(HTTP 401\)/, hint: /basic_auth\.username.*password_file.*oauth2/ },
  { name: '401 without credentials', error: new UpstreamStatusError(401, list), context: { ...basic, authKind: 'none' }, problem: /authentication required/, hint: /add basic_auth .* or oauth2/ },
  { name: '401 with a fixed authorization header', error: new UpstreamStatusError(401, list), context: { ...basic, authKind: 'authorization' }, problem: /HTTP 401/, hint: /authorization\.type and credentials/ },
  { name: '401 with an OAuth2 token', error: new UpstreamStatusError(401, '/rest/systemtools/v1/batch-processes'), context: oauth, problem: /token refused by Guidewire/, hint: /oauth2\.token_url.*oauth2\.scopes/ },
  { name: 'token endpoint refuses the client', error: new AuthError('/oauth2/x/v1/token', 'token request answered 401 (invalid_client)', { status: 401, oauthError: 'invalid_client' }), context: oauth, problem: /token request refused \(HTTP 401 invalid_client\)/, hint: /client_id and client_secret.*token_url/ },
  { name: 'token endpoint refuses the scopes', error: new AuthError('/oauth2/x/v1/token', 'token request answered 400 (invalid_scope)', { status: 400, oauthError: 'invalid_scope' }), context: oauth, problem: /invalid_scope/, hint: /oauth2\.scopes/ },
  { name: 'token with characters a header cannot carry', error: new AuthError('/oauth2/x/v1/token', 'token response access_token has characters not allowed in an HTTP header', { status: 200 }), context: oauth, problem: /without a usable access_token/, hint: /characters an HTTP header cannot carry/ },
  { name: 'token_url is not a token endpoint', error: new AuthError('/oauth2/x/v1/token', 'token request answered 404', { status: 404 }), context: oauth, problem: /HTTP 404/, hint: /\/v1\/token/ },
  { name: 'token host not found', error: new AuthError('/oauth2/x/v1/token', 'token request failed (network)', { cause: network('ENOTFOUND', 'getaddrinfo ENOTFOUND hub.example.com') }), context: oauth, problem: /host not found/, hint: /oauth2\.token_url \(hub\.example\.com\)/ },
  { name: '403', error: new UpstreamStatusError(403, list), problem: /permission denied \(HTTP 403\)/, hint: /System Tools permission.*\/systemtools\/v1\/\*\*/ },
  { name: '404 of the list', error: new UpstreamStatusError(404, list), problem: /no System Tools API at this URL \(HTTP 404\)/, hint: /up to and including \/rest.*\/pc\/rest/ },
  { name: '404 of a base_url without /rest', error: new UpstreamStatusError(404, '/pc/systemtools/v1/batch-processes'), context: { ...basic, baseUrl: 'https://gw.example.com/pc' }, problem: /HTTP 404/, hint: /\(path "\/pc"\) does not end in \/rest/ },
  { name: '404 of a configured type', error: new UpstreamStatusError(404, `${list}/activityesc`), literalType: 'activityesc', problem: /type "activityesc" not found/, hint: /case-sensitive.*batch_processes\.include/ },
  { name: 'redirect', error: new UpstreamStatusError(302, list, { upstreamMessage: 'redirect to https://sso.example.com not followed; check base_url' }), problem: /redirected \(HTTP 302\)/, hint: /never follows redirects.*login page/ },
  { name: '429', error: new UpstreamStatusError(429, list), problem: /rate limited/, hint: /concurrency/ },
  { name: '503', error: new UpstreamStatusError(503, list), problem: /server error \(HTTP 503\)/, hint: /gateway/ },
  { name: 'self-signed certificate', error: network('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), problem: /TLS: certificate not trusted/, hint: /tls_config\.ca_file/ },
  { name: 'unknown CA', error: network('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), problem: /not trusted/, hint: /ca_file/ },
  { name: 'host name mismatch', error: network('ERR_TLS_CERT_ALTNAME_INVALID'), problem: /another host name/, hint: /tls_config\.server_name/ },
  { name: 'expired certificate', error: network('CERT_HAS_EXPIRED'), problem: /expired/, hint: /renew/ },
  { name: 'TLS to a plain HTTP port', error: network('ERR_SSL_WRONG_VERSION_NUMBER'), problem: /TLS handshake failed/, hint: /http:\/\/ in base_url/ },
  { name: 'client certificate required', error: network('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), problem: /client certificate/, hint: /cert_file and tls_config\.key_file/ },
  { name: 'DNS', error: network('ENOTFOUND', 'getaddrinfo ENOTFOUND gw.example.com'), problem: /host not found \(DNS\)/, hint: /base_url \(gw\.example\.com\)/ },
  { name: 'connection refused', error: network('ECONNREFUSED'), problem: /connection refused/, hint: /gw\.example\.com:8443.*port of base_url/ },
  {
    name: 'connection refused on every address (happy eyeballs)',
    error: new UpstreamNetworkError(list, 'connect failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], '') }),
    problem: /connection refused/,
    hint: /port of base_url/,
  },
  { name: 'connection reset', error: network('ECONNRESET'), problem: /closed by the server/, hint: /http or https/ },
  { name: 'no route', error: network('EHOSTUNREACH'), problem: /unreachable/, hint: /proxy_url/ },
  { name: 'timeout', error: new UpstreamTimeoutError(list, 10_000), problem: /no answer within request_timeout \(10s\)/, hint: /firewall.*raise request_timeout/ },
  { name: 'HTML instead of JSON', error: new InvalidBodyError(list, 200, 'body is not JSON (status 200)', { cause: new SyntaxError('Unexpected token <') }), problem: /HTTP 200 with a body that is not JSON/, hint: /login or SSO page.*up to and including \/rest/ },
  { name: 'more processes than limits allow', error: new LimitExceededError(list, 'more than 5000 processes (limits.max_processes)'), problem: /answer exceeds a limit/, hint: /raise the named key under limits/ },
  { name: 'JSON of another API', error: new InvalidResponseError(list, 'expected an object with data'), problem: /unexpected response/, hint: /REST root/ },
  { name: 'proxy wants credentials', error: withProxyContext(new UpstreamNetworkError(list, 'Proxy Authentication Required (407)'), 'http://proxy.corp:3128'), problem: /proxy authentication required \(HTTP 407\)/, hint: /proxy_url/ },
  { name: 'proxy refuses the tunnel', error: withProxyContext(new UpstreamNetworkError(list, 'Proxy response (403) !== 200 when HTTP Tunneling'), 'http://proxy.corp:3128'), problem: /refused the tunnel \(HTTP 403\)/, hint: /no_proxy/ },
  { name: 'proxy unreachable', error: withProxyContext(network('ECONNREFUSED'), 'http://u:pw@proxy.corp:3128'), problem: /proxy unreachable/, hint: /proxy\.corp:3128.*HTTPS_PROXY/ },
  { name: 'unreadable secret file', error: new AuthError('/run/secrets/pw', 'cannot read secret file (EACCES)', { cause: Object.assign(new Error('x'), { code: 'EACCES' }), secretFile: true }), problem: /secret file unreadable/, hint: /permissions/ },
];

describe('diagnose', () => {
  it.each(rows)('$name', ({ error, context, literalType, problem, hint }) => {
    const diagnosis = diagnose(failureFacts(error, literalType), context ?? basic);
    expect(diagnosis.problem).toMatch(problem);
    expect(diagnosis.hint).toMatch(hint);
  });

  it('gives each failure kind its own advice', () => {
    const hints = rows.map(({ error, context, literalType }) => diagnose(failureFacts(error, literalType), context ?? basic).hint);
    // A few rows deliberately share advice (two ways to an untrusted CA, refused on one or every address).
    expect(new Set(hints).size).toBeGreaterThanOrEqual(rows.length - 3);
  });
});

describe('failureFacts', () => {
  it('reads the cause code, the status and the proxy off the error chain', () => {
    const facts = failureFacts(withProxyContext(network('ECONNREFUSED'), 'http://u:pw@proxy.corp:3128'));
    expect(facts).toMatchObject({ at: 'api', kind: 'network', causeCode: 'ECONNREFUSED', proxy: 'proxy.corp:3128' });
    expect(failureFacts(new AuthError('/t', 'token request answered 401 (invalid_client)', { status: 401, oauthError: 'invalid_client' }))).toMatchObject({ at: 'token', kind: 'status', status: 401, oauthError: 'invalid_client' });
    expect(failureFacts(new AuthError('/t', 'token request timed out after 5 ms', { cause: new UpstreamTimeoutError('/t', 5) }))).toMatchObject({ at: 'token', kind: 'timeout' });
    expect(failureFacts(new Error('boom'))).toEqual({ message: 'boom', at: 'api', kind: 'other' });
  });
});
