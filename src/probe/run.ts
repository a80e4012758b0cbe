/**
 * `probe`: load the configuration, poll each selected target once (concurrently), print what was found
 * and what went wrong, and return the exit code. The I/O shell around the pure pieces of `src/probe/`;
 * the CLI passes in the streams, the environment and whether stdout is a terminal.
 */
import { loadConfigFile } from '../config/load.js';
import type { ExporterConfig, TargetConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { ProbeCommand } from './command.js';
import { probeExposition } from './metrics.js';
import { probeTarget } from './probe-target.js';
import { probeExitCode, ProbeExit, useColor } from './report.js';
import { renderReport, renderTarget } from './table.js';

export interface ProbeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** For `${VAR}` in the configuration, proxies from the environment, and `NO_COLOR`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal: colour and fitting to `columns` only then. */
  readonly isTTY: boolean;
  readonly columns?: number | undefined;
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** The targets `--target` selects, or `undefined` when no target has that name. */
function selectTargets(config: ExporterConfig, name: string | undefined): readonly TargetConfig[] | undefined {
  if (name === undefined) return config.targets;
  const found = config.targets.filter((target) => target.name === name);
  return found.length === 0 ? undefined : found;
}

/** Runs the probe and returns the exit code: 0 all targets up, 1 any down, 2 bad configuration or target name. */
export async function runProbe(command: ProbeCommand, io: ProbeIo): Promise<number> {
  const now = io.now ?? Date.now;
  try {
    const config = await loadConfigFile(command.configFile, { env: io.env });
    const targets = selectTargets(config, command.target);
    if (targets === undefined) {
      const names = config.targets.map((target) => target.name).join(', ');
      io.stderr(`probe: no target named "${command.target ?? ''}" in ${command.configFile}; configured targets: ${names}\n`);
      return ProbeExit.usage;
    }
    const deps = { runDurationBuckets: config.runDurationBuckets, now, schema: command.schema === true, ...(io.signal === undefined ? {} : { signal: io.signal }) };
    const probes = await Promise.all(targets.map((target) => probeTarget(target, deps)));
    const reports = probes.map((probe) => probe.report);
    if (command.output === 'metrics') {
      io.stdout(probeExposition(probes.map((probe) => probe.snapshot)));
      // stdout stays valid exposition text; what failed and why goes to stderr.
      const failed = reports.filter((report) => !report.up);
      if (failed.length > 0) io.stderr(`${failed.map((report) => renderTarget(report, { color: false, now: now() })).join('\n\n')}\n`);
    } else {
      const color = useColor({ isTTY: io.isTTY, noColorFlag: command.noColor, env: io.env });
      const width = io.isTTY && io.columns !== undefined && io.columns > 0 ? { width: io.columns } : {};
      io.stdout(renderReport(reports, { color, now: now(), ...width }));
    }
    return probeExitCode(reports);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${err.message}\n`);
    return ProbeExit.usage;
  }
}
