/**
 * The conventional proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), read from the environment the
 * loader was given, so nothing below the configuration reads `process.env`. Shared by the build step
 * (`build.ts`, which resolves each target's proxy) and the rules (`rules.ts`, which report an unusable
 * variable). Pure.
 */
import { parseNoProxy } from './leaves.js';

export type Env = Readonly<Record<string, string | undefined>>;
export type Scheme = 'http' | 'https';

/** The variable that names the proxy for `scheme`, lowercase first (as curl and undici read them). */
export function envVariable(env: Env, scheme: Scheme): { name: string; value: string } | undefined {
  for (const name of scheme === 'https' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

/** The `NO_PROXY` entries of the environment. */
export function envNoProxy(env: Env): string[] {
  // Best effort, like Go's net/http: an entry that does not parse simply matches nothing.
  return parseNoProxy(env['no_proxy'] ?? env['NO_PROXY'] ?? '').entries;
}

/** The scheme of a URL given as unvalidated data, when it is http or https. */
export const schemeOf = (url: unknown): Scheme | undefined => {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const protocol = new URL(url).protocol;
  return protocol === 'https:' ? 'https' : protocol === 'http:' ? 'http' : undefined;
};

/** The schemes a target's requests use: its `base_url`'s and its auth endpoint's (OAuth2's `token_url`). */
export function schemesOf(baseUrl: unknown, authEndpointUrl: unknown): Set<Scheme> {
  return new Set([schemeOf(baseUrl), schemeOf(authEndpointUrl)].filter((s): s is Scheme => s !== undefined));
}
