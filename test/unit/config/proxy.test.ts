import { describe, expect, test } from 'vitest';
import { dumpConfig } from '../../../src/config/dump.js';
import { parseConfigText } from '../../../src/config/load.js';
import { parseProxyUrl } from '../../../src/config/leaves.js';
import { redactProxyUrl } from '../../../src/config/redact-url.js';
import { summarizeConfig } from '../../../src/config/summary.js';
import type { ExporterConfig } from '../../../src/config/types.js';
import { configError, problems, target, yaml } from './helpers.js';

type Env = Readonly<Record<string, string>>;
const load = (env: Env, ...lines: string[]): Promise<ExporterConfig> =>
  parseConfigText(yaml(...lines), '/etc/gwe/config.yml', { env, checkReadable: async () => true });
const proxyOf = async (env: Env, ...lines: string[]): Promise<unknown> => (await load(env, ...lines)).targets.map((t) => t.proxy);

describe('proxy_url and no_proxy', () => {
  test('a target proxy_url applies to both schemes, with its no_proxy list trimmed and lowercased', async () => {
    expect(await proxyOf({}, ...target, '    proxy_url: http://proxy.corp:3128/', '    no_proxy: " LocalHost, .Internal.example.com,10.0.0.0/8 ,"')).toEqual([
      { source: 'proxy_url', httpUrl: 'http://proxy.corp:3128', httpsUrl: 'http://proxy.corp:3128', noProxy: ['localhost', '.internal.example.com', '10.0.0.0/8'] },
    ]);
  });

  test('global settings are inherited; a target proxy_url or proxy_from_environment replaces the global choice', async () => {
    const env = { HTTPS_PROXY: 'http://env-proxy:8080' };
    const proxies = await proxyOf(
      env,
      'global: {proxy_url: "http://global:3128", no_proxy: a.example.com}',
      'targets:',
      '  - {name: inherits, base_url: https://a.example.com/rest}',
      '  - {name: own, base_url: https://b.example.com/rest, proxy_url: "https://own:3129"}',
      '  - {name: own-no-proxy, base_url: https://c.example.com/rest, no_proxy: c.example.com}',
      '  - {name: env, base_url: https://d.example.com/rest, proxy_from_environment: true}',
      '  - {name: direct, base_url: https://e.example.com/rest, proxy_from_environment: false}',
    );
    expect(proxies).toEqual([
      { source: 'proxy_url', httpUrl: 'http://global:3128', httpsUrl: 'http://global:3128', noProxy: ['a.example.com'] },
      { source: 'proxy_url', httpUrl: 'https://own:3129', httpsUrl: 'https://own:3129', noProxy: ['a.example.com'] },
      { source: 'proxy_url', httpUrl: 'http://global:3128', httpsUrl: 'http://global:3128', noProxy: ['c.example.com'] },
      { source: 'environment', httpsUrl: 'http://env-proxy:8080', noProxy: [] },
      undefined,
    ]);
  });

  test('accepts credentials in proxy_url but never echoes a refused value', async () => {
    const err = await configError(load({}, ...target, '    proxy_url: socks5://user:pa55w0rd@proxy:1080'));
    expect(err.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'targets[0].proxy_url: expected an http:// or https:// proxy URL (other proxy schemes are not supported)',
    ]);
    expect(err.message).not.toContain('pa55w0rd');
    expect(await problems(load({}, ...target, '    proxy_url: http://proxy:3128/some/path'))).toEqual([
      '4:16 targets[0].proxy_url: a proxy URL has no path, query or fragment: only scheme, host, port and optional user:password@',
    ]);
  });

  test('proxy_url with proxy_from_environment: true is an error at the later key; no_proxy needs proxy_url', async () => {
    expect(
      await problems(
        load(
          {},
          'global:',
          '  no_proxy: localhost',
          'targets:',
          '  - name: pc',
          '    base_url: https://pc.example.com/rest',
          '    proxy_url: http://proxy:3128',
          '    proxy_from_environment: true',
          '  - name: bc',
          '    base_url: https://bc.example.com/rest',
          '    no_proxy: bc.example.com',
        ),
      ),
    ).toEqual([
      '2:3 global.no_proxy: "no_proxy" requires "proxy_url" (a proxy from the environment uses the NO_PROXY variable)',
      '7:5 targets[0].proxy_from_environment: "proxy_url" and "proxy_from_environment: true" cannot be used together; configure at most one proxy source',
      '10:5 targets[1].no_proxy: "no_proxy" requires "proxy_url" (a proxy from the environment uses the NO_PROXY variable)',
    ]);
  });

  test('a CIDR entry must be valid; the list is quoted unless it came from the environment', async () => {
    expect(await problems(load({}, ...target, '    proxy_url: http://p:1', '    no_proxy: "a.example.com,10.0.0.0/33"'))).toEqual([
      '5:15 targets[0].no_proxy: an entry with "/" must be a CIDR block like 10.0.0.0/8 or fd00::/8, got "a.example.com,10.0.0.0/33"',
    ]);
    expect(await problems(load({ NP: 'x/8' }, ...target, '    proxy_url: http://p:1', '    no_proxy: ${NP}'))).toEqual([
      '5:15 targets[0].no_proxy: an entry with "/" must be a CIDR block like 10.0.0.0/8 or fd00::/8',
    ]);
  });
});

