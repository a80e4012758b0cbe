/**
 * Validates a parsed web configuration file, the format of Prometheus' exporter-toolkit
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md), into typed
 * settings. Pure: plain data in, settings or findings out. Whether files exist and hold usable
 * certificates is the loader's business.
 */
import path from 'node:path';
import { parseDuration } from '../config/duration.js';
import type { Finding } from '../config/locate.js';
import type { AuthLimits } from './auth-limits.js';
import { clientAuthAliases, ClientAuthTypes, Curves, TlsVersions, type ClientAuthType, type CurveName, type TlsVersionName } from './tls-policy.js';
import { readAuthLimits, readUsers } from './web-config-auth.js';
import { Reader, type Data } from './web-config-reader.js';

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

const keys = {
  '': ['tls_server_config', 'http_server_config', 'basic_auth_users', 'basic_auth_limits', 'rate_limit'],
  tls_server_config: [
    'cert', 'key', 'client_ca', 'cert_file', 'key_file', 'client_auth_type', 'client_ca_file', 'client_allowed_sans',
    'min_version', 'max_version', 'cipher_suites', 'prefer_server_cipher_suites', 'curve_preferences',
  ],
  http_server_config: ['http2', 'headers'],
  rate_limit: ['interval', 'burst'],
} as const;

/** The headers exporter-toolkit lets a file set, with their allowed values (`undefined`: any). */
export const allowedHeaders: Readonly<Record<string, readonly string[] | undefined>> = {
  'Strict-Transport-Security': undefined,
  'X-Content-Type-Options': ['nosniff'],
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-XSS-Protection': undefined,
  'Content-Security-Policy': undefined,
};

/** A PEM given either inline (`name`) or as a file (`name_file`), never both. */
function pemSource(r: Reader, tls: Data, name: string, baseDir: string): PemSource | undefined {
  const base = ['tls_server_config'];
  const inline = r.string([...base, name], tls[name]);
  const file = r.string([...base, `${name}_file`], tls[`${name}_file`]);
  if (inline !== undefined && inline !== '' && file !== undefined && file !== '') {
    return r.problem([...base, name], `set either ${name} or ${name}_file, not both`, 'key');
  }
  if (file !== undefined && file !== '') return { kind: 'file', path: path.resolve(baseDir, file) };
  if (inline !== undefined && inline !== '') return { kind: 'inline', pem: inline };
  return undefined;
}

function readTls(r: Reader, data: unknown, baseDir: string): TlsServerSettings | undefined {
  const p = ['tls_server_config'];
  const tls = r.map(p, data, keys.tls_server_config);
  if (tls === undefined) return undefined;
  const cert = pemSource(r, tls, 'cert', baseDir);
  const key = pemSource(r, tls, 'key', baseDir);
  const clientCa = pemSource(r, tls, 'client_ca', baseDir);
  const authText = r.string([...p, 'client_auth_type'], tls['client_auth_type']);
  const clientAuthType =
    authText === undefined || authText === '' ? 'NoClientCert' : r.oneOf([...p, 'client_auth_type'], authText, ClientAuthTypes, clientAuthAliases);
  const sans = r.strings([...p, 'client_allowed_sans'], tls['client_allowed_sans']);
  const versions = Object.keys(TlsVersions) as TlsVersionName[];
  const minVersion = r.oneOf([...p, 'min_version'], tls['min_version'], versions) ?? 'TLS12';
  const maxVersion = r.oneOf([...p, 'max_version'], tls['max_version'], versions) ?? 'TLS13';
  const curveNames = Object.keys(Curves) as CurveName[];
  const curveList = tls['curve_preferences'];
  const curves = Array.isArray(curveList)
    ? curveList.map((name: unknown, i) => r.oneOf([...p, 'curve_preferences', i], name, curveNames))
    : r.strings([...p, 'curve_preferences'], curveList);
  r.strings([...p, 'cipher_suites'], tls['cipher_suites']);
  const preferServer = r.boolean([...p, 'prefer_server_cipher_suites'], tls['prefer_server_cipher_suites']) ?? true;

  // As in exporter-toolkit, TLS is on as soon as any certificate or client-auth setting is given.
  const enabled = cert !== undefined || key !== undefined || clientCa !== undefined || (authText !== undefined && authText !== '');
  if (!enabled) return undefined;
  // A name given twice was reported by pemSource already.
  const absent = (name: string): boolean => (tls[name] ?? '') === '' && (tls[`${name}_file`] ?? '') === '';
  if (absent('cert')) r.problem(p, 'missing one of cert_file or cert', 'key');
  if (absent('key')) r.problem(p, 'missing one of key_file or key', 'key');
  if (clientCa !== undefined && clientAuthType === 'NoClientCert') {
    const caKey = clientCa.kind === 'file' ? 'client_ca_file' : 'client_ca';
    r.problem([...p, caKey], `${caKey} is set but client_auth_type is NoClientCert; set client_auth_type: RequireAndVerifyClientCert`);
  }
  if (sans !== undefined && clientAuthType !== 'RequireAnyClientCert' && clientAuthType !== 'RequireAndVerifyClientCert') {
    r.problem([...p, 'client_allowed_sans'], 'client_allowed_sans requires client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert');
  }
  const order = Object.keys(TlsVersions);
  if (order.indexOf(minVersion) > order.indexOf(maxVersion)) r.problem([...p, 'min_version'], `min_version ${minVersion} is above max_version ${maxVersion}`);
  if (cert === undefined || key === undefined || clientAuthType === undefined) return undefined;
  const mapped = curves?.map((c) => Curves[c as CurveName]);
  return {
    cert,
    key,
    clientCa,
    clientAuthType,
    clientAllowedSans: sans,
    minVersion,
    maxVersion,
    curves: mapped === undefined || mapped.length === 0 ? undefined : mapped,
    preferServerCipherSuites: preferServer,
  };
}

