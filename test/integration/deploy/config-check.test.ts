import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { only } from '../../unit/deploy/kubernetes-manifests.js';
import { configConfigMap, exampleSecret, resourceManifests } from '../../unit/deploy/source-manifests.js';
import { containerEnv, secretFiles } from '../../unit/deploy/workload-checks.js';

/**
 * The ConfigMap's config.yml as the pod sees it, on the host: each Secret key the Deployment mounts is
 * written to a temporary file and its in-pod path rewritten to that file.
 */
async function podConfig(options: { writeSecrets: boolean }): Promise<{ file: string; env: Record<string, string>; dir: string }> {
  const deployment = only(resourceManifests(), 'Deployment');
  const secret = exampleSecret();
  const dir = await mkdtemp(join(tmpdir(), 'gwe-k8s-config-'));
  let text = (configConfigMap()['data'] as Record<string, string>)['config.yml'] ?? '';
  for (const [key, podPath] of Object.entries(secretFiles(deployment, secret))) {
    const hostPath = join(dir, key);
    if (options.writeSecrets) await writeFile(hostPath, `${(secret['stringData'] as Record<string, string>)[key] ?? ''}\n`);
    text = text.replaceAll(podPath, hostPath);
  }
  const file = join(dir, 'config.yml');
  await writeFile(file, text);
  return { file, env: containerEnv(deployment, secret), dir };
}

describe('the Kubernetes ConfigMap configuration', () => {
  it('passes --config.check with the Secret mounted and the environment the Deployment sets', async () => {
    const { file, env, dir } = await podConfig({ writeSecrets: true });
    const result = await runCli(['--config.check', `--config.file=${file}`], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`client_id ${env['GW_CLIENT_ID'] ?? 'missing'}, client secret from file ${dir}/client-secret`);
    expect(result.stdout).not.toContain('REPLACE-WITH-CLIENT-SECRET');
  });

  it('references only secret files the Deployment mounts: without them the check fails on client_secret_file', async () => {
    const { file, env } = await podConfig({ writeSecrets: false });
    const result = await runCli(['--config.check', `--config.file=${file}`], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('targets[0].oauth2.client_secret_file');
  });
});
