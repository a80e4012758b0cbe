/**
 * The cross-field rule of the baseline keys, on the raw document (whether or not the schema accepted
 * it): an override's `baseline_min_runs` may not exceed its `baseline_runs` (or the default 20), or the
 * baseline could never exist. Pure.
 */
import type { Finding } from './locate.js';
import { isPlain, targetsOf } from './plain.js';
import { defaults } from './types.js';

const integer = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
};

export function baselineFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const { target, path } of targetsOf(data)) {
    const overrides = target['overrides'];
    if (!Array.isArray(overrides)) continue;
    overrides.forEach((entry: unknown, i) => {
      if (!isPlain(entry)) return;
      const minRuns = integer(entry['baseline_min_runs']);
      const runs = integer(entry['baseline_runs']) ?? defaults.baselineRuns;
      if (minRuns !== undefined && minRuns > runs) {
        findings.push({
          path: [...path, 'overrides', i, 'baseline_min_runs'],
          at: 'value',
          message: `"baseline_min_runs" (${minRuns}) must not exceed "baseline_runs" (${runs}${'baseline_runs' in entry ? '' : ', the default'})`,
        });
      }
    });
  }
  return findings;
}
