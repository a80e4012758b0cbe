/**
 * Issue 12 item 3 over real sockets: wrong basic-auth logins beyond a client's failure budget are answered
 * 429 without a bcrypt comparison, while the authorized user keeps getting 200 (the timing is measured by
 * `npm run bench:auth-flood`, not here).
 */
import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBasicAuthVerifier } from '../../../src/http/basic-auth.js';
import { startHttpServer, type ListeningServer } from '../../../src/http/server.js';
import { capturingLogger } from '../../support/harness.js';
import { stubHandlers } from './servers.js';
import { basic } from './pki.js';

const handlers = stubHandlers;

const servers: ListeningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A GET from the loopback source address `from` (Linux routes all of 127/8 to lo). */
function getFrom(url: string, from: string, authorization: string): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, localAddress: from, headers: { authorization } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a flood of wrong passwords', () => {
  it('is refused without bcrypt beyond the client failure budget; the authorized user still gets 200', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwe-auth-flood-'));
    const file = join(dir, 'web.yml');
    await writeFile(file, `basic_auth_users:\n  prometheus: ${bcrypt.hashSync('right', 4)}\nbasic_auth_limits:\n  client_failure_burst: 3\n  client_failure_interval: 1m\n`);
    let calls = 0;
    const verifier = createBasicAuthVerifier({ compare: (password, hash) => (calls++, bcrypt.compare(password, hash)) });
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, handlers, logger: capturingLogger().logger, webConfigFile: file, verifier });
    servers.push(server);
    const url = `http://127.0.0.1:${server.port}/metrics`;
    const good = basic('prometheus', 'right');

    expect((await getFrom(url, '127.0.0.1', good)).status).toBe(200);
    expect(calls).toBe(1);
    const flood = [];
    for (let i = 0; i < 12; i++) flood.push(await getFrom(url, '127.0.0.2', basic(i % 2 === 0 ? 'prometheus' : 'nobody', `wrong-${i}`)));
    expect(flood.map((r) => r.status)).toEqual([401, 401, 401, ...Array<number>(9).fill(429)]);
    expect(flood[5]?.retryAfter).toBe('60');
    expect(calls).toBe(1 + 3);

    // The cached scraper gets in, from its own address and from the refused one; another client is checked.
    expect((await getFrom(url, '127.0.0.1', good)).status).toBe(200);
    expect((await getFrom(url, '127.0.0.2', good)).status).toBe(200);
    expect((await getFrom(url, '127.0.0.3', basic('prometheus', 'wrong'))).status).toBe(401);
    expect(calls).toBe(1 + 3 + 1);
  });
});
