/**
 * Rules across fields that the schema cannot express without hiding other problems: exactly one auth
 * block, a secret xor its `_file`, cert and key together, unique target names, and the list of files to
 * check. They run on the raw document data whether or not the schema accepted it. Pure.
 */
import { authBlocks, fileKeys, secretPairs } from './schema.js';
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

/** Conflicting and missing alternatives: auth blocks, secret xor file, cert with key. */
export function crossFieldFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const { target, path } of targetsOf(data)) {
    findings.push(...exclusive(target, path, authBlocks, 'configure at most one authentication method'));
    for (const block of authBlocks) {
      const auth = target[block];
      if (!isPlain(auth)) continue;
      const pair = secretPairs[block];
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
