/**
 * Secrets given inline, by file and by ${VAR} never appear on any output surface: logs (at debug
 * level), error output, /metrics, the landing page, the config dump, the reload answer and
 * --config.check. The test greps every one of them for every secret value.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { runCli, startCli, terminate } from '../../support/cli.js';
import { completedProcess } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

const secrets = {
  inline: 'inline-pass-5f2a9c',
  file: 'file-pass-77c1e0',
  env: 'env-secret-a9d3b4',
  bearer: 'bearer-cred-0b8e66',
  endpointParam: 'endpoint-param-6d1c2e',
  tokenQuery: 'token-query-91b7f4',
};

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function expectClean(surface: string, text: string): void {
  for (const [kind, value] of Object.entries(secrets)) expect(text.includes(value), `${kind} secret on ${surface}`).toBe(false);
}

describe('secrets on every output surface', () => {
  it('are never shown, whatever way they were given', async () => {
    sim = await startSimulator({
      model: createStaticModel([completedProcess('ActivityEsc')]),
      auth: { basic: { username: 'su', password: secrets.inline }, oauth2: { clientId: 'exporter', clientSecret: secrets.env } },
    });
    const dir = await mkdtemp(join(tmpdir(), 'gwe-secrets-'));
    await writeFile(join(dir, 'password'), `${secrets.file}\n`);
    const yaml = `global:
  poll_interval: 1s
targets:
  - name: basic-inline
    base_url: ${sim.baseUrl}
    basic_auth: {username: su, password: ${secrets.inline}}
  - name: basic-file-wrong
    base_url: ${sim.baseUrl}
    basic_auth: {username: su, password_file: password}
  - name: oauth-env
    base_url: ${sim.baseUrl}
    oauth2:
      token_url: "${sim.tokenUrl}?audience=${secrets.tokenQuery}"
      client_id: exporter
      client_secret: "\${GW_SECRET}"
      scopes: [cc.service]
      endpoint_params: {resource: ${secrets.endpointParam}}
  - name: bearer-wrong
    base_url: ${sim.baseUrl}
    authorization: {credentials: ${secrets.bearer}}
`;
    const file = join(dir, 'gw.yml');
    await writeFile(file, yaml);

    const check = await runCli(['--config.check', `--config.file=${file}`], { GW_SECRET: secrets.env });
    expect(check.code).toBe(0);
    expectClean('--config.check', check.stdout + check.stderr);
    expect(check.stdout).toContain('?audience=<secret>');
    expect(check.stdout).toContain('endpoint_params resource=<secret>');
    await writeFile(join(dir, 'bad.yml'), `${yaml}    bogus: 1\n`);
    const bad = await runCli(['--config.check', `--config.file=${join(dir, 'bad.yml')}`], { GW_SECRET: secrets.env });
    expect(bad.code).toBe(2);
    expectClean('config errors', bad.stdout + bad.stderr);
    // A token_url that fails validation is not echoed either: its query may hold the secret.
    await writeFile(join(dir, 'bad-url.yml'), yaml.replace(`${sim.tokenUrl}?`, `no-scheme?`));
    const badUrl = await runCli(['--config.check', `--config.file=${join(dir, 'bad-url.yml')}`], { GW_SECRET: secrets.env });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('token_url');
    expectClean('token_url error', badUrl.stdout + badUrl.stderr);

    const cli = await startCli([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0', '--log.level=debug'], 'exporter listening', 15_000, { GW_SECRET: secrets.env });
    try {
      const url = `http://${String(cli.line['address'])}`;
      const metrics = await eventually(async () => {
        const text = (await get(`${url}/metrics`)).text;
        const s = parseExposition(text);
        // Every target has polled (each on its own schedule): two good, two refused.
        const settled =
          valueOf(s, 'guidewire_up', { target: 'basic-inline' }) === 1 &&
          valueOf(s, 'guidewire_up', { target: 'oauth-env' }) === 1 &&
          valueOf(s, 'guidewire_up', { target: 'basic-file-wrong' }) === 0 &&
          valueOf(s, 'guidewire_up', { target: 'bearer-wrong' }) === 0;
        return settled ? text : undefined;
      });
      const scrape = parseExposition(metrics);
      expect(valueOf(scrape, 'guidewire_up', { target: 'basic-inline' })).toBe(1);
      expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'basic-file-wrong', reason: 'auth' })).toBeGreaterThan(0);
      expectClean('/metrics', metrics);
      expectClean('landing page', (await get(`${url}/`)).text);
      const dump = (await get(`${url}/config`)).text;
      expectClean('/config', dump);
      expect(dump).toContain('<secret>');
      expect(dump).toContain('password_file:');
      expect(dump).toContain('resource: <secret>');
      expect(dump).toContain('?audience=<secret>');
      const reload = await fetch(`${url}/-/reload`, { method: 'POST' });
      expectClean('/-/reload', await reload.text());
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a few more polls' worth of logs
    } finally {
      expect(await terminate(cli.child)).toBe(0);
    }
    expectClean('logs', cli.output());
    expect(cli.output()).toContain('"reason":"auth"');
  });
});
