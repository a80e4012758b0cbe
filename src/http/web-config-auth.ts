/**
 * The basic-authentication part of the web configuration: `basic_auth_users` (exporter-toolkit's) and
 * `basic_auth_limits` (this exporter's own bounds on bcrypt work, see auth-limits.ts). Pure.
 */
import { parseDuration } from '../config/duration.js';
import { defaultAuthLimits, type AuthLimits } from './auth-limits.js';
import { isBcryptHash } from './basic-auth.js';
import { kind, type Reader } from './web-config-reader.js';

export function readUsers(r: Reader, data: unknown): Map<string, string> {
  const p = ['basic_auth_users'];
  const users = r.map(p, data, undefined) ?? {};
  const out = new Map<string, string>();
  for (const [name, hash] of Object.entries(users)) {
    // Never echo the value: it is a password hash.
    if (typeof hash !== 'string') r.problem([...p, name], `expected a bcrypt hash, got ${kind(hash)}`);
    else if (!isBcryptHash(hash)) {
      r.problem([...p, name], `expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 4 to 31); make one with: htpasswd -nBC 10 "" | tr -d ':\\n'`);
    } else out.set(name, hash);
  }
  return out;
}

const limitKeys = ['workers', 'max_pending_checks', 'client_failure_burst', 'client_failure_interval', 'max_tracked_clients'] as const;

/** `basic_auth_limits`, every key optional, the defaults of auth-limits.ts for the rest. */
export function readAuthLimits(r: Reader, data: unknown): AuthLimits {
  const p = ['basic_auth_limits'];
  const limits = r.map(p, data, limitKeys) ?? {};
  const count = (key: (typeof limitKeys)[number], fallback: number, max: number): number => {
    const value = limits[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
    return r.problem([...p, key], `expected a whole number from 1 to ${max}, got ${JSON.stringify(value)}`) ?? fallback;
  };
  const intervalText = r.string([...p, 'client_failure_interval'], limits['client_failure_interval']);
  const intervalMs = intervalText === undefined ? defaultAuthLimits.clientFailureIntervalMs : parseDuration(intervalText);
  if (intervalMs === undefined) r.problem([...p, 'client_failure_interval'], `expected a duration like 10s or 1m (0 turns the budget off), got ${JSON.stringify(intervalText)}`);
  return {
    workers: count('workers', defaultAuthLimits.workers, 64),
    maxPendingChecks: count('max_pending_checks', defaultAuthLimits.maxPendingChecks, 100_000),
    clientFailureBurst: count('client_failure_burst', defaultAuthLimits.clientFailureBurst, 100_000),
    clientFailureIntervalMs: intervalMs ?? defaultAuthLimits.clientFailureIntervalMs,
    maxTrackedClients: count('max_tracked_clients', defaultAuthLimits.maxTrackedClients, 10_000_000),
  };
}
