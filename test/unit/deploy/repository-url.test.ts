/**
 * One place for the project's repository (issue 16, item 6): the `repository` of package.json. The status
 * page derives its links from it (src/status/links.ts); the rules, manifests, unit and image are static
 * files, so every repository URL they hard-code must equal it, and every runbook_url must point into it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryUrl } from '../../../src/version.js';
import { docsBase } from '../../../src/status/links.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; repository?: { type?: string; url?: string } };
const repository = repositoryUrl();

/** Tracked text files that may name the repository: not package.json (the source), the changelog (history) or the lock file. */
const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.(ya?ml|md|ts|json|service|socket|libsonnet|jsonnet)$|(^|\/)Dockerfile$/.test(file))
  .filter((file) => !['CHANGELOG.md', 'package-lock.json', 'package.json'].includes(file));
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/** Every `https://github.com/<owner>/<this package>` in `text` (a blob or tree path after it is fine). */
const repositoryUrls = (text: string): string[] => [...text.matchAll(new RegExp(`https://github\\.com/[\\w.-]+/${pkg.name}(?:\\.git)?(?![\\w.-])`, 'g'))].map((m) => m[0]);

describe('the repository of package.json', () => {
  it('is a git repository on GitHub whose browsable URL the exporter derives', () => {
    expect(pkg.repository?.type).toBe('git');
    expect(pkg.repository?.url).toBe(`git+${repository}.git`);
    expect(repository).toMatch(new RegExp(`^https://github\\.com/[\\w.-]+/${pkg.name}$`));
  });

  it('is where the status page links its documentation', () => {
    expect(docsBase).toBe(`${repository}/blob/main`);
  });

  it('is every repository URL hard-coded in the rules, manifests, unit, image and docs', () => {
    const found = files.flatMap((file) => repositoryUrls(read(file)).map((url) => ({ file, url })));
    // The rules, their tests, the PrometheusRule, the systemd unit and the image all name it.
    for (const file of ['monitoring/alerts.yml', 'deploy/kubernetes/prometheus-rule.yaml', 'deploy/systemd/guidewire-batch-exporter.service', 'Dockerfile']) {
      expect(found.map((f) => f.file), file).toContain(file);
    }
    expect(found.filter((f) => f.url !== repository)).toEqual([]);
  });

  it('holds every runbook_url of the shipped rules', () => {
    const runbooks = files
      .filter((file) => /^(monitoring|deploy)\/.*\.ya?ml$/.test(file))
      .flatMap((file) => [...read(file).matchAll(/runbook_url:\s*"?([^"\s]+)/g)].map((m) => ({ file, url: m[1] ?? '' })));
    expect(runbooks.length).toBeGreaterThan(10);
    expect(runbooks.filter((r) => !r.url.startsWith(`${repository}/blob/main/docs/runbook.md#`))).toEqual([]);
  });

  it('catches a URL that names another owner', () => {
    const other = repository.replace(/github\.com\/[\w.-]+\//, 'github.com/someone-else/');
    expect(repositoryUrls(`runbook_url: "${other}/blob/main/docs/runbook.md#x"`)).toEqual([other]);
    expect(other).not.toBe(repository);
  });
});
