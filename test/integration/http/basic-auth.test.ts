import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator } from '../../../src/simulator/index.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, get } from '../../support/scrape.js';
import { exporterWithWebConfig } from './servers.js';
import { basic, makePki, opensslMissing, tlsRequest, type Pki } from './pki.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Cost 4 keeps the tests fast; htpasswd writes `$2y$`, which must work as well as bcryptjs' `$2b$`.
const aliceHash = bcrypt.hashSync('alice-password', 4).replace(/^\$2b\$/, '$2y$');
const bobHash = bcrypt.hashSync('bob-password', 4);

let pki: Pki;
beforeAll(async () => {
  if (opensslMissing === undefined) pki = await makePki();
}, 60_000);

/** The real App, polling the simulator, serving behind `webYaml`. */
async function exporterBehind(webYaml: string) {
  const file = join(pki.dir, `web-auth-${Date.now()}-${Math.random()}.yml`);
  await writeFile(file, webYaml);
  const { exporter, log } = await exporterWithWebConfig(file, cleanups);
  return { url: exporter.url.replace(/^http:/, 'https:'), file, log };
}

const tlsAndUsers = (users: string): string =>
  `tls_server_config:\n  cert_file: ${pki.serverA.certFile}\n  key_file: ${pki.serverA.keyFile}\n` +
  `http_server_config:\n  headers:\n    X-Frame-Options: deny\n    X-Content-Type-Options: nosniff\n` +
  `basic_auth_users:\n${users}`;

describe.skipIf(opensslMissing !== undefined)(`basic authentication through the App${opensslMissing === undefined ? '' : ` (skipped: ${opensslMissing})`}`, () => {
  it('asks every endpoint for credentials and serves the right ones', async () => {
    const { url, log } = await exporterBehind(tlsAndUsers(`  alice: ${aliceHash}\n`));
    const ca = pki.ca;
    for (const path of ['/metrics', '/', '/config', '/-/healthy', '/-/ready', '/nope']) {
      const anonymous = await tlsRequest(`${url}${path}`, { ca });
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers['www-authenticate'], path).toBe('Basic');
    }
    const reloadAnonymous = await tlsRequest(`${url}/-/reload`, { ca, method: 'POST' });
    expect(reloadAnonymous.status).toBe(401);

    expect((await tlsRequest(`${url}/metrics`, { ca, headers: { authorization: basic('alice', 'wrong') } })).status).toBe(401);
    expect((await tlsRequest(`${url}/metrics`, { ca, headers: { authorization: basic('mallory', 'alice-password') } })).status).toBe(401);

    const metrics = await eventually(async () => {
      const response = await tlsRequest(`${url}/metrics`, { ca, headers: { authorization: basic('alice', 'alice-password') } });
      return response.text.includes('guidewire_up{target="cc"} 1') ? response : undefined;
    });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['x-frame-options']).toBe('deny');
    expect(metrics.headers['x-content-type-options']).toBe('nosniff');
    const reload = await tlsRequest(`${url}/-/reload`, { ca, method: 'POST', headers: { authorization: basic('alice', 'alice-password') } });
    expect(reload.status).toBe(200);
    expect(reload.text).toContain('configuration reloaded');

    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'serving https', scheme: 'https', basicAuth: true }));
    expect(log.text()).not.toContain('alice-password');
    expect(log.text()).not.toContain(aliceHash);
  });

  it('applies an edited file without a restart, and keeps the last good one when the file breaks', async () => {
    const { url, file, log } = await exporterBehind(tlsAndUsers(`  alice: ${aliceHash}\n`));
    const ca = pki.ca;
    const asBob = () => tlsRequest(`${url}/-/healthy`, { ca, headers: { authorization: basic('bob', 'bob-password') } });
    expect((await asBob()).status).toBe(401);

    await writeFile(file, tlsAndUsers(`  alice: ${aliceHash}\n  bob: ${bobHash}\n`));
    // Polled gently: each refusal before the change applies spends bob's address's failure budget (10).
    await eventually(async () => ((await asBob()).status === 200 ? true : undefined), 10_000, 250);
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'web configuration reloaded', basicAuth: true }));

    await writeFile(file, tlsAndUsers(`  alice: ${aliceHash}\n  bob: not-a-hash\n`));
    await eventually(async () => (log.lines.some((l) => l['msg'] === 'web configuration reload failed; keeping the previous one') ? true : (await asBob(), undefined)));
    // Several more checks of the unchanged broken file: still bob's old hash, still one error line.
    for (let i = 0; i < 3; i++) {
      expect((await asBob()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const errors = log.lines.filter((l) => l['level'] === 50);
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('basic_auth_users.bob');
    expect(JSON.stringify(errors[0])).not.toContain('not-a-hash');
  });
});

describe('without --web.config.file', () => {
  it('serves plain HTTP without authentication, as before', async () => {
    const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
    cleanups.push(() => sim.close());
    const exporter = await startExporter({ config: exporterConfig(targetConfig({ name: 'cc', baseUrl: sim.baseUrl })), logger: capturingLogger().logger });
    cleanups.push(() => exporter.stop());
    const response = await get(`${exporter.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('serves basic authentication over plain HTTP when the file has no tls_server_config', async () => {
    const dir = opensslMissing === undefined ? pki.dir : (await import('node:os')).tmpdir();
    const file = join(dir, `web-plain-${Date.now()}.yml`);
    await writeFile(file, `basic_auth_users:\n  bob: ${bobHash}\n`);
    const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
    cleanups.push(() => sim.close());
    const exporter = await startExporter({ config: exporterConfig(targetConfig({ name: 'cc', baseUrl: sim.baseUrl })), logger: capturingLogger().logger, webConfigFile: file });
    cleanups.push(() => exporter.stop());
    expect((await get(`${exporter.url}/metrics`)).status).toBe(401);
    expect((await get(`${exporter.url}/metrics`, { authorization: basic('bob', 'bob-password') })).status).toBe(200);
  });
});
