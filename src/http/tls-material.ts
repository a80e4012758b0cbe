/**
 * Reads the server certificate, key and client CA of `tls_server_config`, checks that they make a
 * usable TLS context, and fingerprints the files' stat data so that rotated files are noticed.
 *
 * Synchronous on purpose: a TLS handshake starts in the same tick as its TCP connection, so a context
 * refreshed for that connection must be ready before the tick ends. The files are small and are read
 * only when their stat data changed.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { clientCertPolicy, TlsVersions } from './tls-policy.js';
import type { PemSource, TlsServerSettings } from './web-settings.js';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  readonly ca: string | undefined;
}

export type PemField = 'cert' | 'key' | 'client_ca';

/** A certificate, key or CA that cannot be read or used. Never carries PEM text. */
export interface MaterialProblem {
  readonly field: PemField;
  /** The key in the file: `cert_file` for a file, `cert` when given inline. */
  readonly key: string;
  readonly message: string;
}

const keyOf = (field: PemField, source: PemSource): string => (source.kind === 'file' ? `${field}_file` : field);

function read(field: PemField, source: PemSource): string | MaterialProblem {
  if (source.kind === 'inline') return source.pem;
  try {
    return readFileSync(source.path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    return { field, key: keyOf(field, source), message: `file "${source.path}" ${reason}` };
  }
}

/** OpenSSL's reason, without the numeric prefix (`error:0480006C:PEM routines::no start line` → `no start line`). */
const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).replace(/^error:[0-9A-F]+:[^:]*:[^:]*:/, '');

/** The files of `tls`, for stat fingerprints; inline PEMs have none. */
export function materialFiles(tls: TlsServerSettings): string[] {
  return [tls.cert, tls.key, tls.clientCa].flatMap((s) => (s?.kind === 'file' ? [s.path] : []));
}

/**
 * Reads and checks the material of `tls`: each PEM parses, the key belongs to the certificate, and a
 * context with the configured versions and curves can be built. Returns every problem found.
 */
export function loadTlsMaterial(tls: TlsServerSettings): { ok: true; material: TlsMaterial } | { ok: false; problems: MaterialProblem[] } {
  const problems: MaterialProblem[] = [];
  const take = (field: PemField, source: PemSource | undefined, parse: (pem: string) => unknown): string | undefined => {
    if (source === undefined) return undefined;
    const pem = read(field, source);
    if (typeof pem !== 'string') return void problems.push(pem);
    try {
      parse(pem);
      return pem;
    } catch (err) {
      const what = field === 'key' ? 'a PEM private key' : 'a PEM certificate';
      return void problems.push({ field, key: keyOf(field, source), message: `not ${what}: ${reasonOf(err)}` });
    }
  };
  const cert = take('cert', tls.cert, (pem) => new X509Certificate(pem));
  const key = take('key', tls.key, (pem) => createPrivateKey(pem));
  const ca = take('client_ca', tls.clientCa, (pem) => new X509Certificate(pem));
  if (cert === undefined || key === undefined || problems.length > 0) return { ok: false, problems };
  const material = { cert, key, ca };
  try {
    createSecureContext(secureContextOptions(tls, material));
  } catch (err) {
    return { ok: false, problems: [{ field: 'key', key: keyOf('key', tls.key), message: `cannot be used with the certificate: ${reasonOf(err)}` }] };
  }
  return { ok: true, material };
}

/** The node:tls server options for `tls` with its `material`. */
export function secureContextOptions(tls: TlsServerSettings, material: TlsMaterial): SecureContextOptions & { requestCert: boolean; rejectUnauthorized: boolean } {
  const policy = clientCertPolicy(tls.clientAuthType);
  return {
    cert: material.cert,
    key: material.key,
    ...(material.ca === undefined ? {} : { ca: material.ca }),
    minVersion: TlsVersions[tls.minVersion],
    maxVersion: TlsVersions[tls.maxVersion],
    honorCipherOrder: tls.preferServerCipherSuites,
    ...(tls.curves === undefined ? {} : { ecdhCurve: tls.curves.join(':') }),
    requestCert: policy.request,
    rejectUnauthorized: policy.rejectInHandshake,
  };
}

/** A fingerprint of the files' stat data (`-` for a missing file): changes when any file is replaced or edited. */
export function statStamp(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        const s = statSync(file, { throwIfNoEntry: false, bigint: true });
        return s === undefined ? '-' : `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      } catch {
        return '?';
      }
    })
    .join('|');
}
