/**
 * Rules across fields that the schema cannot express without hiding other problems: exactly one auth
 * block, a secret xor its `_file`, cert and key together, unique target names, the proxy settings (one
 * proxy source, `no_proxy` with a `proxy_url`, usable proxy variables) and the list of files to check.
 * They run on the raw document data whether or not the schema accepted it. Pure.
 */
import { parseProxyUrl } from './leaves.js';
import { envVariable, schemeOf, schemesOf, type Env } from './proxy-env.js';
import { authKindList } from './auth-kinds.js';
import { fileKeys } from './schema.js';
import type { Finding, Path } from './locate.js';
import { isPlain, targetsOf, type Plain } from './plain.js';

/** Keys of `object` among `keys`, in the order they appear in the file. */
const present = (object: Plain, keys: readonly string[]): string[] => Object.keys(object).filter((k) => keys.includes(k));

function exclusive(object: Plain, path: Path, keys: readonly string[], what: string): Finding[] {
  const [first, ...rest] = present(object, keys);
  return rest.map((key) => ({
    path: [...path, key],
    at: 'key' as const,
    message: `"${first}" and "${key}" cannot be used together; ${what}`,
  }));
}

/** The mutually exclusive authentication blocks of a target. */
const authBlockKeys = authKindList.map(({ key }) => key);

/** Conflicting and missing alternatives: auth blocks, secret xor file, cert with key. */
export function crossFieldFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const { target, path } of targetsOf(data)) {
    findings.push(...exclusive(target, path, authBlockKeys, 'configure at most one authentication method'));
    for (const { key: block, secret } of authKindList) {
      const auth = target[block];
      if (!isPlain(auth)) continue;
      const pair = [secret.key, `${secret.key}_file`] as const;
      findings.push(...exclusive(auth, [...path, block], pair, 'give the secret inline or as a file, not both'));
      if (present(auth, pair).length === 0) {
        findings.push({ path: [...path, block], at: 'value', message: `missing "${pair[0]}" or "${pair[1]}"` });
      }
    }
    const tls = target['tls_config'];
    if (isPlain(tls)) {
      const [given, other] = 'cert_file' in tls ? ['cert_file', 'key_file'] : ['key_file', 'cert_file'];
      if (given in tls && !(other in tls)) {
        findings.push({ path: [...path, 'tls_config', given], at: 'key', message: `"${given}" requires "${other}"` });
      }
    }
  }
  return findings;
}

/**
 * Second and later targets reusing a name. `where` describes a path's position for the message, e.g.
 * `line 3, column 11`; `mayShow` says whether the name may be quoted (not when it came from the environment).
 */
export function duplicateNameFindings(
  data: unknown,
  where: (path: Path) => string,
  mayShow: (path: Path) => boolean,
): Finding[] {
  const firstByName = new Map<string, Path>();
  const findings: Finding[] = [];
  for (const { target, path } of targetsOf(data)) {
    const name = target['name'];
    if (typeof name !== 'string' || name === '') continue;
    const namePath = [...path, 'name'];
    const first = firstByName.get(name);
    if (first === undefined) firstByName.set(name, namePath);
    else {
      const quoted = mayShow(namePath) ? ` "${name}"` : '';
      findings.push({ path: namePath, at: 'value', message: `duplicate target name${quoted} (first used at ${where(first)})` });
    }
  }
  return findings;
}

/** Every `*_file` value (non-empty string) in the document, with its path. */
export function fileReferences(data: unknown): { path: Path; file: string }[] {
  const refs: { path: Path; file: string }[] = [];
  for (const { target, path } of targetsOf(data)) {
    const scheduler = target['scheduler_config_file'];
    if (typeof scheduler === 'string' && scheduler !== '') refs.push({ path: [...path, 'scheduler_config_file'], file: scheduler });
    for (const [block, keys] of Object.entries(fileKeys)) {
      const object = target[block];
      if (!isPlain(object)) continue;
      for (const key of keys) {
        const file = object[key];
        if (typeof file === 'string' && file !== '') refs.push({ path: [...path, block, key], file });
      }
    }
  }
  return refs;
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

/** The URL (unvalidated) and path of the endpoint of its own that a target's auth block sends credentials to. */
function authEndpointOf(target: Plain): { url: unknown; where: Path } | undefined {
  for (const { key, endpoint } of authKindList) {
    const block = target[key];
    if (endpoint !== undefined && isPlain(block)) return { url: block[endpoint.key], where: [key, endpoint.key] };
  }
  return undefined;
}

function environmentFindings(target: Plain, path: Path, env: Env): Finding[] {
  const endpoint = authEndpointOf(target);
  return [...schemesOf(target['base_url'], endpoint?.url)].flatMap((scheme): Finding[] => {
    const variable = envVariable(env, scheme);
    if (variable === undefined) return [];
    const parsed = parseProxyUrl(variable.value, { schemeOptional: true });
    if (parsed.ok) return [];
    const where = schemeOf(target['base_url']) === scheme || endpoint === undefined ? ['base_url'] : endpoint.where;
    return [
      {
        path: [...path, ...where],
        at: 'value',
        message: `environment variable ${variable.name} (the proxy for ${scheme}:// requests) is not usable: ${parsed.message}; fix it, or set proxy_url or proxy_from_environment: false`,
      },
    ];
  });
}
