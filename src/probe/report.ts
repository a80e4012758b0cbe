/** What a probe found per target, and the decisions made from it (exit code, colour). Pure. */
import type { ProcessRow } from './rows.js';

/** One failure of a target's poll: the exact error and what to do about it. */
export interface ProbeProblem {
  /** The error message as the exporter would log it. */
  readonly error: string;
  readonly problem: string;
  readonly hint: string;
}

export interface TargetReport {
  readonly name: string;
  /** For display: never with credentials (see `displayUrl`). */
  readonly baseUrl: string;
  /** True when every request of the poll succeeded, as `guidewire_up`. */
  readonly up: boolean;
  readonly durationSeconds: number;
  /** HTTP requests sent to the System Tools API (token requests not counted). */
  readonly requests: number;
  readonly processes: readonly ProcessRow[];
  /** What `/system-time` told (absent when it was not read or answered 404). */
  readonly serverTime?: { readonly offsetMs: number; readonly zoneId?: string };
  /** One per distinct cause; empty when up. */
  readonly problems: readonly ProbeProblem[];
  /** `--schema`: what the target's API definition said and what the requests carry (see `schemaLines`). */
  readonly schema?: readonly string[];
}

export const ProbeExit = { ok: 0, failed: 1, usage: 2 } as const;

/** 0 when every selected target polled successfully, 1 when any failed. */
export function probeExitCode(reports: readonly Pick<TargetReport, 'up'>[]): number {
  return reports.every((report) => report.up) ? ProbeExit.ok : ProbeExit.failed;
}

/**
 * Colour only on a terminal, unless `NO_COLOR` is set to anything but the empty string
 * (https://no-color.org) or `--no-color` was given.
 */
export function useColor(options: { readonly isTTY: boolean; readonly noColorFlag: boolean; readonly env: Readonly<Record<string, string | undefined>> }): boolean {
  const noColor = options.env['NO_COLOR'];
  return options.isTTY && !options.noColorFlag && (noColor === undefined || noColor === '');
}
