/**
 * Outbound proxy settings: `proxy_url`, `no_proxy` and `proxy_from_environment` (as in Prometheus'
 * `http_config`), with the conventional `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` variables as the default.
 * The effective proxy of each target is resolved here, at load time, from the environment the loader was
 * given, so nothing below the configuration reads `process.env`. Pure.
 */
import { isIP } from 'node:net';
import type { Finding, Path } from './locate.js';
import type { RawConfig, RawTarget } from './schema.js';
import type { ProxyConfig } from './types.js';
import { isPlain, targetsOf, type Plain } from './plain.js';

type Env = Readonly<Record<string, string | undefined>>;
type Parsed = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

/**
 * Checks a proxy URL: `http://` or `https://`, a host, optionally a port and `user:password@`, nothing
 * else. `schemeOptional` accepts `proxy.corp:3128` as `http://proxy.corp:3128`, as curl and Go do for
 * the environment variables. The result keeps the credentials (percent-encoded) and drops a trailing `/`.
 * Messages never contain the input: it may hold a password.
 */
export function parseProxyUrl(text: string, options: { schemeOptional: boolean }): Parsed {
  const trimmed = text.trim();
  const withScheme = options.schemeOptional && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? `http://${trimmed}` : trimmed;
  if (!URL.canParse(withScheme)) return { ok: false, message: 'expected a proxy URL like http://proxy.example.com:3128' };
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'expected an http:// or https:// proxy URL (other proxy schemes are not supported)' };
  }
  if (url.hostname === '') return { ok: false, message: 'expected a proxy URL with a host' };
  if (url.pathname !== '/' || url.search !== '' || withScheme.includes('#')) {
    return { ok: false, message: 'a proxy URL has no path, query or fragment: only scheme, host, port and optional user:password@' };
  }
  if (!decodable(url.username) || !decodable(url.password)) {
    return { ok: false, message: 'the user name or password of the proxy URL has an invalid %-escape (write % as %25)' };
  }
  return { ok: true, value: url.href.replace(/\/$/, '') };
}

function decodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The URL with any userinfo password replaced by `<secret>` (a lone user name, used as a token by some
 * proxies, too): what summaries and dumps show.
 */
export function redactProxyUrl(proxyUrl: string): string {
  if (!URL.canParse(proxyUrl)) return '<secret>';
  const url = new URL(proxyUrl);
  if (url.password !== '') return `${url.protocol}//${url.username}:<secret>@${url.host}`;
  if (url.username !== '') return `${url.protocol}//<secret>@${url.host}`;
  return url.origin;
}

/**
 * Splits a `no_proxy` list (`"localhost, .corp.example.com,10.0.0.0/8"`) into trimmed, lowercased
 * entries. `invalid` lists CIDR entries whose address or prefix length is wrong.
 */
export function parseNoProxy(text: string): { entries: string[]; invalid: string[] } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  return { entries, invalid: entries.filter((entry) => entry.includes('/') && !validCidr(entry)) };
}

