/**
 * The basic-authentication part of the web configuration schema: `basic_auth_users` (exporter-toolkit's)
 * and `basic_auth_limits` (this exporter's own bounds on bcrypt work, see auth-limits.ts).
 */
import * as z from 'zod';
import { defaultAuthLimits, type AuthLimits } from './auth-limits.js';
import { isBcryptHash } from './basic-auth.js';
import { durationMs, invalid, kind, optional, wholeNumber } from './web-config-leaves.js';

// Never echo the value: it is a password hash.
const bcryptHash = z.unknown().transform((hash, ctx): string => {
  if (typeof hash !== 'string') return invalid(ctx, `expected a bcrypt hash, got ${kind(hash)}`);
  if (isBcryptHash(hash)) return hash;
  return invalid(ctx, `expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 4 to 31); make one with: htpasswd -nBC 10 "" | tr -d ':\\n'`);
});

/** `basic_auth_users`: user name → bcrypt hash. */
export const basicAuthUsers = optional(z.record(z.string(), bcryptHash)).transform(
  (users): ReadonlyMap<string, string> => new Map(Object.entries(users ?? {})),
);

/** The keys of `basic_auth_limits`, each optional. */
export const basicAuthLimitsShape = z.strictObject({
  workers: optional(wholeNumber(1, 64)),
  max_pending_checks: optional(wholeNumber(1, 100_000)),
  client_failure_burst: optional(wholeNumber(1, 100_000)),
  client_failure_interval: optional(durationMs('expected a duration like 10s or 1m (0 turns the budget off)')),
  max_tracked_clients: optional(wholeNumber(1, 10_000_000)),
});

/** `basic_auth_limits`, the defaults of auth-limits.ts for what is left out. */
export const basicAuthLimits = optional(basicAuthLimitsShape).transform(
  (limits): AuthLimits => ({
    workers: limits?.workers ?? defaultAuthLimits.workers,
    maxPendingChecks: limits?.max_pending_checks ?? defaultAuthLimits.maxPendingChecks,
    clientFailureBurst: limits?.client_failure_burst ?? defaultAuthLimits.clientFailureBurst,
    clientFailureIntervalMs: limits?.client_failure_interval ?? defaultAuthLimits.clientFailureIntervalMs,
    maxTrackedClients: limits?.max_tracked_clients ?? defaultAuthLimits.maxTrackedClients,
  }),
);
