/**
 * Resolves a `SecretRef` to its value at the moment of use, so rotated secret files are picked up.
 */
import { readFile } from 'node:fs/promises';
import { AuthError } from '../errors.js';
import type { SecretRef } from './secret-ref.js';

/**
 * Returns the inline value, or the file's content with surrounding whitespace trimmed (as Prometheus
 * does for `password_file` and friends). The file is read on every call. A failed read throws an
 * `AuthError` naming the file (never its content) with the fs error as `cause`.
 */
export async function readSecret(ref: SecretRef): Promise<string> {
  if (ref.kind === 'inline') return ref.value;
  try {
    return (await readFile(ref.path, 'utf8')).trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AuthError(ref.path, `cannot read secret file (${code})`, { cause: err, secretFile: true });
  }
}