function validCidr(entry: string): boolean {
  const [address = '', bits = '', ...rest] = entry.split('/');
  const family = isIP(address);
  if (rest.length > 0 || family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

type Scheme = 'http' | 'https';

/** The variable that names the proxy for `scheme`, lowercase first (as curl and undici read them). */
function envVariable(env: Env, scheme: Scheme): { name: string; value: string } | undefined {
  for (const name of scheme === 'https' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

function envNoProxy(env: Env): string[] {
  // Best effort, like Go's net/http: an entry that does not parse simply matches nothing.
  return parseNoProxy(env['no_proxy'] ?? env['NO_PROXY'] ?? '').entries;
}

const schemeOf = (url: unknown): Scheme | undefined => {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const protocol = new URL(url).protocol;
  return protocol === 'https:' ? 'https' : protocol === 'http:' ? 'http' : undefined;
};

/** The schemes a target's requests use: its `base_url`'s and, with OAuth2, its `token_url`'s. */
function schemesOf(baseUrl: unknown, tokenUrl: unknown): Set<Scheme> {
  return new Set([schemeOf(baseUrl), schemeOf(tokenUrl)].filter((s): s is Scheme => s !== undefined));
}

/**
 * The effective proxy of one validated target. A target that sets `proxy_url` or
 * `proxy_from_environment` replaces `global`'s choice; `no_proxy` is inherited on its own. Without
 * `proxy_url` and unless `proxy_from_environment: false`, the proxy comes from the environment (only the
 * variables for the schemes the target uses). `undefined`: requests go direct.
 */
export function resolveProxy(raw: RawTarget, global: RawConfig['global'], env: Env): ProxyConfig | undefined {
  const own = raw.proxy_url !== undefined || raw.proxy_from_environment !== undefined;
  const proxyUrl = own ? raw.proxy_url : global?.proxy_url;
  const fromEnvironment = (own ? raw.proxy_from_environment : global?.proxy_from_environment) ?? true;
  if (proxyUrl !== undefined) {
    return { source: 'proxy_url', httpUrl: proxyUrl, httpsUrl: proxyUrl, noProxy: [...(raw.no_proxy ?? global?.no_proxy ?? [])] };
  }
  if (!fromEnvironment) return undefined;
  const urls: { httpUrl?: string; httpsUrl?: string } = {};
  for (const scheme of schemesOf(raw.base_url, raw.oauth2?.token_url)) {
    const variable = envVariable(env, scheme);
    const parsed = variable === undefined ? undefined : parseProxyUrl(variable.value, { schemeOptional: true });
    // An unusable variable was reported by proxyFindings before the configuration was built.
    if (parsed?.ok === true) urls[scheme === 'https' ? 'httpsUrl' : 'httpUrl'] = parsed.value;
  }
  if (urls.httpUrl === undefined && urls.httpsUrl === undefined) return undefined;
  return { source: 'environment', ...urls, noProxy: envNoProxy(env) };
}

const isTrue = (value: unknown): boolean => value === true || value === 'true';

/**
 * Problems with the proxy settings, on the raw document (whether or not the schema accepted it):
 * `proxy_url` together with `proxy_from_environment: true` in one block, `no_proxy` without a
 * `proxy_url` to apply to, and a proxy variable from the environment that a target would use but that is
 * not a usable proxy URL (its value is never quoted).
 */
export function proxyFindings(data: unknown, env: Env): Finding[] {
  if (!isPlain(data)) return [];
  const findings: Finding[] = [];
  const global = isPlain(data['global']) ? data['global'] : undefined;
  const blocks: { block: Plain; path: Path }[] = global === undefined ? [] : [{ block: global, path: ['global'] }];
  for (const { target, path } of targetsOf(data)) blocks.push({ block: target, path });

  for (const { block, path } of blocks) {
    const keys = Object.keys(block);
    if ('proxy_url' in block && isTrue(block['proxy_from_environment'])) {
      const later = keys.indexOf('proxy_url') > keys.indexOf('proxy_from_environment') ? 'proxy_url' : 'proxy_from_environment';
      findings.push({
        path: [...path, later],
        at: 'key',
        message: '"proxy_url" and "proxy_from_environment: true" cannot be used together; configure at most one proxy source',
      });
    }
    const isTarget = path[0] === 'targets';
    const own = 'proxy_url' in block || 'proxy_from_environment' in block;
    const proxyUrl = !isTarget || own ? block['proxy_url'] : global?.['proxy_url'];
    if ('no_proxy' in block && proxyUrl === undefined) {
      findings.push({
        path: [...path, 'no_proxy'],
        at: 'key',
        message: '"no_proxy" requires "proxy_url" (a proxy from the environment uses the NO_PROXY variable)',
      });
    }
    if (isTarget && proxyUrl === undefined) {
      const fromEnvironment = own ? block['proxy_from_environment'] : global?.['proxy_from_environment'];
      if (fromEnvironment !== false && fromEnvironment !== 'false') findings.push(...environmentFindings(block, path, env));
    }
  }
  return findings;
}

function environmentFindings(target: Plain, path: Path, env: Env): Finding[] {
  const oauth2 = isPlain(target['oauth2']) ? target['oauth2'] : undefined;
  return [...schemesOf(target['base_url'], oauth2?.['token_url'])].flatMap((scheme): Finding[] => {
    const variable = envVariable(env, scheme);
    if (variable === undefined) return [];
    const parsed = parseProxyUrl(variable.value, { schemeOptional: true });
    if (parsed.ok) return [];
    const where = schemeOf(target['base_url']) === scheme ? ['base_url'] : ['oauth2', 'token_url'];
    return [
      {
        path: [...path, ...where],
        at: 'value',
        message: `environment variable ${variable.name} (the proxy for ${scheme}:// requests) is not usable: ${parsed.message}; fix it, or set proxy_url or proxy_from_environment: false`,
      },
    ];
  });
}
