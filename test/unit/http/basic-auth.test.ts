import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { bcryptCost, createBasicAuthVerifier, isBcryptHash, parseBasicAuth, type BasicAuthVerifier } from '../../../src/http/basic-auth.js';

const aliceHash = bcrypt.hashSync('alice-pw', 4);
const users = new Map([['alice', aliceHash]]);

/** True when the verifier lets `user` in with `password`. */
async function ok(verifier: BasicAuthVerifier, table: ReadonlyMap<string, string>, user: string, password: string): Promise<boolean> {
  return (await verifier.verify({ users: table, user, password, client: '127.0.0.1' })).kind === 'ok';
}

/** A verifier whose bcrypt comparisons are counted. */
function counting(cacheSize?: number) {
  let calls = 0;
  const verifier = createBasicAuthVerifier({
    ...(cacheSize === undefined ? {} : { cacheSize }),
    compare: (password, hash) => {
      calls++;
      return bcrypt.compare(password, hash.replace(/^\$2y\$/, '$2b$'));
    },
  });
  return { verifier, calls: () => calls };
}

describe('parseBasicAuth', () => {
  it('reads user and password; the password may contain colons', () => {
    expect(parseBasicAuth(`Basic ${Buffer.from('alice:pa:ss').toString('base64')}`)).toEqual({ user: 'alice', password: 'pa:ss' });
    expect(parseBasicAuth(`basic ${Buffer.from('bob:').toString('base64')}`)).toEqual({ user: 'bob', password: '' });
  });

  it.each([undefined, '', 'Bearer abc', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Basic !!'])('ignores %j', (header) => {
    expect(parseBasicAuth(header)).toBeUndefined();
  });
});

describe('isBcryptHash', () => {
  it('accepts htpasswd and bcryptjs hashes', () => {
    expect(isBcryptHash('$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG')).toBe(true);
    expect(isBcryptHash(aliceHash)).toBe(true);
  });

  it.each(['plain', '$2y$03$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG', '$2y$10$short', '$1$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG'])(
    'rejects %s',
    (text) => expect(isBcryptHash(text)).toBe(false),
  );
});

describe('createBasicAuthVerifier', () => {
  it('runs bcrypt once per user and password, then answers from the cache', async () => {
    const { verifier, calls } = counting();
    expect(await ok(verifier, users, 'alice', 'alice-pw')).toBe(true);
    expect(await ok(verifier, users, 'alice', 'alice-pw')).toBe(true);
    expect(await ok(verifier, users, 'alice', 'alice-pw')).toBe(true);
    expect(calls()).toBe(1);
  });

  it('never caches a failure, and a cached password does not let another one in', async () => {
    const { verifier, calls } = counting();
    await ok(verifier, users, 'alice', 'alice-pw');
    expect(await ok(verifier, users, 'alice', 'wrong')).toBe(false);
    expect(await ok(verifier, users, 'alice', 'wrong')).toBe(false);
    expect(calls()).toBe(3);
  });

  it('still runs bcrypt for unknown users (timing), and refuses them', async () => {
    const { verifier, calls } = counting();
    expect(await ok(verifier, users, 'mallory', 'alice-pw')).toBe(false);
    expect(calls()).toBe(1);
  });

  it('verifies afresh when the hash of a user changes', async () => {
    const { verifier, calls } = counting();
    await ok(verifier, users, 'alice', 'alice-pw');
    const changed = new Map([['alice', bcrypt.hashSync('new-pw', 4)]]);
    expect(await ok(verifier, changed, 'alice', 'alice-pw')).toBe(false);
    expect(await ok(verifier, changed, 'alice', 'new-pw')).toBe(true);
    expect(calls()).toBe(3);
  });

  it('shares one bcrypt run between concurrent first requests', async () => {
    const { verifier, calls } = counting();
    const results = await Promise.all(Array.from({ length: 5 }, () => ok(verifier, users, 'alice', 'alice-pw')));
    expect(results).toEqual([true, true, true, true, true]);
    expect(calls()).toBe(1);
  });

  it('is bounded, evicting the least recently used', async () => {
    const many = new Map(['a', 'b', 'c'].map((u) => [u, bcrypt.hashSync(`${u}-pw`, 4)]));
    const { verifier, calls } = counting(2);
    await ok(verifier, many, 'a', 'a-pw');
    await ok(verifier, many, 'b', 'b-pw');
    await ok(verifier, many, 'a', 'a-pw'); // a is now the most recent
    await ok(verifier, many, 'c', 'c-pw'); // evicts b
    expect(verifier.size).toBe(2);
    expect(calls()).toBe(3);
    await ok(verifier, many, 'a', 'a-pw');
    expect(calls()).toBe(3);
    await ok(verifier, many, 'b', 'b-pw');
    expect(calls()).toBe(4);
  });
});

