/**
 * The rules of `tls_server_config` that relate its keys to each other: a certificate given twice, TLS on
 * without a certificate or key, a client CA or SAN list that the client_auth_type ignores, versions the
 * wrong way round. They read the plain data, not zod's output, so that they are reported together with
 * any invalid field (zod would skip them). A value that is itself invalid is left to the schema. Pure.
 */
import { valueAt } from '../config/issues.js';
import type { Finding } from '../config/locate.js';
import { clientAuthAliases, ClientAuthTypes, TlsVersions, type ClientAuthType } from './tls-policy.js';

type Data = Readonly<Record<string, unknown>>;
export type PemName = 'cert' | 'key' | 'client_ca';

const given = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** How a PEM is given: as `name` (inline text), as `name_file`, both (an error), or not at all. */
export function pemGiven(tls: Data, name: PemName): 'inline' | 'file' | 'both' | undefined {
  const inline = given(tls[name]);
  const file = given(tls[`${name}_file`]);
  return inline && file ? 'both' : inline ? 'inline' : file ? 'file' : undefined;
}

/** As in exporter-toolkit, TLS is on as soon as any certificate or client-auth setting is given. */
export function tlsEnabled(tls: Data): boolean {
  const once = (name: PemName): boolean => pemGiven(tls, name) === 'inline' || pemGiven(tls, name) === 'file';
  return once('cert') || once('key') || once('client_ca') || given(tls['client_auth_type']);
}

/** The `client_auth_type` in force; `undefined` when the value is invalid (the schema reports it). */
function clientAuthTypeOf(value: unknown): ClientAuthType | undefined {
  if (value === undefined || value === null || value === '') return 'NoClientCert';
  if (typeof value !== 'string') return undefined;
  return (ClientAuthTypes as readonly string[]).includes(value) ? (value as ClientAuthType) : clientAuthAliases[value];
}

/** The position of a TLS version in `TlsVersions`, its default when absent, `undefined` when invalid. */
function versionRank(value: unknown, fallback: keyof typeof TlsVersions): number | undefined {
  const rank = Object.keys(TlsVersions).indexOf(typeof value === 'string' ? value : value === undefined || value === null ? fallback : '');
  return rank < 0 ? undefined : rank;
}

/** The findings of the cross-key rules of `tls_server_config` in the plain `data` of the file. */
export function tlsRuleFindings(data: unknown): Finding[] {
  const raw = valueAt(data, ['tls_server_config']);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const tls = raw as Data;
  const p = ['tls_server_config'];
  const findings: Finding[] = [];
  for (const name of ['cert', 'key', 'client_ca'] as const) {
    if (pemGiven(tls, name) === 'both') findings.push({ path: [...p, name], at: 'key', message: `set either ${name} or ${name}_file, not both` });
  }
  if (!tlsEnabled(tls)) return findings;
  // A certificate given twice was reported above.
  const absent = (name: PemName): boolean => (tls[name] ?? '') === '' && (tls[`${name}_file`] ?? '') === '';
  if (absent('cert')) findings.push({ path: p, at: 'key', message: 'missing one of cert_file or cert' });
  if (absent('key')) findings.push({ path: p, at: 'key', message: 'missing one of key_file or key' });

  const authType = clientAuthTypeOf(tls['client_auth_type']);
  const ca = pemGiven(tls, 'client_ca');
  if ((ca === 'inline' || ca === 'file') && authType === 'NoClientCert') {
    const caKey = ca === 'file' ? 'client_ca_file' : 'client_ca';
    const message = `${caKey} is set but client_auth_type is NoClientCert; set client_auth_type: RequireAndVerifyClientCert`;
    findings.push({ path: [...p, caKey], at: 'value', message });
  }
  if (Array.isArray(tls['client_allowed_sans']) && authType !== 'RequireAnyClientCert' && authType !== 'RequireAndVerifyClientCert') {
    const message = 'client_allowed_sans requires client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert';
    findings.push({ path: [...p, 'client_allowed_sans'], at: 'value', message });
  }
  const min = versionRank(tls['min_version'], 'TLS12');
  const max = versionRank(tls['max_version'], 'TLS13');
  if (min !== undefined && max !== undefined && min > max) {
    const names = Object.keys(TlsVersions);
    findings.push({ path: [...p, 'min_version'], at: 'value', message: `min_version ${names[min]} is above max_version ${names[max]}` });
  }
  return findings;
}
