/**
 * Cross-field rules of the schedule keys, on the raw document (whether or not the schema accepted it, so
 * that every problem is reported at once): a maintenance window is either `cron` + `duration` or `from` +
 * `until` with `from` before `until`, and `scheduler_env` needs a `scheduler_config_file`. Pure.
 */
import type { Finding, Path } from './locate.js';
import { isPlain, targetsOf, type Plain } from './plain.js';
import { parseTimestamp } from './schedule-leaves.js';

const recurringKeys = ['cron', 'duration'] as const;
const absoluteKeys = ['from', 'until'] as const;

function windowFindings(window: Plain, path: Path): Finding[] {
  const has = (key: string): boolean => key in window;
  const recurring = recurringKeys.some(has);
  const absolute = absoluteKeys.some(has);
  if (!recurring && !absolute) {
    return [{ path, at: 'value', message: 'a maintenance window needs "cron" and "duration" (recurring) or "from" and "until" (absolute)' }];
  }
  if (recurring && absolute) {
    const key = Object.keys(window).find((k) => (absoluteKeys as readonly string[]).includes(k)) ?? 'from';
    return [{ path: [...path, key], at: 'key', message: 'a maintenance window is either "cron" + "duration" or "from" + "until", not both' }];
  }
  const pair = recurring ? recurringKeys : absoluteKeys;
  const findings: Finding[] = pair
    .filter((key) => !has(key))
    .map((key) => ({ path, at: 'value' as const, message: `missing "${key}" (it goes with "${pair.find(has) ?? ''}")` }));
  if (absolute && has('timezone')) {
    findings.push({ path: [...path, 'timezone'], at: 'key', message: '"timezone" is for a "cron" window; "from" and "until" carry their own offset' });
  }
  const from = typeof window['from'] === 'string' ? parseTimestamp(window['from']) : undefined;
  const until = typeof window['until'] === 'string' ? parseTimestamp(window['until']) : undefined;
  if (from !== undefined && until !== undefined && from >= until) {
    findings.push({ path: [...path, 'until'], at: 'value', message: '"until" must be later than "from"' });
  }
  return findings;
}

/** The maintenance windows of `global` and of every target, and `scheduler_env` without a file. */
export function scheduleFindings(data: unknown): Finding[] {
  if (!isPlain(data)) return [];
  const blocks: { block: Plain; path: Path }[] = isPlain(data['global']) ? [{ block: data['global'], path: ['global'] }] : [];
  for (const { target, path } of targetsOf(data)) blocks.push({ block: target, path });
  const findings: Finding[] = [];
  for (const { block, path } of blocks) {
    const windows = block['maintenance'];
    if (Array.isArray(windows)) {
      windows.forEach((window: unknown, i) => {
        if (isPlain(window)) findings.push(...windowFindings(window, [...path, 'maintenance', i]));
      });
    }
    if (path[0] === 'targets' && 'scheduler_env' in block && !('scheduler_config_file' in block)) {
      findings.push({ path: [...path, 'scheduler_env'], at: 'key', message: '"scheduler_env" requires "scheduler_config_file"' });
    }
  }
  return findings;
}
