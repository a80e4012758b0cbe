/**
 * The bounds on basic-authentication work, set in the web configuration's `basic_auth_limits` (this
 * exporter's own section; exporter-toolkit has none). Why each default: docs/security.md.
 */
export interface AuthLimits {
  /** Worker threads running bcrypt comparisons; the main thread never runs one. */
  readonly workers: number;
  /** bcrypt checks running or waiting at once; beyond it a login is answered 429 at once. */
  readonly maxPendingChecks: number;
  /** Failed logins a client address may have in a row before it is answered 429 without a check. */
  readonly clientFailureBurst: number;
  /** One more failed login is allowed per interval; 0 turns the per-client budget off. */
  readonly clientFailureIntervalMs: number;
  /** Client addresses whose budget is remembered. */
  readonly maxTrackedClients: number;
}

export const defaultAuthLimits: AuthLimits = Object.freeze({
  workers: 1,
  maxPendingChecks: 16,
  clientFailureBurst: 10,
  clientFailureIntervalMs: 10_000,
  maxTrackedClients: 10_000,
});
