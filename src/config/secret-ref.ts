/**
 * A secret as the configuration holds it: inline or by file, never resolved at load time (files are re-read
 * on use, see `secret.ts`), and how a dump or a summary shows it without showing it. Pure.
 */
import path from 'node:path';

/** A secret given inline or by file. Files are re-read on use so rotated secrets are picked up. */
export type SecretRef =
  | { readonly kind: 'inline'; readonly value: string }
  | { readonly kind: 'file'; readonly path: string };

/** The reference for a block with `inline` or `file` (relative to `baseDir`); the rules require one of them. */
export function secretRef(inline: unknown, file: unknown, baseDir: string): SecretRef {
  if (typeof inline === 'string') return { kind: 'inline', value: inline };
  // rules.ts has already reported a block with neither; this cannot be reached from loadConfigFile.
  if (typeof file !== 'string') throw new Error('secret without value or file');
  return { kind: 'file', path: path.resolve(baseDir, file) };
}

/** A secret under `key` as a dump shows it: the value never (`<secret>`), the file it comes from (`key_file`) yes. */
export const dumpSecret = (key: string, ref: SecretRef): Record<string, string> =>
  ref.kind === 'file' ? { [`${key}_file`]: ref.path } : { [key]: '<secret>' };

/** Where a secret comes from, as a summary says it: `inline` or `from file /run/secrets/x`. */
export const secretSource = (ref: SecretRef): string => (ref.kind === 'inline' ? 'inline' : `from file ${ref.path}`);
