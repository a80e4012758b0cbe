/** Where the benchmark finds the exporter, its helper scripts and the external programs it drives. */
import { join } from 'node:path';
import { findBinary } from '../test/e2e/binaries.js';

export interface BenchTools {
  /** The built exporter CLI (`dist/cli.js`). */
  readonly cliPath: string;
  /** bench/exporter-probe.mjs */
  readonly probePath: string;
  /** bench/static-server.mjs */
  readonly staticServerPath: string;
  readonly wrk: string;
  readonly pushgateway: string;
}

/** The external programs the benchmark needs, and the Debian packages that bring them. */
export const REQUIRED_PROGRAMS = { wrk: ['wrk'], pushgateway: ['prometheus-pushgateway', 'pushgateway'] } as const;

/** The programs missing from PATH, by name (empty when everything is there). */
export function missingPrograms(): string[] {
  return Object.entries(REQUIRED_PROGRAMS)
    .filter(([, names]) => findBinary(...names) === undefined)
    .map(([name]) => name);
}

/**
 * The tools under `root` (the repository), the CLI at `cliPath` when given. Throws naming what is
 * missing and how to install it.
 */
export function benchTools(root: string, cliPath?: string): BenchTools {
  const wrk = findBinary(...REQUIRED_PROGRAMS.wrk);
  const pushgateway = findBinary(...REQUIRED_PROGRAMS.pushgateway);
  if (wrk === undefined || pushgateway === undefined) {
    throw new Error(`the benchmark needs ${missingPrograms().join(' and ')}: apt-get install wrk prometheus-pushgateway`);
  }
  return {
    cliPath: cliPath ?? join(root, 'dist', 'cli.js'),
    probePath: join(root, 'bench', 'exporter-probe.mjs'),
    staticServerPath: join(root, 'bench', 'static-server.mjs'),
    wrk,
    pushgateway,
  };
}
