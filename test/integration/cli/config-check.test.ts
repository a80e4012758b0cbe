import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-cli-'));
  const file = join(dir, 'gw.yml');
  await writeFile(file, text);
  return file;
}

describe('--config.check', () => {
  it('prints a summary without secrets and exits 0 for a valid file', async () => {
    const file = await configFile(`targets:
  - name: pc-prod
    base_url: https://pc.example.com/pc/rest
    basic_auth: {username: su, password: "\${GW_PASSWORD}"}
`);
    const result = await runCli(['--config.check', `--config.file=${file}`], { GW_PASSWORD: 'hunter2-secret' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pc-prod');
    expect(result.stdout).not.toContain('hunter2-secret');
  });

  it('prints every problem with file, line and key, and exits 2', async () => {
    const file = await configFile(`global:
  poll_interval: soon
targets:
  - name: a
    base_url: https://a.example.com/rest
    basic_auth: {username: su, password: "\${UNSET_GW_VAR}"}
  - name: a
    base_url: https://b.example.com/rest
    bogus_key: 1
`);
    const result = await runCli(['--config.check', `--config.file=${file}`], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).toContain('global.poll_interval');
    expect(result.stderr).toContain(`${file}:6:`);
    expect(result.stderr).toContain('UNSET_GW_VAR');
    expect(result.stderr).toContain('targets[1].name');
    expect(result.stderr).toContain('bogus_key');
  });

  it('exits 2 with a clear message for a missing file or a bad flag', async () => {
    const missing = await runCli(['--config.check', '--config.file=/nonexistent/gw.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/gw.yml');
    const bad = await runCli(['--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown flag');
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^guidewire-batch-exporter \d+\.\d+\.\d+/);
  });
});
