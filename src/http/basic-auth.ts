/**
 * HTTP basic authentication against bcrypt hashes, as exporter-toolkit does it: a bcrypt comparison
 * costs tens of milliseconds, so successful verifications are remembered in a small bounded cache and a
 * scrape every few seconds costs a hash lookup, not a bcrypt run.
 * https://github.com/prometheus/exporter-toolkit/blob/master/web/handler.go
 *
 * Wrong passwords cannot be cached, so their cost is bounded instead (issue 12): comparisons run on
 * worker threads (bcrypt-pool.ts), at most `maxPendingChecks` at once, and each client address has a
 * failure budget (failure-budget.ts). The cache is looked at first, so a known scraper is never refused.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { defaultAuthLimits, type AuthLimits } from './auth-limits.js';
import { createBcryptPool } from './bcrypt-pool.js';
import { createFailureBudget } from './failure-budget.js';

/** `$2a$`, `$2b$` or `$2y$` (htpasswd's), a two-digit cost of 4 to 31, 22 salt and 31 hash characters. */
export function isBcryptHash(text: string): boolean {
  const match = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(text);
  const cost = Number(match?.[1]);
  return match !== null && cost >= 4 && cost <= 31;
}

/** The user and password of an `Authorization: Basic ...` header, or `undefined` when there is none. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The cost of a bcrypt hash (`$2b$10$...` → 10). */
export function bcryptCost(hash: string): number {
  return Number(hash.slice(4, 6));
}

// Salt and hash of a password nobody knows, compared against for unknown users so that the response time
// does not tell which user names exist (exporter-toolkit does the same). Its cost is set per user table.
const decoyTail = 'z.8MobT3cOR5JFaJ2N6yZOjwbxKe.e/Fgk1KEFgGs1NhAbBEDjHgO';

export interface VerifierOptions {
  /** How many verified user/hash pairs to remember (default 100); the least recently used goes first. */
  readonly cacheSize?: number;
  /** The bcrypt comparison; a worker-thread pool by default. Tests count calls through it. */
  readonly compare?: (password: string, hash: string) => Promise<boolean>;
  /** Milliseconds, for the failure budgets; `Date.now` by default. */
  readonly now?: () => number;
}

/** What a login attempt gets: in, refused (401), or refused without a check because of a limit (429). */
export type AuthOutcome = { readonly kind: 'ok' } | { readonly kind: 'denied' } | { readonly kind: 'throttled'; readonly reason: 'client' | 'busy'; readonly retryAfterSeconds: number };

export interface LoginAttempt {
  readonly users: ReadonlyMap<string, string>;
  readonly user: string;
  readonly password: string;
  /** The remote address, whose failure budget is charged. */
  readonly client: string;
  readonly limits?: AuthLimits;
}

export interface BasicAuthVerifier {
  verify(attempt: LoginAttempt): Promise<AuthOutcome>;
  /** Number of cached verifications (for tests). */
  readonly size: number;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * A verifier with a bounded cache of successful verifications. The cache is keyed by user and hash (so
 * a changed hash is verified afresh) and holds a keyed digest of the password, never the password; the
 * digests are compared in constant time. Failures are never cached. Concurrent first verifications of
 * the same credentials share one bcrypt run.
 */
export function createBasicAuthVerifier(options: VerifierOptions = {}): BasicAuthVerifier {
  const limit = options.cacheSize ?? 100;
  const pool = options.compare === undefined ? createBcryptPool() : undefined;
  const compare = options.compare ?? ((password: string, hash: string) => (pool as NonNullable<typeof pool>).compare(password, hash));
  const now = options.now ?? Date.now;
  const key = randomBytes(32);
  const digest = (...parts: string[]): Buffer => {
    const mac = createHmac('sha256', key);
    for (const part of parts) mac.update(`${Buffer.byteLength(part)}:${part}`);
    return mac.digest();
  };
  const verified = new Map<string, Buffer>();
  const inFlight = new Map<string, Promise<boolean>>();
  const budget = createFailureBudget();
  let pending = 0;
  // The users' costs, one per user, computed once per loaded user table.
  const costsOf = new WeakMap<ReadonlyMap<string, string>, readonly number[]>();

  /**
   * The decoy for an unknown `user`: the cost of one of the configured users, picked by a keyed digest of
   * the name, so that an unknown name costs what some real user costs (the same one every time) and the
   * spread of times over many names is the spread of the user table.
   */
  const decoyFor = (users: ReadonlyMap<string, string>, user: string): string => {
    let costs = costsOf.get(users);
    if (costs === undefined) costsOf.set(users, (costs = [...users.values()].map(bcryptCost)));
    const cost = costs[digest('decoy', user).readUInt32BE(0) % Math.max(1, costs.length)] ?? 10;
    return `$2b$${String(cost).padStart(2, '0')}$${decoyTail}`;
  };

  const remember = (slot: string, passwordDigest: Buffer): void => {
    verified.delete(slot);
    verified.set(slot, passwordDigest);
    // Map iteration follows insertion order: the first key is the least recently used.
    while (verified.size > limit) verified.delete(verified.keys().next().value as string);
  };

  return {
    get size() {
      return verified.size;
    },
    close: async () => pool?.close(),
    async verify({ users, user, password, client, limits = defaultAuthLimits }) {
      const hash = users.get(user);
      const against = hash ?? decoyFor(users, user);
      const slot = digest(user, against).toString('hex');
      const passwordDigest = digest(slot, password);
      const cached = verified.get(slot);
      if (hash !== undefined && cached !== undefined && timingSafeEqual(cached, passwordDigest)) {
        remember(slot, cached);
        return { kind: 'ok' };
      }
      const flight = `${slot}:${passwordDigest.toString('hex')}`;
      let running = inFlight.get(flight);
      if (running === undefined) {
        const budgetLimits = { burst: limits.clientFailureBurst, intervalMs: limits.clientFailureIntervalMs, maxClients: limits.maxTrackedClients };
        if (!budget.take(client, now(), budgetLimits)) return { kind: 'throttled', reason: 'client', retryAfterSeconds: Math.ceil(limits.clientFailureIntervalMs / 1000) };
        if (pending >= limits.maxPendingChecks) {
          budget.refund(client, budgetLimits);
          return { kind: 'throttled', reason: 'busy', retryAfterSeconds: 1 };
        }
        pool?.resize(limits.workers);
        pending++;
        running = compare(password, against)
          .catch(() => false)
          .then((ok) => {
            if (ok && hash !== undefined) budget.refund(client, budgetLimits);
            return ok;
          });
        inFlight.set(flight, running);
        void running.finally(() => {
          pending--;
          inFlight.delete(flight);
        });
      }
      const ok = (await running) && hash !== undefined;
      if (ok) remember(slot, passwordDigest);
      return ok ? { kind: 'ok' } : { kind: 'denied' };
    },
  };
}