describe('proxy from the environment', () => {
  test('by default, HTTPS_PROXY for https:// origins and HTTP_PROXY for http:// ones, lowercase first, with NO_PROXY', async () => {
    const env = { https_proxy: 'proxy.corp:3128', HTTPS_PROXY: 'http://upper:1', HTTP_PROXY: 'http://plain:3128', NO_PROXY: 'LOCALHOST,.corp' };
    const proxies = await proxyOf(
      env,
      'targets:',
      '  - name: https-only',
      '    base_url: https://pc.example.com/rest',
      '  - name: both',
      '    base_url: http://cc.example.com/rest',
      '    oauth2: {token_url: "https://hub.example.com/token", client_id: i, client_secret: s}',
    );
    expect(proxies).toEqual([
      { source: 'environment', httpsUrl: 'http://proxy.corp:3128', noProxy: ['localhost', '.corp'] },
      { source: 'environment', httpUrl: 'http://plain:3128', httpsUrl: 'http://proxy.corp:3128', noProxy: ['localhost', '.corp'] },
    ]);
  });

  test('no variables, or variables for the other scheme only, mean no proxy; an empty variable is unset', async () => {
    expect(await proxyOf({}, ...target)).toEqual([undefined]);
    expect(await proxyOf({ HTTP_PROXY: 'http://plain:3128', https_proxy: '' }, ...target)).toEqual([undefined]);
  });

  test('proxy_url wins over the environment, and proxy_from_environment: false ignores it', async () => {
    const env = { HTTPS_PROXY: 'http://env:1' };
    expect(await proxyOf(env, ...target, '    proxy_url: http://file:2')).toMatchObject([{ source: 'proxy_url', httpsUrl: 'http://file:2' }]);
    expect(await proxyOf(env, 'global: {proxy_from_environment: "false"}', ...target)).toEqual([undefined]);
  });

  test('an unusable variable that a target would use is an error naming the variable, never its value', async () => {
    const env = { HTTPS_PROXY: 'socks5://u:env-secret@proxy:1080', HTTP_PROXY: 'http://fine:1' };
    const err = await configError(load(env, ...target));
    expect(err.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      '3:15 targets[0].base_url: environment variable HTTPS_PROXY (the proxy for https:// requests) is not usable: expected an http:// or https:// proxy URL (other proxy schemes are not supported); fix it, or set proxy_url or proxy_from_environment: false',
    ]);
    expect(err.message).not.toContain('env-secret');
    // Not used by this target (or turned off): no error.
    await expect(load(env, 'targets:', '  - {name: a, base_url: http://a.example.com/rest}')).resolves.toBeDefined();
    await expect(load(env, ...target, '    proxy_from_environment: false')).resolves.toBeDefined();
  });
});

describe('showing the proxy', () => {
  const lines = [
    'targets:',
    '  - name: pc',
    '    base_url: https://pc.example.com/rest',
    '    proxy_url: http://svc%40corp:S3cr3t-pw@proxy.corp:3128',
    '    no_proxy: localhost,.corp',
    '  - name: cc',
    '    base_url: https://cc.example.com/rest',
  ];
  const env = { HTTPS_PROXY: 'http://envuser:Env-pw@env-proxy:8080' };

  test('the summary shows where the proxy comes from, with passwords as <secret>', async () => {
    const summary = summarizeConfig(await load(env, ...lines));
    expect(summary).toContain('  proxy:           http://svc%40corp:<secret>@proxy.corp:3128 (proxy_url, except localhost, .corp)\n');
    expect(summary).toContain('  proxy:           https:// via http://envuser:<secret>@env-proxy:8080 (from the environment; loopback hosts direct)\n');
    expect(summary).not.toMatch(/S3cr3t-pw|Env-pw/);
  });

  test('the dump shows proxy_url with the password as <secret>, and an environment proxy as proxy_from_environment', async () => {
    const dump = dumpConfig(await load(env, ...lines));
    expect(dump).toContain('    proxy_url: http://svc%40corp:<secret>@proxy.corp:3128\n    no_proxy: localhost,.corp\n');
    expect(dump).toContain('    proxy_from_environment: true\n');
    expect(dump).not.toMatch(/S3cr3t-pw|Env-pw/);
    expect(dumpConfig(await load({}, ...target))).not.toContain('proxy');
  });

  test('redactProxyUrl hides a password, or a lone user name used as a token', () => {
    expect(redactProxyUrl('http://u:p@proxy:1')).toBe('http://u:<secret>@proxy:1');
    expect(redactProxyUrl('http://token@proxy:1')).toBe('http://<secret>@proxy:1');
    expect(redactProxyUrl('https://proxy:1')).toBe('https://proxy:1');
  });

  test('parseProxyUrl assumes http:// for a bare host:port only when asked', () => {
    expect(parseProxyUrl('proxy.corp:3128', { schemeOptional: true })).toEqual({ ok: true, value: 'http://proxy.corp:3128' });
    expect(parseProxyUrl('proxy.corp:3128', { schemeOptional: false }).ok).toBe(false);
    expect(parseProxyUrl('http://proxy.corp:3128?x=1', { schemeOptional: false }).ok).toBe(false);
    expect(parseProxyUrl('http://user:50%zz@proxy.corp:3128', { schemeOptional: false })).toEqual({
      ok: false,
      message: 'the user name or password of the proxy URL has an invalid %-escape (write % as %25)',
    });
  });
});
