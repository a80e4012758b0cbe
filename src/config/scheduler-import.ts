/**
 * Reads each target's `scheduler_config_file` at load (and so at every reload: SIGHUP reads the file
 * again, and a bad one keeps the running configuration like any configuration error). The I/O shell
 * around `parseSchedulerConfig`.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type { Finding, Path } from './locate.js';
import { targetsOf } from './plain.js';
import { parseSchedulerConfig, schedulerConfigLimits } from './scheduler-config.js';
import type { SchedulerImport } from './types.js';

export interface SchedulerImports {
  /** By target index. */
  readonly imports: ReadonlyMap<number, SchedulerImport>;
  /** Problems reading a file, located at the YAML key that names it. */
  readonly findings: readonly Finding[];
  /** Problems inside the XML files, located in them. */
  readonly problems: readonly ConfigProblem[];
}

/** The file's text; refuses what is not a regular file or is over the size bound before reading it. */
async function readBounded(file: string, signal: AbortSignal | undefined): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error('is not a regular file');
    if (stats.size > schedulerConfigLimits.maxBytes) throw new Error(`is larger than ${schedulerConfigLimits.maxBytes / 1024 / 1024} MiB`);
    return await handle.readFile({ encoding: 'utf8', ...(signal === undefined ? {} : { signal }) });
  } finally {
    await handle.close();
  }
}

/**
 * Reads and parses the scheduler-config.xml of every target that names one, from the raw document (so
 * that its problems are reported together with the YAML's). `isReadable` lists the files the readability
 * check passed: the others are reported by it already.
 */
export async function readSchedulerImports(
  data: unknown,
  baseDir: string,
  isReadable: (file: string) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<SchedulerImports> {
  const imports = new Map<number, SchedulerImport>();
  const findings: Finding[] = [];
  const problems: ConfigProblem[] = [];
  await Promise.all(
    targetsOf(data).map(async ({ target, path: targetPath }) => {
      const index = Number(targetPath[1]);
      const file = target['scheduler_config_file'];
      if (typeof file !== 'string' || file === '') return;
      const env = typeof target['scheduler_env'] === 'string' && target['scheduler_env'] !== '' ? target['scheduler_env'] : undefined;
      const resolved = path.resolve(baseDir, file);
      if (!(await isReadable(resolved))) return;
      const keyPath: Path = [...targetPath, 'scheduler_config_file'];
      let text: string;
      try {
        text = await readBounded(resolved, signal);
      } catch (err) {
        if (signal?.aborted === true) throw err;
        const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
        findings.push({ path: keyPath, at: 'value', message: `file "${resolved}" cannot be read (${reason})` });
        return;
      }
      try {
        imports.set(index, parseSchedulerConfig(text, resolved, env));
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        problems.push(...err.problems);
      }
    }),
  );
  return { imports, findings, problems };
}
