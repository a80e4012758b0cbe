import { chmod, copyFile, link, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { eventually, get, parseExposition, seriesOf } from '../../support/scrape.js';
import { readRepoFile, repoRoot } from '../../unit/deploy/kubernetes-manifests.js';
import { execForm, parseDockerfile } from '../../unit/deploy/dockerfile-rules.js';
import { run, startListening, stop } from './processes.js';

const pkg = JSON.parse(readRepoFile('package.json')) as { name: string; version: string };
const nobody = 65534;
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('\n*** not running as root: the installed exporter runs as the current user, not as nobody (65534) ***\n');

// Without the npm_* variables of the npm running the tests (`npm test`, `npx -p node@24 -c ...` in CI):
// `npm_config_call` alone turns `npm exec --package` into a usage error.
const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
const npm = async (args: readonly string[], cwd: string): Promise<string> => {
  const result = await run('npm', args, { cwd, env: npmEnv });
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.code}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
};

/** Dockerfile's HEALTHCHECK command, pointed at `address` instead of the image's 127.0.0.1:7723. */
function healthcheck(address: string): string[] {
  const instruction = parseDockerfile(readRepoFile('Dockerfile')).at(-1)?.instructions.find((i) => i.keyword === 'HEALTHCHECK');
  const command = execForm(instruction?.args.replace(/^(--\S+\s+)*CMD\s+/, '') ?? '') ?? [];
  return command.map((arg) => arg.replace('127.0.0.1:7723', address));
}

/**
 * This Node.js, where an unprivileged user can run it: `npx -p node@24` (CI) keeps it under /root, which
 * nobody may enter, so it is linked (or copied) into `dir`.
 */
async function reachableNode(dir: string): Promise<string> {
  if (!isRoot) return process.execPath;
  await mkdir(dir, { mode: 0o755 });
  const node = join(dir, 'node');
  await link(process.execPath, node).catch(async () => {
    await copyFile(process.execPath, node);
    await chmod(node, 0o755);
  });
  return node;
}

let work = '';
let tarball = '';
let packed: { path: string }[] = [];
let app = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gwe-package-'));
  // `npm test` builds dist/ first (pretest); rebuilding it here (prepare) would rewrite files that other
  // test files run at the same time.
  const [info] = JSON.parse(await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], fileURLToPath(repoRoot))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info?.filename ?? 'missing.tgz');
  packed = info?.files ?? [];
  app = join(work, 'app');
  await mkdir(app);
  await npm(['install', '--omit=dev', '--no-audit', '--no-fund', tarball], app);
  // Read-only for everyone, as the image's root filesystem; readable and searchable by nobody.
  await chmod(work, 0o755);
  await run('chmod', ['-R', 'a-w,a+rX', app]);
}, 180_000);

afterAll(async () => {
  if (work === '') return;
  await run('chmod', ['-R', 'u+w', work]);
  await rm(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the built CLI, docs, rules, dashboards and deploy files, and no sources or tests', () => {
    const paths = packed.map((file) => file.path);
    for (const path of ['dist/cli.js', 'README.md', 'CHANGELOG.md', 'docs/deploy.md', 'monitoring/alerts.yml', 'monitoring/recording-rules.yml',
      'grafana/dashboards/overview.json', 'deploy/kubernetes/kustomization.yaml', 'deploy/overlays/sharded/kustomization.yaml', 'deploy/overlays/sharded/statefulset.yaml', 'deploy/systemd/guidewire-batch-exporter.service']) {
      expect(paths, path).toContain(path);
    }
    const stray = paths.filter((path) => /^(src|test|bench|grafana\/src|deploy\/generate|monitoring\/tests|node_modules|\.tmp)\//.test(path) || /\.ts$/.test(path));
    expect(stray).toEqual([]);
  });

  it('installed with production dependencies only, runs read-only as an unprivileged user: serves metrics, answers the image health check, exits 0 on SIGTERM', async () => {
    const installed = await readdir(join(app, 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['pino', 'prom-client', 'undici', 'yaml', 'zod']));
    for (const dev of ['typescript', 'vitest', 'eslint', 'kubernetes-models']) expect(installed).not.toContain(dev);
    const home = join(work, 'home');
    await mkdir(home, { mode: 0o555 });
    const node = await reachableNode(join(work, 'bin'));
    const options = {
      cwd: app,
      env: { PATH: `${dirname(node)}:/usr/bin:/bin`, HOME: home, TMPDIR: home },
      ...(isRoot ? { uid: nobody, gid: nobody } : {}),
    };
    // The setup itself: that user can write neither in the installation nor in HOME.
    for (const dir of [app, home]) {
      const write = await run(node, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'probe'))}, '')`], options);
      expect(write.stderr, dir).toContain('EACCES');
    }
    const bin = join(app, 'node_modules', '.bin', pkg.name);
    const started = await startListening(bin, ['--demo', '--web.listen-address=127.0.0.1:0'], options);
    try {
      const processes = await eventually(async () => {
        const scrape = parseExposition((await get(`http://${started.address}/metrics`)).text);
        const info = seriesOf(scrape, 'guidewire_batch_process_info');
        return info.length > 0 ? info : undefined;
      }, 20_000);
      expect(processes.length).toBeGreaterThanOrEqual(15);
      const status = await readFile(`/proc/${started.child.pid}/status`, 'utf8');
      if (isRoot) expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe(String(nobody));
      const [command = '', ...args] = healthcheck(started.address);
      expect(command).toBe('node');
      expect(await run(node, args)).toMatchObject({ code: 0 });
    } finally {
      expect(await stop(started.child)).toBe(0);
    }
    expect(started.output()).not.toMatch(/EACCES|EROFS|EPERM|"level":[56]0/);
    const [, ...args] = healthcheck(started.address);
    expect((await run(node, args)).code, 'the health check fails once the exporter is gone').toBe(1);
  }, 60_000);

  it('is a command, not a library: nothing but package.json can be imported from it', async () => {
    const node = process.execPath;
    const tryImport = (specifier: string): string[] => ['--input-type=module', '-e',
      `import(${JSON.stringify(specifier)}).then(() => console.log('imported'), (err) => console.log(err.code))`];
    for (const specifier of [pkg.name, `${pkg.name}/dist/app.js`, `${pkg.name}/dist/cli/args.js`]) {
      expect((await run(node, tryImport(specifier), { cwd: app })).stdout, specifier).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED\n');
    }
    const version = await run(node, ['-p', `require(${JSON.stringify(`${pkg.name}/package.json`)}).version`], { cwd: app });
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });

  it('runs through npm exec (npx) from the tarball and prints the package version', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gwe-npx-'));
    try {
      const stdout = await npm(['exec', '--yes', `--package=${tarball}`, '--', pkg.name, '--version'], empty);
      expect(stdout).toBe(`${pkg.name} ${pkg.version} (node ${process.version})\n`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('--version', () => {
  it('of the built CLI prints the version of package.json', async () => {
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${pkg.name} ${pkg.version} (node ${process.version})\n`, stderr: '' });
  });
});
