/**
 * Leaf values of the baseline, failure-threshold and ownership keys of an override: `baseline_runs`,
 * `baseline_min_runs`, `duration_factor`, `failure_threshold`, `labels`. Bounds are documented in
 * docs/configuration.md ("Baselines, failures and owners").
 */
import * as z from 'zod';
import { checked } from './leaves.js';

/** Most completed runs a baseline may ask for (the recent-runs ring holds at most `max_kept_runs`). */
export const maxBaselineRuns = 1000;
/** Most ownership labels per override: each one is a label on every process the override matches. */
export const maxOwnershipLabels = 16;
/** Longest ownership label value (characters). */
export const maxLabelValueLength = 256;
/** Largest `duration_factor`: beyond it the alerts would never fire. */
export const maxDurationFactor = 1000;
/** Largest `failure_threshold`. */
export const maxFailureThreshold = 1000;

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Label names an ownership label may not take: those `guidewire_batch_process_info` already has, those
 * Prometheus adds at scrape time, and those the other process families carry (a rule joining the info
 * labels onto them with `group_left` would overwrite them).
 */
export const reservedLabelNames: ReadonlySet<string> = new Set([
  'target',
  'batch_process',
  'name',
  'distributed',
  'job',
  'instance',
  'alertname',
  'state',
  'outcome',
  'trigger',
  'le',
  'quantile',
  'schedule',
  'timezone',
  'source',
]);

/** An integer in [1, max]; strings accepted so that `${VAR}` works. */
const boundedInteger = (max: number) =>
  checked((input) => {
    const n = typeof input === 'string' && /^\d+$/.test(input) ? Number(input) : input;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= max) return { ok: true, value: n };
    return { ok: false, message: `expected an integer from 1 to ${max}`, showValue: true };
  });

export const baselineRuns = boundedInteger(maxBaselineRuns);
export const failureThreshold = boundedInteger(maxFailureThreshold);

/** `duration_factor`: a number greater than 1 (k × p90 must lie above p90), up to `maxDurationFactor`. */
export const durationFactor = checked((input) => {
  const n = typeof input === 'string' && /^\d+(\.\d+)?$/.test(input) ? Number(input) : input;
  if (typeof n === 'number' && Number.isFinite(n) && n > 1 && n <= maxDurationFactor) return { ok: true, value: n };
  return { ok: false, message: `expected a number greater than 1 and at most ${maxDurationFactor}, like 3 or 2.5`, showValue: true };
});

/** Why a label name cannot be used, or undefined when it can. Pure. */
export function labelNameProblem(name: string): string | undefined {
  if (!labelNamePattern.test(name)) return 'a label name must match [a-zA-Z_][a-zA-Z0-9_]*';
  if (name.startsWith('__')) return 'label names starting with "__" are reserved by Prometheus';
  if (reservedLabelNames.has(name)) return `"${name}" is a label the exporter or Prometheus already uses`;
  return undefined;
}

/**
 * `labels:` a map of ownership labels (`team: billing`). Names checked by `labelNameProblem`; values
 * non-empty strings (numbers and booleans as written) of at most `maxLabelValueLength` characters; at most
 * `maxOwnershipLabels` entries. Every problem is reported at its key.
 */
export const ownershipLabels = z
  .record(z.string(), z.unknown())
  .transform((map, ctx): Readonly<Record<string, string>> => {
    const out: Record<string, string> = {};
    const entries = Object.entries(map);
    if (entries.length > maxOwnershipLabels) {
      ctx.addIssue({ code: 'custom', message: `at most ${maxOwnershipLabels} labels (found ${entries.length})`, params: { showValue: false } });
    }
    for (const [name, raw] of entries) {
      const fail = (message: string): void => {
        ctx.addIssue({ code: 'custom', path: [name], message, params: { showValue: false } });
      };
      const nameProblem = labelNameProblem(name);
      if (nameProblem !== undefined) {
        fail(nameProblem);
        continue;
      }
      const value = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
      if (value === undefined) fail('expected a string value');
      else if (value === '') fail('expected a non-empty value (an empty label is no label)');
      else if (value.length > maxLabelValueLength) fail(`a label value may have at most ${maxLabelValueLength} characters (found ${value.length})`);
      else out[name] = value;
    }
    return out;
  })
  .optional();
