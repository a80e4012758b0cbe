import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBinary } from '../../e2e/binaries.js';
import { repoRoot } from '../../unit/deploy/kubernetes-manifests.js';
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
});

const systemdAnalyze = tool('systemd-analyze', true);
describe.skipIf(systemdAnalyze === undefined)('systemd-analyze', () => {
  // verify insists that ExecStart's binary exists; the unit names the one `npm install --global` makes.
  const withNode = (text: string): string => text.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`);

  it('verifies the unit without a warning', async () => {
    const result = await inRepo(systemdAnalyze ?? '', ['verify', await tempFile('guidewire-batch-exporter.service', withNode(unitText()))]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('rates its exposure "OK" (2.0 or less of 10)', async () => {
    const file = await tempFile('guidewire-batch-exporter.service', withNode(unitText()));
    const result = await inRepo(systemdAnalyze ?? '', ['security', '--offline=yes', '--threshold=20', file]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/Overall exposure level for guidewire-batch-exporter\.service: [0-2]\.\d OK/);
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
