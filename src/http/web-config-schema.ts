/**
 * The shape of the web configuration file, the format of Prometheus' exporter-toolkit
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md) plus this
 * exporter's `basic_auth_limits`, as zod schemas over the parsed document. Leaf values are converted
 * here; the TLS rules that relate keys to each other are in web-config-rules.ts, because zod skips an
 * object's refinements once one of its fields is invalid and every problem should be reported at once.
 */
import * as z from 'zod';
import type { KnownKeys } from '../config/issues.js';
import { clientAuthAliases, ClientAuthTypes, Curves, TlsVersions, type ClientAuthType, type CurveName, type TlsVersionName } from './tls-policy.js';
import { basicAuthLimits, basicAuthLimitsShape, basicAuthUsers } from './web-config-auth.js';
import { durationMs, invalid, kind, oneOf, optional, report, wholeNumber } from './web-config-leaves.js';

/** The headers exporter-toolkit lets a file set, with their allowed values (`undefined`: any). */
export const allowedHeaders: Readonly<Record<string, readonly string[] | undefined>> = {
  'Strict-Transport-Security': undefined,
  'X-Content-Type-Options': ['nosniff'],
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-XSS-Protection': undefined,
  'Content-Security-Policy': undefined,
};

/** `client_auth_type`; an empty one is not given (NoClientCert, and TLS not switched on by it). */
const clientAuthType = z.string().transform((text, ctx): ClientAuthType | undefined => {
  if (text === '') return undefined;
  if ((ClientAuthTypes as readonly string[]).includes(text)) return text as ClientAuthType;
  return clientAuthAliases[text] ?? invalid(ctx, `expected one of ${ClientAuthTypes.join(', ')}`, { showValue: true });
});

const tlsVersion = oneOf(Object.keys(TlsVersions) as TlsVersionName[]);

export const tlsServerConfigShape = z.strictObject({
  cert: optional(z.string()),
  key: optional(z.string()),
  client_ca: optional(z.string()),
  cert_file: optional(z.string()),
  key_file: optional(z.string()),
  client_ca_file: optional(z.string()),
  client_auth_type: optional(clientAuthType),
  client_allowed_sans: optional(z.array(z.string())),
  min_version: optional(tlsVersion),
  max_version: optional(tlsVersion),
  cipher_suites: optional(z.array(z.string())),
  prefer_server_cipher_suites: optional(z.boolean()),
  curve_preferences: optional(z.array(oneOf(Object.keys(Curves) as CurveName[]))),
});
export type TlsServerConfigFile = z.output<typeof tlsServerConfigShape>;

/** `headers`: only the allowed names, blank values left out, in the file's order. */
const headers = z.record(z.string(), z.unknown()).transform((map, ctx): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map)) {
    if (!Object.hasOwn(allowedHeaders, name)) {
      report(ctx, `header "${name}" cannot be set; allowed: ${Object.keys(allowedHeaders).join(', ')}`, { at: 'key', path: [name] });
      continue;
    }
    if (value === null || value === '') continue;
    if (typeof value !== 'string') {
      report(ctx, `expected a string, got ${kind(value)}`, { path: [name] });
      continue;
    }
    const allowed = allowedHeaders[name];
    if (allowed === undefined || allowed.includes(value)) out[name] = value;
    else report(ctx, `expected one of ${allowed.join(', ')}`, { showValue: true, path: [name] });
  }
  return out;
});

export const httpServerConfigShape = z.strictObject({
  // Accepted for compatibility; the exporter serves HTTP/1.1.
  http2: optional(z.boolean()),
  headers: optional(headers),
});

export const rateLimitShape = z.strictObject({
  interval: optional(durationMs('expected a duration like 100ms or 1s')),
  burst: optional(wholeNumber(0, Number.MAX_SAFE_INTEGER, 'expected a whole number of requests')),
});

/** `rate_limit`: a token bucket, or `undefined` when the interval is 0 (the default: off). */
const rateLimit = optional(rateLimitShape).transform((limit, ctx): { intervalMs: number; burst: number } | undefined => {
  const intervalMs = limit?.interval ?? 0;
  if (intervalMs === 0) return undefined;
  const burst = limit?.burst ?? 0;
  if (burst > 0) return { intervalMs, burst };
  const message = 'burst must be at least 1 when interval is set (0 would refuse every request)';
  return invalid(ctx, message, { at: 'key', ...(limit?.burst === undefined ? {} : { path: ['burst'] }) });
});

export const webConfigSchema = z.strictObject({
  tls_server_config: optional(tlsServerConfigShape),
  http_server_config: optional(httpServerConfigShape),
  basic_auth_users: basicAuthUsers,
  basic_auth_limits: basicAuthLimits,
  rate_limit: rateLimit,
});
export type WebConfigFile = z.output<typeof webConfigSchema>;

/** The keys of each section, for the "did you mean" hint on an unknown key. */
export const webKnownKeys: KnownKeys = {
  '': Object.keys(webConfigSchema.shape),
  tls_server_config: Object.keys(tlsServerConfigShape.shape),
  http_server_config: Object.keys(httpServerConfigShape.shape),
  rate_limit: Object.keys(rateLimitShape.shape),
  basic_auth_limits: Object.keys(basicAuthLimitsShape.shape),
};
