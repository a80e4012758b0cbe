import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { createBasicAuthVerifier, isBcryptHash, parseBasicAuth } from '../../../src/http/basic-auth.js';

const aliceHash = bcrypt.hashSync('alice-pw', 4);
const users = new Map([['alice', aliceHash]]);

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
    expect(await verifier.verify(users, 'alice', 'alice-pw')).toBe(true);
    expect(await verifier.verify(users, 'alice', 'alice-pw')).toBe(true);
    expect(await verifier.verify(users, 'alice', 'alice-pw')).toBe(true);
    expect(calls()).toBe(1);
  });

  it('never caches a failure, and a cached password does not let another one in', async () => {
    const { verifier, calls } = counting();
    await verifier.verify(users, 'alice', 'alice-pw');
    expect(await verifier.verify(users, 'alice', 'wrong')).toBe(false);
    expect(await verifier.verify(users, 'alice', 'wrong')).toBe(false);
    expect(calls()).toBe(3);
  });

  it('still runs bcrypt for unknown users (timing), and refuses them', async () => {
    const { verifier, calls } = counting();
    expect(await verifier.verify(users, 'mallory', 'alice-pw')).toBe(false);
    expect(calls()).toBe(1);
  });

  it('verifies afresh when the hash of a user changes', async () => {
    const { verifier, calls } = counting();
    await verifier.verify(users, 'alice', 'alice-pw');
    const changed = new Map([['alice', bcrypt.hashSync('new-pw', 4)]]);
    expect(await verifier.verify(changed, 'alice', 'alice-pw')).toBe(false);
    expect(await verifier.verify(changed, 'alice', 'new-pw')).toBe(true);
    expect(calls()).toBe(3);
  });

  it('shares one bcrypt run between concurrent first requests', async () => {
    const { verifier, calls } = counting();
    const results = await Promise.all(Array.from({ length: 5 }, () => verifier.verify(users, 'alice', 'alice-pw')));
    expect(results).toEqual([true, true, true, true, true]);
    expect(calls()).toBe(1);
  });

  it('is bounded, evicting the least recently used', async () => {
    const many = new Map(['a', 'b', 'c'].map((u) => [u, bcrypt.hashSync(`${u}-pw`, 4)]));
    const { verifier, calls } = counting(2);
    await verifier.verify(many, 'a', 'a-pw');
    await verifier.verify(many, 'b', 'b-pw');
    await verifier.verify(many, 'a', 'a-pw'); // a is now the most recent
    await verifier.verify(many, 'c', 'c-pw'); // evicts b
    expect(verifier.size).toBe(2);
    expect(calls()).toBe(3);
    await verifier.verify(many, 'a', 'a-pw');
    expect(calls()).toBe(3);
    await verifier.verify(many, 'b', 'b-pw');
    expect(calls()).toBe(4);
  });
});
