import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBinary } from '../../e2e/binaries.js';
import { readRepoFile, repoRoot } from '../../unit/deploy/kubernetes-manifests.js';
import { unitText } from '../../unit/deploy/systemd-unit.js';
import { run, type Result } from './processes.js';

const inRepo = (binary: string, args: readonly string[]): Promise<Result> => run(binary, args, { cwd: fileURLToPath(repoRoot) });
async function tempFile(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'gwe-lint-')), name);
  await writeFile(file, text);
  return file;
}
/** Skips (loudly) when a tool is missing, except in CI for the ones .ci/run installs. */
function tool(name: string, installedByCi = false): string | undefined {
  const found = findBinary(name);
  if (found === undefined && installedByCi && process.env['CI'] !== undefined) throw new Error(`${name} is required in CI`);
  if (found === undefined) console.warn(`\n*** ${name} is not on PATH: its deploy check is SKIPPED ***\n`);
  return found;
}

describe('dockerfile-utils lint', () => {
  const lint = fileURLToPath(new URL('node_modules/.bin/dockerfile-utils', repoRoot));

  it('finds nothing wrong with the Dockerfile', async () => {
    expect(await inRepo(lint, ['lint', '--json', 'Dockerfile'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('rejects a Dockerfile with a bad port and a health-check interval without unit', async () => {
    const broken = readRepoFile('Dockerfile').replace('EXPOSE 7723', 'EXPOSE http').replace('--interval=30s', '--interval=30');
    const result = await inRepo(lint, ['lint', '--json', await tempFile('Dockerfile', broken)]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { message: string }[]).map((d) => d.message)).toEqual(['Invalid containerPort: http', 'time: missing unit in duration 30']);
  });
});

const systemdAnalyze = tool('systemd-analyze', true);
describe.skipIf(systemdAnalyze === undefined)('systemd-analyze', () => {
  // verify insists that ExecStart's binary exists; the unit names the one `npm install --global` makes.
  const withNode = (text: string): string => text.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`);

  it('verifies the unit without a warning', async () => {
    const result = await inRepo(systemdAnalyze ?? '', ['verify', await tempFile('guidewire-batch-exporter.service', withNode(unitText()))]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('warns about a bad value (so the check above can fail)', async () => {
    const result = await inRepo(systemdAnalyze ?? '', ['verify', await tempFile('x.service', withNode(unitText()).replace('ProtectSystem=strict', 'ProtectSystem=sometimes'))]);
    expect(result.stderr).toContain('Failed to parse protect system value, ignoring: sometimes');
  });

  it('rates its exposure "OK" (2.0 or less of 10), and an unhardened copy worse', async () => {
    const security = async (text: string): Promise<Result> =>
      inRepo(systemdAnalyze ?? '', ['security', '--offline=yes', '--threshold=20', await tempFile('guidewire-batch-exporter.service', withNode(text))]);
    const hardened = await security(unitText());
    expect(hardened.code, hardened.stdout).toBe(0);
    expect(hardened.stdout).toMatch(/Overall exposure level for guidewire-batch-exporter\.service: [0-2]\.\d OK/);
    const plain = unitText().split('# Hardening.')[0] ?? '';
    expect((await security(`${plain}\n[Install]\nWantedBy=multi-user.target\n`)).code).not.toBe(0);
  });
});

const promtool = tool('promtool', true);
describe.skipIf(promtool === undefined)('promtool', () => {
  it('accepts the compose stack\'s Prometheus configuration', async () => {
    const result = await inRepo(promtool ?? '', ['check', 'config', '--syntax-only', 'deploy/compose/prometheus.yml']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});

const amtool = tool('amtool', true);
describe.skipIf(amtool === undefined)('amtool', () => {
  it('accepts the compose stack\'s Alertmanager configuration', async () => {
    const result = await inRepo(amtool ?? '', ['check-config', 'deploy/compose/alertmanager.yml']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});
