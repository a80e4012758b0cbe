/** Helpers of the `probe` CLI tests: a config file per test, the built CLI, promtool. */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../support/cli.js';

/** Secrets every probe test uses, so that any output can be checked for all of them. */
export const secrets = {
  password: 'probe-pass-8c1f27',
  clientSecret: 'probe-client-secret-3e9d51',
  proxyPassword: 'probe-proxy-pw-5e8a1c',
  urlPassword: 'probe-url-pw-0d4b92',
  /** Configured on purpose for a target that must be refused. */
  wrongPassword: 'probe-wrong-pw-71c3aa',
} as const;

/** Basic and OAuth2 credentials for `startSimulator({ auth })`. */
export const simulatorAuth = {
  basic: { username: 'su', password: secrets.password },
  oauth2: { clientId: 'probe-client', clientSecret: secrets.clientSecret },
};

/** Writes `yaml` to a fresh temporary directory; returns the file's path. */
export async function writeConfig(yaml: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'gwe-probe-')), 'gw.yml');
  await writeFile(file, yaml);
  return file;
}

/** Runs `probe --config.file=FILE ...args` with the built CLI; fails the test if any secret shows. */
export async function probe(file: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const result = await runCli(['probe', `--config.file=${file}`, ...args]);
  for (const [kind, value] of Object.entries(secrets)) expect(result.stdout + result.stderr, `${kind} in the output`).not.toContain(value);
  return result;
}

/** Runs `promtool check metrics` on `text`. */
export function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics']);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}