describe('bounds on wrong passwords (issue 12 item 3)', () => {
  const limits = { workers: 1, maxPendingChecks: 16, clientFailureBurst: 3, clientFailureIntervalMs: 10_000, maxTrackedClients: 100 };

  it('refuses a client that spent its failure budget without running bcrypt, but lets a cached user and other clients in', async () => {
    let clock = 0;
    let calls = 0;
    const verifier = createBasicAuthVerifier({ now: () => clock, compare: (password, hash) => (calls++, bcrypt.compare(password, hash)) });
    const attempt = (password: string, client: string, user = 'alice') => verifier.verify({ users, user, password, client, limits });
    expect((await attempt('alice-pw', '10.0.0.1')).kind).toBe('ok');
    for (let i = 0; i < 3; i++) expect((await attempt(`wrong-${i}`, '10.0.0.9', i === 1 ? 'mallory' : 'alice')).kind).toBe('denied');
    expect(calls).toBe(4);
    for (let i = 0; i < 5; i++) expect(await attempt(`wrong-${i}`, '10.0.0.9')).toEqual({ kind: 'throttled', reason: 'client', retryAfterSeconds: 10 });
    expect(calls).toBe(4);
    // The cache is looked at first: the known password gets in even from the refused address.
    expect((await attempt('alice-pw', '10.0.0.9')).kind).toBe('ok');
    expect((await attempt('wrong', '10.0.0.2')).kind).toBe('denied');
    expect(calls).toBe(5);
    // One more failure per interval.
    clock += 10_000;
    expect((await attempt('wrong', '10.0.0.9')).kind).toBe('denied');
    expect((await attempt('wrong', '10.0.0.9')).kind).toBe('throttled');
    expect(calls).toBe(6);
  });

  it('answers at once when max_pending_checks comparisons are running', async () => {
    const waiting: ((ok: boolean) => void)[] = [];
    const verifier = createBasicAuthVerifier({ compare: () => new Promise<boolean>((resolve) => waiting.push(resolve)) });
    const busy = { ...limits, maxPendingChecks: 2, clientFailureIntervalMs: 0 };
    const first = [verifier.verify({ users, user: 'alice', password: 'a', client: 'x', limits: busy }), verifier.verify({ users, user: 'alice', password: 'b', client: 'y', limits: busy })];
    expect(await verifier.verify({ users, user: 'alice', password: 'c', client: 'z', limits: busy })).toEqual({ kind: 'throttled', reason: 'busy', retryAfterSeconds: 1 });
    expect(waiting).toHaveLength(2);
    for (const resolve of waiting) resolve(false);
    expect((await Promise.all(first)).map((o) => o.kind)).toEqual(['denied', 'denied']);
    // A slot is free again: the next check runs.
    const later = verifier.verify({ users, user: 'alice', password: 'c', client: 'z', limits: busy });
    expect(waiting).toHaveLength(3);
    waiting[2]?.(false);
    expect((await later).kind).toBe('denied');
  });

  it('runs bcrypt on a worker thread by default: the event loop keeps turning during a cost-12 comparison', async () => {
    const verifier = createBasicAuthVerifier();
    try {
      const slow = new Map([['carol', bcrypt.hashSync('carol-pw', 12).replace(/^\$2b\$/, '$2y$')]]);
      let turns = 0;
      let done = false;
      const spin = (): void => void (done || (turns++, setImmediate(spin)));
      spin();
      const wrong = await verifier.verify({ users: slow, user: 'carol', password: 'nope', client: 'c' });
      const right = await verifier.verify({ users: slow, user: 'carol', password: 'carol-pw', client: 'c' });
      done = true;
      expect([wrong.kind, right.kind]).toEqual(['denied', 'ok']);
      // bcryptjs' synchronous compare would leave no turn at all; its async one a few dozen for both.
      expect(turns).toBeGreaterThan(200);
    } finally {
      await verifier.close();
    }
  });
});

describe('the decoy hash for unknown users (issue 12 item 6)', () => {
  /** The hashes compared against for `names`, by one verifier (`seen` is shared across calls). */
  const spy = () => {
    const seen: string[] = [];
    const verifier = createBasicAuthVerifier({ compare: (_password, hash) => (seen.push(hash), Promise.resolve(false)) });
    const hashes = async (table: ReadonlyMap<string, string>, names: readonly string[]): Promise<string[]> => {
      seen.length = 0;
      for (const user of names) await verifier.verify({ users: table, user, password: 'x', client: user });
      return [...seen];
    };
    return hashes;
  };

  it('has the cost of the configured users', async () => {
    const seen = await spy()(users, ['mallory', 'nobody', 'root']);
    expect(seen.map(bcryptCost)).toEqual([4, 4, 4]);
    expect(seen.every(isBcryptHash)).toBe(true);
  });

  it('takes one of the configured costs per unknown name, the same one every time', async () => {
    const mixed = new Map([['fast', '$2b$05$' + 'a'.repeat(53)], ['slow', '$2b$12$' + 'b'.repeat(53)]]);
    const names = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const hashes = spy();
    const costs = (await hashes(mixed, names)).map(bcryptCost);
    expect(new Set(costs)).toEqual(new Set([5, 12]));
    expect((await hashes(mixed, names)).map(bcryptCost)).toEqual(costs);
  });
});
