/** Load generation with wrk (the same client for every server compared), and parsing of its report. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LoadOptions {
  readonly durationSeconds: number;
  /** Send `Accept-Encoding: gzip`, as Prometheus always does. */
  readonly gzip: boolean;
  /** Open connections; default 2 (an HA pair of Prometheus servers, flat out). */
  readonly connections?: number;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Responses that were not 2xx/3xx, plus connect/read/write errors and timeouts. */
  readonly errors: number;
}

const unitMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text ?? '');
  return match === null ? Number.NaN : Number(match[1]) * (unitMs[match[2] as string] ?? Number.NaN);
}

/** Reads req/s, p50, p99, request and error counts from `wrk --latency` output; NaN for what is missing. */
export function parseWrk(output: string): LoadResult {
  const percentile = (p: string): number => durationMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(output)?.[1]);
  const non2xx = Number(/Non-2xx or 3xx responses:\s*(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s*([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN),
    errors: non2xx + socketErrors,
  };
}

/** Loads `url` with wrk (one thread, so the server under test keeps a core) and returns its figures. */
export async function runWrk(wrkPath: string, url: string, options: LoadOptions): Promise<LoadResult> {
  const args = ['--latency', '-t', '1', '-c', String(options.connections ?? 2), '-d', `${options.durationSeconds}s`, '--timeout', '10s'];
  if (options.gzip) args.push('-H', 'Accept-Encoding: gzip');
  const { stdout } = await run(wrkPath, [...args, url], { maxBuffer: 1 << 20 });
  return parseWrk(stdout);
}
