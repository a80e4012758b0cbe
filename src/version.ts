import { readFileSync } from 'node:fs';

/** The package.json next to `dist/` or `src/`, or `{}` when it cannot be read. */
function packageJson(): Record<string, unknown> {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/** The package version, read from the package.json next to `dist/` or `src/`. */
export function packageVersion(): string {
  const version = packageJson()['version'];
  return typeof version === 'string' ? version : '0.0.0';
}

/**
 * The project's repository as a browsable https URL (no `git+` prefix, no `.git` suffix), from the
 * `repository` field of package.json: the one place the status page's links and the runbook_url of the
 * shipped rules come from (test/unit/deploy/repository-url.test.ts keeps the static files in step).
 */
export function repositoryUrl(): string {
  const field = packageJson()['repository'];
  const url = typeof field === 'string' ? field : typeof field === 'object' && field !== null ? (field as { url?: unknown }).url : undefined;
  if (typeof url !== 'string') throw new Error('package.json has no repository url');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** Where the build came from: written to `dist/build-info.json` by `npm run build` (scripts/build-info.mjs). */
export interface BuildIdentity {
  readonly revision: string;
  readonly branch: string;
}

/**
 * The build identity next to this module (`dist/build-info.json`), or `unknown` for each field when it is
 * absent or unreadable (running from `src/` under the tests, or a build that skipped the step).
 */
export function buildIdentity(): BuildIdentity {
  const field = (parsed: Record<string, unknown>, key: string): string => {
    const value = parsed[key];
    return typeof value === 'string' && value !== '' ? value : 'unknown';
  };
  try {
    const parsed = JSON.parse(readFileSync(new URL('./build-info.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    return { revision: field(parsed, 'revision'), branch: field(parsed, 'branch') };
  } catch {
    return { revision: 'unknown', branch: 'unknown' };
  }
}
