import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileReferences } from '../../../src/config/rules.js';
import { knownKeys } from '../../../src/config/schema.js';
import { runCli } from '../../support/cli.js';
import { readRepoFile, repoRoot } from '../../unit/deploy/kubernetes-manifests.js';
import { run } from '../deploy/processes.js';
import { parseDockerfile } from '../../unit/deploy/dockerfile-rules.js';

const example = readRepoFile('config.example.yaml');

/**
 * config.example.yaml as it would be on a host that has what its header names: every `*_file` it uses
 * live is created under a temporary directory (and its absolute path rewritten to point there), every
 * `${VAR}` without a default it uses live is set.
 */
async function hostFor(options: { writeFiles: boolean }): Promise<{ file: string; env: Record<string, string>; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-example-'));
  const doc: unknown = parse(example);
  let text = example;
  // Longest first, so that no path is rewritten inside a longer one.
  const files = [...new Set(fileReferences(doc).map((ref) => ref.file))].sort((a, b) => b.length - a.length);
  for (const file of files) {
    const hostPath = join(dir, file);
    if (options.writeFiles) {
      await mkdir(dirname(hostPath), { recursive: true });
      await writeFile(hostPath, `example content of ${file}\n`);
    }
    text = text.replaceAll(file, hostPath);
  }
  // Only the live document (not the comments) decides which variables are needed.
  const names = [...JSON.stringify(doc).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? '');
  const env = Object.fromEntries(names.map((name) => [name, `example-${name.toLowerCase()}`]));
  const file = join(dir, 'config.yml');
  await writeFile(file, text);
  return { file, env, dir };
}

describe('config.example.yaml', () => {
  it('passes --config.check once the env vars and secret files it names exist', async () => {
    const { file, env, dir } = await hostFor({ writeFiles: true });
    expect(Object.keys(env).sort()).toEqual(['GW_CLIENT_ID', 'GW_HUB_AUTH_SERVER']);
    const result = await runCli(['--config.check', `--config.file=${file}`], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('configuration OK: 2 targets');
    // Guidewire Cloud with OAuth2, self-managed with basic auth under a context root.
    expect(result.stdout).toContain(`client secret from file ${dir}/run/secrets/gw-client-secret`);
    expect(result.stdout).toContain(`basic (username svc-monitoring, password from file ${dir}/run/secrets/gw-cc-password)`);
    expect(result.stdout).toContain('base_url:        https://gw.internal.example.com/cc/rest');
  });

  it('names in its header exactly the files --config.check needs: without them it fails on each', async () => {
    const { file, env } = await hostFor({ writeFiles: false });
    const result = await runCli(['--config.check', `--config.file=${file}`], env);
    expect(result.code).toBe(2);
    for (const key of ['targets[0].oauth2.client_secret_file', 'targets[1].basic_auth.password_file', 'targets[1].tls_config.ca_file']) {
      expect(result.stderr).toContain(key);
    }
    const header = example.slice(0, example.indexOf('\nglobal:'));
    for (const ref of fileReferences(parse(example))) expect(header, ref.file).toContain(ref.file);
    for (const name of Object.keys(env)) expect(header, name).toContain(name);
  });

  it('shows every key of the schema, live or commented out', () => {
    const missing: string[] = [];
    for (const [block, keys] of Object.entries(knownKeys)) {
      for (const key of keys) {
        // `key:` at the start of a line, after `- ` in a list or `# ` when commented out.
        if (!new RegExp(`^\\s*(#\\s*)?(-\\s+)?${key}:`, 'm').test(example)) missing.push(block === '' ? key : `${block}.${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is shipped: in the npm package and copied into the image', async () => {
    // Without the npm_* variables of an npm running the tests (they would change what `npm pack` does).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
    const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: fileURLToPath(repoRoot), env });
    expect(packed.code).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { files: { path: string }[] }[];
    expect(info?.files.map((f) => f.path)).toContain('config.example.yaml');
    const final = parseDockerfile(readRepoFile('Dockerfile')).at(-1);
    const copies = final?.instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from=')).map((i) => i.args) ?? [];
    expect(copies).toContain('config.example.yaml ./');
  });
});
