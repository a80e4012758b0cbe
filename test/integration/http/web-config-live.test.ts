/**
 * Issue 12 item 4 over real sockets, through the App: a live edit of the web configuration that would
 * switch authentication off (config management truncating the file first) is refused and shown on
 * /metrics, while ordinary changes (a new hash) still apply without a restart.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/scrape.js';
import { exporterWithWebConfig } from './servers.js';
import { basic } from './pki.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const alice = basic('alice', 'alice-pw');
const users = `basic_auth_users:\n  alice: ${bcrypt.hashSync('alice-pw', 4)}\n`;
const gauge = 'guidewire_exporter_web_config_last_reload_successful';

async function exporterBehind(webYaml: string) {
  const file = join(await mkdtemp(join(tmpdir(), 'gwe-web-live-')), 'web.yml');
  await writeFile(file, webYaml);
  const { exporter, log } = await exporterWithWebConfig(file, cleanups);
  const call = async (path: string, authorization?: string, method = 'GET') => {
    const response = await fetch(`${exporter.url}${path}`, { method, headers: authorization === undefined ? {} : { authorization } });
    return { status: response.status, text: await response.text() };
  };
  /** The gauge's value on /metrics, as alice (or `as`). */
  const reloadGauge = async (as = alice): Promise<string | undefined> => new RegExp(`^${gauge} (\\d)$`, 'm').exec((await call('/metrics', as)).text)?.[1];
  return { file, log, call, reloadGauge };
}

describe('a live web configuration change that would switch authentication off', () => {
  it.each([
    ['an empty file', ''],
    ['a comment-only file', '# managed by ansible\n'],
    ['basic_auth_users: alone', 'basic_auth_users:\n'],
    ['basic_auth_users: {}', 'basic_auth_users: {}\n'],
  ])('is refused for %s: anonymous requests still get 401, and the refusal shows on /metrics', async (_name, emptied) => {
    const { file, log, call, reloadGauge } = await exporterBehind(users);
    expect(await reloadGauge()).toBe('1');
    await writeFile(file, emptied);
    // The file is checked on requests, at most once a second.
    const refused = await eventually(async () => (await call('/-/healthy'), log.lines.find((l) => l['msg'] === 'web configuration reload refused; keeping the running security settings')));
    expect(refused['level']).toBe(50);
    expect(JSON.stringify(refused)).toContain('basic authentication');
    for (const path of ['/metrics', '/config', '/-/healthy']) expect((await call(path)).status, path).toBe(401);
    expect((await call('/-/reload', undefined, 'POST')).status).toBe(401);
    expect((await call('/-/reload', alice, 'POST')).status).toBe(200);
    expect(await eventually(async () => ((await reloadGauge()) === '0' ? '0' : undefined))).toBe('0');

    // The next good version applies again.
    await writeFile(file, `${users}  bob: ${bcrypt.hashSync('bob-pw', 4)}\n`);
    // Polled gently: each 401 before the change applies spends this address's failure budget (10).
    await eventually(async () => ((await call('/metrics', basic('bob', 'bob-pw'))).status === 200 ? true : undefined), 10_000, 250);
    expect(await eventually(async () => ((await reloadGauge()) === '1' ? '1' : undefined))).toBe('1');
    expect((await call('/metrics')).status).toBe(401);
  });

  it('still applies a changed hash live', async () => {
    const { file, log, call, reloadGauge } = await exporterBehind(users);
    expect((await call('/metrics', alice)).status).toBe(200);
    await writeFile(file, `basic_auth_users:\n  alice: ${bcrypt.hashSync('new-pw', 4)}\n`);
    await eventually(async () => ((await call('/metrics', basic('alice', 'new-pw'))).status === 200 ? true : undefined), 10_000, 250);
    expect((await call('/metrics', alice)).status).toBe(401);
    expect(await eventually(async () => ((await reloadGauge(basic('alice', 'new-pw'))) === '1' ? '1' : undefined))).toBe('1');
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'web configuration reloaded', basicAuth: true }));
  });
});
