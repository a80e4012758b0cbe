/** A description of the machine a benchmark ran on, for the report. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly node: string;
  readonly wrk: string;
  readonly pushgateway: string;
}

/** The first line a program prints (on stdout or stderr) for `args`, cut before any copyright notice. */
function versionLine(binary: string, args: readonly string[]): string {
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  const line = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')[0]?.replace(/\s*Copyright.*$/, '').trim() ?? '';
  return line === '' ? 'unknown' : line;
}

/** Reads /proc/cpuinfo (Linux) for the CPU model; `unknown` elsewhere. */
function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine(tools: { readonly wrk: string; readonly pushgateway: string }): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryBytes: totalmem(),
    node: process.version,
    wrk: versionLine(tools.wrk, ['-v']),
    pushgateway: versionLine(tools.pushgateway, ['--version']),
  };
}
