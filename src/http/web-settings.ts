/**
 * The typed settings of a web configuration file, and their building from the validated file
 * (web-config-schema.ts) once the rules (web-config-rules.ts) found nothing. Pure.
 */
import path from 'node:path';
import type { AuthLimits } from './auth-limits.js';
import { Curves, type ClientAuthType, type CurveName, type TlsVersionName } from './tls-policy.js';
import { pemGiven, tlsEnabled, type PemName } from './web-config-rules.js';
import type { TlsServerConfigFile, WebConfigFile } from './web-config-schema.js';

/** PEM text given inline, or a file (absolute path) read when the TLS context is built. */
export type PemSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'inline'; readonly pem: string };

export interface TlsServerSettings {
  readonly cert: PemSource;
  readonly key: PemSource;
  readonly clientCa: PemSource | undefined;
  readonly clientAuthType: ClientAuthType;
  readonly clientAllowedSans: readonly string[] | undefined;
  readonly minVersion: TlsVersionName;
  readonly maxVersion: TlsVersionName;
  /** OpenSSL curve names, in preference order; `undefined` for Node's defaults. */
  readonly curves: readonly string[] | undefined;
  readonly preferServerCipherSuites: boolean;
}

export interface WebSettings {
  /** Absent: plain HTTP. */
  readonly tls: TlsServerSettings | undefined;
  /** Extra response headers, blank ones left out. */
  readonly headers: Readonly<Record<string, string>>;
  /** User name → bcrypt hash. Empty: no basic authentication. */
  readonly users: ReadonlyMap<string, string>;
  /** `basic_auth_limits`, this exporter's own section: bounds on bcrypt work. */
  readonly authLimits: AuthLimits;
  readonly rateLimit: { readonly intervalMs: number; readonly burst: number } | undefined;
  /** Keys accepted for compatibility that have no effect here, with the reason. */
  readonly ignored: readonly { readonly path: string; readonly reason: string }[];
}

function pemSource(tls: TlsServerConfigFile, name: PemName, baseDir: string): PemSource | undefined {
  switch (pemGiven(tls, name)) {
    case 'file':
      return { kind: 'file', path: path.resolve(baseDir, tls[`${name}_file`] ?? '') };
    case 'inline':
      return { kind: 'inline', pem: tls[name] ?? '' };
    default:
      return undefined;
  }
}

function buildTls(tls: TlsServerConfigFile | undefined, baseDir: string): TlsServerSettings | undefined {
  if (tls === undefined || !tlsEnabled(tls)) return undefined;
  const cert = pemSource(tls, 'cert', baseDir);
  const key = pemSource(tls, 'key', baseDir);
  // Fail closed: the rules report a missing certificate or key, so this is a bug, never plain HTTP.
  if (cert === undefined || key === undefined) throw new Error('web configuration: TLS is on without a certificate and key');
  const curves = tls.curve_preferences?.map((c: CurveName) => Curves[c]);
  return {
    cert,
    key,
    clientCa: pemSource(tls, 'client_ca', baseDir),
    clientAuthType: tls.client_auth_type ?? 'NoClientCert',
    clientAllowedSans: tls.client_allowed_sans,
    minVersion: tls.min_version ?? 'TLS12',
    maxVersion: tls.max_version ?? 'TLS13',
    curves: curves === undefined || curves.length === 0 ? undefined : curves,
    preferServerCipherSuites: tls.prefer_server_cipher_suites ?? true,
  };
}

/** The settings of a validated file; relative file names resolve against `baseDir`. */
export function buildWebSettings(file: WebConfigFile, baseDir: string): WebSettings {
  const tls = file.tls_server_config;
  const ignored: { path: string; reason: string }[] = [];
  if ((tls?.cipher_suites?.length ?? 0) > 0) {
    ignored.push({ path: 'tls_server_config.cipher_suites', reason: "Go cipher suite names do not apply to Node's OpenSSL; its default suites are used" });
  }
  return {
    tls: buildTls(tls, baseDir),
    headers: file.http_server_config?.headers ?? {},
    users: file.basic_auth_users,
    authLimits: file.basic_auth_limits,
    rateLimit: file.rate_limit,
    ignored,
  };
}
