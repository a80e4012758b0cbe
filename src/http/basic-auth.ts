/**
 * HTTP basic authentication against bcrypt hashes, as exporter-toolkit does it: a bcrypt comparison
 * costs tens of milliseconds, so successful verifications are remembered in a small bounded cache and a
 * scrape every few seconds costs a hash lookup, not a bcrypt run.
 * https://github.com/prometheus/exporter-toolkit/blob/master/web/handler.go
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

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

// The hash of a random password nobody kept, compared against for unknown users so that the response time does
// not tell which user names exist (exporter-toolkit does the same).
const decoyHash = '$2b$10$z.8MobT3cOR5JFaJ2N6yZOjwbxKe.e/Fgk1KEFgGs1NhAbBEDjHgO';

export interface VerifierOptions {
  /** How many verified user/hash pairs to remember (default 100); the least recently used goes first. */
  readonly cacheSize?: number;
  /** The bcrypt comparison; bcryptjs by default. Tests count calls through it. */
  readonly compare?: (password: string, hash: string) => Promise<boolean>;
}

export interface BasicAuthVerifier {
  /** True when `user` is in `users` and `password` matches its hash. */
  verify(users: ReadonlyMap<string, string>, user: string, password: string): Promise<boolean>;
  /** Number of cached verifications (for tests). */
  readonly size: number;
}

/**
 * A verifier with a bounded cache of successful verifications. The cache is keyed by user and hash (so
 * a changed hash is verified afresh) and holds a keyed digest of the password, never the password; the
 * digests are compared in constant time. Failures are never cached. Concurrent first verifications of
 * the same credentials share one bcrypt run.
 */
export function createBasicAuthVerifier(options: VerifierOptions = {}): BasicAuthVerifier {
  const limit = options.cacheSize ?? 100;
  const compare = options.compare ?? ((password: string, hash: string) => bcrypt.compare(password, hash.replace(/^\$2y\$/, '$2b$')));
  const key = randomBytes(32);
  const digest = (...parts: string[]): Buffer => {
    const mac = createHmac('sha256', key);
    for (const part of parts) mac.update(`${Buffer.byteLength(part)}:${part}`);
    return mac.digest();
  };
  const verified = new Map<string, Buffer>();
  const inFlight = new Map<string, Promise<boolean>>();

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
    async verify(users, user, password) {
      const hash = users.get(user);
      const slot = digest(user, hash ?? decoyHash).toString('hex');
      const passwordDigest = digest(slot, password);
      const cached = verified.get(slot);
      if (hash !== undefined && cached !== undefined && timingSafeEqual(cached, passwordDigest)) {
        remember(slot, cached);
        return true;
      }
      const flight = `${slot}:${passwordDigest.toString('hex')}`;
      let pending = inFlight.get(flight);
      if (pending === undefined) {
        pending = compare(password, hash ?? decoyHash).catch(() => false);
        inFlight.set(flight, pending);
        void pending.finally(() => inFlight.delete(flight));
      }
      const ok = (await pending) && hash !== undefined;
      if (ok) remember(slot, passwordDigest);
      return ok;
    },
  };
}
