/**
 * Build identity (issue 16, item 6): `npm run build` records the git revision in dist/build-info.json and
 * the built exporter reports it as the `revision` of guidewire_exporter_build_info; outside a git checkout
 * the revision is GWE_REVISION (the Docker build) or `unknown`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCli, terminate } from '../../support/cli.js';
import { eventually, scrape, seriesOf } from '../../support/scrape.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const step = join(root, 'scripts', 'build-info.mjs');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
/** The environment of a build or run that sets no revision of its own. */
const noOverrides = { GWE_REVISION: '', GWE_BRANCH: '', GUIDEWIRE_EXPORTER_REVISION: '' };
const git = (args: string[], cwd = root): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const children: ChildProcess[] = [];
const temps: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await terminate(child);
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Runs a copy of the build-info step in a fresh directory (so dist/ of the checkout stays as built) and returns what it wrote. */
async function runStepIn(dir: string, env: Record<string, string>): Promise<{ revision: string; branch: string }> {
  await mkdir(join(dir, 'scripts'), { recursive: true });
  await copyFile(step, join(dir, 'scripts', 'build-info.mjs'));
  // GIT_CEILING_DIRECTORIES: git must not find a repository above the temporary directory.
  execFileSync(process.execPath, [join(dir, 'scripts', 'build-info.mjs')], { env: { ...process.env, ...noOverrides, GIT_CEILING_DIRECTORIES: dirname(dir), ...env } });
  return JSON.parse(await readFile(join(dir, 'dist', 'build-info.json'), 'utf8')) as { revision: string; branch: string };
}

const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-build-info-'));
  temps.push(dir);
  return dir;
};

describe('build identity', () => {
  it('npm run build ends with the build-info step', () => {
    expect(pkg.scripts['build']).toMatch(/&& node scripts\/build-info\.mjs$/);
  });

  it('after the build in a git checkout, build_info carries the revision of git rev-parse --short HEAD', async () => {
    // The step npm run build runs after tsc (asserted above); dist/ of the checkout is built (pretest).
    execFileSync(process.execPath, [step], { cwd: root, env: { ...process.env, ...noOverrides } });
    const head = git(['rev-parse', '--short', 'HEAD']);
    const written = JSON.parse(await readFile(join(root, 'dist', 'build-info.json'), 'utf8')) as { revision: string; branch: string };
    expect(written.revision).toBe(head);

    const cli = await startCli(['--demo', '--web.listen-address=127.0.0.1:0'], 'exporter listening', 15_000, noOverrides);
    children.push(cli.child);
    const series = await eventually(async () => {
      const found = seriesOf(await scrape(`http://${String(cli.line['address'])}/metrics`), 'guidewire_exporter_build_info');
      return found.length > 0 ? found : undefined;
    });
    expect(series).toHaveLength(1);
    expect(series[0]?.labels['revision']).toBe(head);
    expect(series[0]?.labels['revision']).not.toBe('unknown');
  }, 30_000);

  it('records the branch of the checkout, and GWE_REVISION over git when set', async () => {
    const dir = await tempDir();
    const env = { ...process.env, GIT_CEILING_DIRECTORIES: dirname(dir) };
    const run = (args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, env, encoding: 'utf8' }).trim();
    run(['init', '--quiet', '--initial-branch=release-1.2']);
    run(['commit', '--quiet', '--allow-empty', '-m', 'x']);
    const head = run(['rev-parse', '--short', 'HEAD']);
    expect(await runStepIn(dir, {})).toEqual({ revision: head, branch: 'release-1.2' });
    expect(await runStepIn(dir, { GWE_REVISION: '0123abc' })).toEqual({ revision: '0123abc', branch: 'release-1.2' });
  });

  it('outside a git checkout falls back to GWE_REVISION (the Docker build), then to unknown', async () => {
    expect(await runStepIn(await tempDir(), {})).toEqual({ revision: 'unknown', branch: 'unknown' });
    expect(await runStepIn(await tempDir(), { GWE_REVISION: 'f00dfeed' })).toEqual({ revision: 'f00dfeed', branch: 'unknown' });
  });
});
