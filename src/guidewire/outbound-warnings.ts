/**
 * Risky but valid outbound settings, worded for a warning at start. Pure: the caller logs them.
 */
import { authEndpoint } from '../config/auth-kinds.js';
import type { TargetConfig } from '../config/types.js';
import { isLoopbackHost } from './proxy.js';

const plainHttpOffLoopback = (url: string): boolean => {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
};

/**
 * One line per risky setting of `target`: certificate verification off, and credentials that would
 * travel over plain `http://` to a host other than the local machine (the API with any auth, an auth
 * kind's own endpoint such as OAuth2's token endpoint). Empty when there is nothing to warn about. Never contains a secret.
 */
export function outboundWarnings(target: TargetConfig): string[] {
  const warnings: string[] = [];
  const prefix = `target ${target.name}`;
  if (target.tls.insecureSkipVerify) {
    warnings.push(`${prefix}: insecure_skip_verify is on: the Guidewire server's certificate is not verified`);
  }
  if (target.auth.kind !== 'none' && plainHttpOffLoopback(target.baseUrl)) {
    warnings.push(`${prefix}: base_url uses plain http: credentials travel unencrypted`);
  }
  const endpoint = authEndpoint(target.auth);
  if (endpoint !== undefined && plainHttpOffLoopback(endpoint.url)) {
    warnings.push(`${prefix}: ${endpoint.path} uses plain http: ${endpoint.carries} travels unencrypted`);
  }
  return warnings;
}
