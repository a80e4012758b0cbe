// Writes dist/build-info.json, the build identity `guidewire_exporter_build_info` reports (src/version.ts):
// the short git revision and branch of the checkout being built. Run by `npm run build` after tsc.
//
// Precedence: GWE_REVISION / GWE_BRANCH when set and non-empty (the Docker build passes its REVISION
// build argument, since .git never reaches the build context), then git, then "unknown" (a source tarball
// built outside a git checkout, or no git installed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('..', import.meta.url);

/** The trimmed output of `git args` in the repository root, or undefined when git fails. */
function git(args) {
  try {
    const out = execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

const fromEnv = (name) => (process.env[name] ?? '').trim() || undefined;

const info = {
  revision: fromEnv('GWE_REVISION') ?? git(['rev-parse', '--short', 'HEAD']) ?? 'unknown',
  // A detached HEAD (CI checkouts of a tag or commit) reads "HEAD": no branch to report.
  branch: fromEnv('GWE_BRANCH') ?? [git(['rev-parse', '--abbrev-ref', 'HEAD'])].find((b) => b !== undefined && b !== 'HEAD') ?? 'unknown',
};

mkdirSync(new URL('dist/', root), { recursive: true });
writeFileSync(new URL('dist/build-info.json', root), `${JSON.stringify(info, null, 2)}\n`);
