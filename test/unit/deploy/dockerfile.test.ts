import { describe, expect, it } from 'vitest';
import { readRepoFile } from './kubernetes-manifests.js';
import { dockerfileProblems, execForm, parseDockerfile } from './dockerfile-rules.js';

const dockerfile = readRepoFile('Dockerfile');
const replace = (from: string | RegExp, to: string): string => {
  const changed = dockerfile.replace(from, to);
  if (changed === dockerfile) throw new Error(`the Dockerfile has no ${String(from)}`);
  return changed;
};

describe('Dockerfile', () => {
  it('follows our rules: multi-stage on node:24, non-root, 7723, health check, exec form, OCI labels, production deps', () => {
    expect(dockerfileProblems(dockerfile)).toEqual([]);
  });

  it('the rules catch each way of breaking them', () => {
    const cases: [string, string][] = [
      [replace(/^FROM node:24-bookworm-slim$/m, 'FROM node:latest'), 'every stage must start FROM a node:24 tag'],
      [replace('USER 65532:65532', 'USER node'), 'the final USER must be a numeric non-root UID, got "node"'],
      [replace('USER 65532:65532', 'USER 0'), 'the final USER must be a numeric non-root UID, got "0"'],
      [replace('EXPOSE 7723', 'EXPOSE 8080'), 'the final stage must EXPOSE 7723'],
      [replace('ENTRYPOINT ["node", "/app/dist/cli.js"]', 'ENTRYPOINT node /app/dist/cli.js'), 'ENTRYPOINT must be exec form running node (PID 1 gets SIGTERM)'],
      [replace('org.opencontainers.image.revision=', 'org.opencontainers.image.rev='), 'label org.opencontainers.image.revision missing'],
      [replace('--omit=dev --ignore-scripts', '--ignore-scripts'), 'the final stage must install with npm ci --omit=dev --ignore-scripts only'],
      [replace('7723/-/healthy', '7723/'), 'HEALTHCHECK must be exec form asking /-/healthy'],
    ];
    for (const [text, problem] of cases) expect(dockerfileProblems(text)).toContain(problem);
  });

  it('labels an image built without build arguments with the package version', () => {
    const version = (JSON.parse(readRepoFile('package.json')) as { version: string }).version;
    const args = parseDockerfile(dockerfile).at(-1)?.instructions.filter((i) => i.keyword === 'ARG').map((i) => i.args);
    expect(args).toContain(`VERSION=${version}`);
  });

  it('runs the CLI with the configuration at its documented path by default', () => {
    const final = parseDockerfile(dockerfile).at(-1);
    const cmd = execForm(final?.instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '');
    expect(cmd).toEqual(['--config.file=/etc/guidewire-batch-exporter/config.yml']);
  });
});

/** Whether `.dockerignore` lets `path` into the build context (last matching pattern wins, as in Docker). */
function inContext(path: string): boolean {
  const patterns = readRepoFile('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  let included = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const glob = pattern.replace(/^!/, '').replace(/\/$/, '');
    const regex = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}(/|$)`);
    if (regex.test(path)) included = negated;
  }
  return included;
}

describe('.dockerignore', () => {
  it('lets in every file the Dockerfile copies from the context, and keeps out node_modules, dist, tests and .git', () => {
    const sources = parseDockerfile(dockerfile)
      .flatMap((stage) => stage.instructions)
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from='))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toContain('src');
    for (const source of sources) expect(inContext(`${source}/x.ts`) || inContext(source), source).toBe(true);
    for (const path of ['node_modules/yaml/index.js', 'dist/cli.js', 'test/unit/x.test.ts', '.git/HEAD', '.tmp/x']) expect(inContext(path), path).toBe(false);
  });
});