function readHeaders(r: Reader, data: unknown): Record<string, string> {
  const p = ['http_server_config', 'headers'];
  const headers = r.map(p, data, undefined) ?? {};
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (!(name in allowedHeaders)) {
      r.problem([...p, name], `header "${name}" cannot be set; allowed: ${Object.keys(allowedHeaders).join(', ')}`, 'key');
      continue;
    }
    const value = r.string([...p, name], raw);
    if (value === undefined || value === '') continue;
    const allowed = allowedHeaders[name];
    if (allowed !== undefined && !allowed.includes(value)) {
      r.problem([...p, name], `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      continue;
    }
    out[name] = value;
  }
  return out;
}

function readRateLimit(r: Reader, data: unknown): WebSettings['rateLimit'] {
  const p = ['rate_limit'];
  const limit = r.map(p, data, keys.rate_limit);
  if (limit === undefined) return undefined;
  const text = r.string([...p, 'interval'], limit['interval']) ?? '0';
  const intervalMs = parseDuration(text);
  if (intervalMs === undefined) return r.problem([...p, 'interval'], `expected a duration like 100ms or 1s, got ${JSON.stringify(text)}`);
  const burst = limit['burst'] ?? 0;
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 0) return r.problem([...p, 'burst'], 'expected a whole number of requests');
  if (intervalMs === 0) return undefined;
  if (burst === 0) {
    const at = limit['burst'] === undefined ? p : [...p, 'burst'];
    return r.problem(at, 'burst must be at least 1 when interval is set (0 would refuse every request)', 'key');
  }
  return { intervalMs, burst };
}

/**
 * Reads the plain data of a web configuration file. Relative file names resolve against `baseDir`.
 * Returns the settings, or the findings when there is any problem.
 */
export function validateWebConfig(data: unknown, baseDir: string): { ok: true; settings: WebSettings } | { ok: false; findings: Finding[] } {
  const r = new Reader();
  const root = r.map([], data, keys['']) ?? {};
  const tls = readTls(r, root['tls_server_config'], baseDir);
  const http = r.map(['http_server_config'], root['http_server_config'], keys.http_server_config) ?? {};
  r.boolean(['http_server_config', 'http2'], http['http2']);
  const headers = readHeaders(r, http['headers']);
  const users = readUsers(r, root['basic_auth_users']);
  const authLimits = readAuthLimits(r, root['basic_auth_limits']);
  const rateLimit = readRateLimit(r, root['rate_limit']);
  if (r.findings.length > 0) return { ok: false, findings: r.findings };
  const ignored: { path: string; reason: string }[] = [];
  const tlsData = (root['tls_server_config'] ?? {}) as Data;
  if (Array.isArray(tlsData['cipher_suites']) && tlsData['cipher_suites'].length > 0) {
    ignored.push({ path: 'tls_server_config.cipher_suites', reason: "Go cipher suite names do not apply to Node's OpenSSL; its default suites are used" });
  }
  return { ok: true, settings: { tls, headers, users, authLimits, rateLimit, ignored } };
}
