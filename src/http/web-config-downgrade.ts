/**
 * Which protections a live change of the web configuration would switch off. Config management tools
 * often truncate a file before writing it, so an empty or half-written file must not turn a protected
 * exporter into an open one: such a change is refused until the exporter is restarted (issue 12). Pure.
 */
import { clientCertPolicy } from './tls-policy.js';
import type { WebSettings } from './web-settings.js';

/** What `next` would remove compared with `running`, in words for the log; empty when nothing. */
export function securityDowngrades(running: WebSettings, next: WebSettings): string[] {
  const removed: string[] = [];
  if (running.users.size > 0 && next.users.size === 0) removed.push('basic authentication (no basic_auth_users left)');
  const before = running.tls;
  const after = next.tls;
  if (before === undefined) return removed;
  if (after === undefined) return [...removed, 'TLS (tls_server_config removed)'];
  const was = clientCertPolicy(before.clientAuthType);
  const is = clientCertPolicy(after.clientAuthType);
  if (was.requireCert && !is.requireCert) removed.push(`the client certificate requirement (client_auth_type ${before.clientAuthType} → ${after.clientAuthType})`);
  if (was.verifyGiven && !is.verifyGiven) removed.push(`client certificate verification (client_auth_type ${before.clientAuthType} → ${after.clientAuthType})`);
  if (before.clientAllowedSans !== undefined && after.clientAllowedSans === undefined) removed.push('the client_allowed_sans restriction');
  return removed;
}
