import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import type { ExporterConfig } from '../../../src/config/types.js';
import { ConfigError } from '../../../src/errors.js';
import type { ConfigProblem } from '../../../src/errors.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory under the OS temp dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gwe-config-'));
  dirs.push(dir);
  return dir;
}

/** Writes `files` (relative path → content) under `dir`, creating directories. */
export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

/** YAML from lines, so tests can count lines and columns. */
export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The directory of the sample configuration files. */
export const fixtures = path.resolve(import.meta.dirname, '../../fixtures/config');

/** The first three lines of a valid file; line 4 onwards continues targets[0]. */
export const target = ['targets:', '  - name: pc', '    base_url: https://pc.example.com/rest'] as const;

/** Parses YAML lines as `/etc/gwe/config.yml`, with no environment and every `*_file` readable. */
export const parse = (...lines: string[]): Promise<ExporterConfig> =>
  parseConfigText(yaml(...lines), '/etc/gwe/config.yml', { env: {}, checkReadable: async () => true });

/** The ConfigError a promise rejects with (fails the test if it resolves or rejects otherwise). */
export async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

/** Problems as `line:column path: message` strings, the compact form the error tests assert on. */
export async function problems(promise: Promise<unknown>): Promise<string[]> {
  return (await configError(promise)).problems.map(compact);
}

export const compact = (p: ConfigProblem): string => `${p.line ?? '-'}:${p.column ?? '-'} ${p.path}: ${p.message}`;
