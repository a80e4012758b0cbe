import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigProblem } from '../../../src/errors.js';
import { loadWebConfigFile, parseWebConfigText } from '../../../src/http/web-config.js';

const hash = '$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG';

function problems(text: string, file = '/etc/exporter/web.yml'): ConfigProblem[] {
  try {
    parseWebConfigText(text, file);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const brief = (p: ConfigProblem): string => `${p.line}:${p.column} ${p.path}: ${p.message}`;

describe('parseWebConfigText', () => {
  it('reads users, headers and rate limit; an empty file means plain HTTP without authentication', () => {
    const config = parseWebConfigText(
      `http_server_config:\n  http2: true\n  headers:\n    X-Frame-Options: sameorigin\n    Content-Security-Policy: ""\nbasic_auth_users:\n  alice: ${hash}\nrate_limit: {interval: 100ms, burst: 5}\n`,
      '/x/web.yml',
    );
    expect(config.settings.tls).toBeUndefined();
    expect(config.settings.headers).toEqual({ 'X-Frame-Options': 'sameorigin' });
    expect([...config.settings.users.keys()]).toEqual(['alice']);
    expect(config.settings.rateLimit).toEqual({ intervalMs: 100, burst: 5 });
    expect(parseWebConfigText('', '/x/web.yml').settings).toMatchObject({ tls: undefined, users: new Map(), headers: {} });
    // An empty section reads as absent, as with Go's YAML.
    expect(parseWebConfigText('tls_server_config:\nbasic_auth_users:\n', '/x/web.yml').settings.tls).toBeUndefined();
  });

  it('reports every problem with line, column and key, never echoing a hash', () => {
    const found = problems(`tls_server_config:
  cert_file: server.crt
  client_auth_type: RequireAndVerify
  min_version: TLS14
  cipher_suite: [TLS_AES_128_GCM_SHA256]
http_server_config:
  headers:
    X-Frame-Options: allow
    Server: exporter
basic_auth_users:
  alice: secret-not-a-hash
  bob: 12
ratelimit: {}
`);
    expect(found.map(brief)).toEqual([
      '1:1 tls_server_config: missing one of key_file or key',
      '2:14 tls_server_config.cert_file: file "/etc/exporter/server.crt" does not exist',
      '3:21 tls_server_config.client_auth_type: expected one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert, got "RequireAndVerify"',
      '4:16 tls_server_config.min_version: expected one of TLS10, TLS11, TLS12, TLS13, got "TLS14"',
      '5:3 tls_server_config.cipher_suite: unknown key "cipher_suite" (did you mean "cipher_suites"?)',
      '8:22 http_server_config.headers.X-Frame-Options: expected one of deny, sameorigin, got "allow"',
      '9:5 http_server_config.headers.Server: header "Server" cannot be set; allowed: Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, Content-Security-Policy',
      `11:10 basic_auth_users.alice: expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 4 to 31); make one with: htpasswd -nBC 10 "" | tr -d ':\\n'`,
      '12:8 basic_auth_users.bob: expected a bcrypt hash, got a number',
      '13:1 ratelimit: unknown key "ratelimit" (did you mean "rate_limit"?)',
    ]);
    expect(JSON.stringify(found)).not.toContain('secret-not-a-hash');
    expect(found.every((p) => p.file === '/etc/exporter/web.yml')).toBe(true);
  });

  it.each([
    ['a key without a certificate', 'tls_server_config:\n  key_file: k\n', '1:1 tls_server_config: missing one of cert_file or cert'],
    ['both cert and cert_file', 'tls_server_config:\n  cert: x\n  cert_file: y\n  key: z\n', '2:3 tls_server_config.cert: set either cert or cert_file, not both'],
    ['a client CA without client auth', 'tls_server_config:\n  cert: x\n  key: y\n  client_ca: z\n', '4:14 tls_server_config.client_ca: client_ca is set but client_auth_type is NoClientCert; set client_auth_type: RequireAndVerifyClientCert'],
    ['SANs without a required certificate', 'tls_server_config:\n  cert: x\n  key: y\n  client_auth_type: RequestClientCert\n  client_allowed_sans: [a]\n', '5:24 tls_server_config.client_allowed_sans: client_allowed_sans requires client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert'],
    ['versions the wrong way round', 'tls_server_config:\n  cert: x\n  key: y\n  min_version: TLS13\n  max_version: TLS12\n', '4:16 tls_server_config.min_version: min_version TLS13 is above max_version TLS12'],
    ['an unknown curve', 'tls_server_config:\n  cert: x\n  key: y\n  curve_preferences: [CurveP256, P-256]\n', '4:34 tls_server_config.curve_preferences[1]: expected one of CurveP256, CurveP384, CurveP521, X25519, got "P-256"'],
    ['a wrong type', 'tls_server_config: [cert_file]\n', '1:20 tls_server_config: expected a map, got a list'],
    ['a rate limit of nothing', 'rate_limit:\n  interval: 1s\n', '1:1 rate_limit: burst must be at least 1 when interval is set (0 would refuse every request)'],
    ['a bad duration', 'rate_limit:\n  interval: fast\n  burst: 1\n', '2:13 rate_limit.interval: expected a duration like 100ms or 1s, got "fast"'],
    // Found by the same YAML reader as the main configuration's, which names the key and its first place.
    ['a duplicate key', `basic_auth_users:\n  a: ${hash}\n  a: ${hash}\n`, '3:3 basic_auth_users.a: duplicate key "a" (first at line 2, column 3)'],
  ])('rejects %s', (_, text, expected) => {
    const found = problems(text).map(brief);
    expect(found).toContain(expected);
    // Each mistake is reported once: nothing else about the same key.
    const key = expected.split(' ')[1] ?? '';
    expect(found.filter((p) => p.split(' ')[1] === key)).toHaveLength(1);
  });

  it('reads basic_auth_limits, with defaults for what is left out', () => {
    expect(parseWebConfigText('', '/x/web.yml').settings.authLimits).toEqual({
      workers: 1, maxPendingChecks: 16, clientFailureBurst: 10, clientFailureIntervalMs: 10_000, maxTrackedClients: 10_000,
    });
    const limits = parseWebConfigText('basic_auth_limits:\n  workers: 2\n  client_failure_interval: 0s\n', '/x/web.yml').settings.authLimits;
    expect(limits).toMatchObject({ workers: 2, clientFailureIntervalMs: 0, maxPendingChecks: 16 });
    expect(problems('basic_auth_limits:\n  workers: 0\n  max_pending_checks: many\n  client_failure_interval: soon\n  burst: 3\n').map(brief)).toEqual([
      '2:12 basic_auth_limits.workers: expected a whole number from 1 to 64, got 0',
      '3:23 basic_auth_limits.max_pending_checks: expected a whole number from 1 to 100000, got "many"',
      '4:28 basic_auth_limits.client_failure_interval: expected a duration like 10s or 1m (0 turns the budget off), got "soon"',
      '5:3 basic_auth_limits.burst: unknown key "burst"',
    ]);
  });

  it('does not call a certificate missing that was given twice', () => {
    expect(problems('tls_server_config:\n  cert: x\n  cert_file: y\n  key: z\n').map(brief).join('\n')).not.toContain('missing one of');
  });

  it('accepts the old RequireClientCert spelling as RequireAnyClientCert', () => {
    // Checking the material fails on the made-up PEM; the policy was read before that.
    const found = problems('tls_server_config:\n  cert: x\n  key: y\n  client_auth_type: RequireClientCert\n');
    expect(found.map(brief).join('\n')).not.toContain('client_auth_type');
  });
});

describe('parseWebConfigText, through the YAML pipeline of the main configuration', () => {
  it('takes values literally: no ${VAR} expansion, as in exporter-toolkit', () => {
    const config = parseWebConfigText('http_server_config:\n  headers:\n    Content-Security-Policy: "default-src ${HOME}"\n', '/x/web.yml');
    expect(config.settings.headers).toEqual({ 'Content-Security-Policy': 'default-src ${HOME}' });
  });

  it('refuses a header named like an object property with a located problem, not a crash', () => {
    expect(problems('http_server_config:\n  headers:\n    constructor: x\n').map(brief)).toEqual([
      '3:5 http_server_config.headers.constructor: header "constructor" cannot be set; allowed: Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, Content-Security-Policy',
    ]);
  });

  it('reports a second document and an alias bomb as configuration problems', () => {
    expect(problems('rate_limit: {}\n---\nrate_limit: {}\n').map(brief)).toEqual([
      '2:1 : the file must contain a single YAML document (remove the second "---")',
    ]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(problems(bomb)).toHaveLength(1);
  });

  it('words wrong types like the main configuration, never quoting an inline key or a hash', () => {
    const found = problems('tls_server_config:\n  cert: x\n  key: [not, a, key]\n  prefer_server_cipher_suites: yes please\nbasic_auth_users:\n  bob:\n');
    expect(found.map(brief)).toEqual([
      '3:8 tls_server_config.key: expected a string, got a list',
      '4:32 tls_server_config.prefer_server_cipher_suites: expected true or false, got a string',
      '6:3 basic_auth_users.bob: expected a bcrypt hash, got null',
    ]);
  });
});

describe('loadWebConfigFile', () => {
  it('says when the file itself is missing', () => {
    expect(() => loadWebConfigFile('/nonexistent/web.yml')).toThrow(/\/nonexistent\/web\.yml: file not found/);
  });

  it('checks the certificate and key it names, reporting unusable PEM at its key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwe-webcfg-'));
    await writeFile(join(dir, 'server.crt'), 'not a certificate');
    await writeFile(join(dir, 'server.key'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const file = join(dir, 'web.yml');
    await writeFile(file, 'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n');
    let error: unknown;
    try {
      loadWebConfigFile(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const found = (error as ConfigError).problems.map(brief);
    expect(found[0]).toMatch(/^2:14 tls_server_config\.cert_file: not a PEM certificate/);
    expect(found[1]).toMatch(/^3:13 tls_server_config\.key_file: not a PEM private key/);
  });
});
