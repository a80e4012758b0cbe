/**
 * The "schedules:" part of `--config.check`: for every target, each scheduled entry (an override's
 * `schedule:`, each imported scheduler-config.xml entry) with its next three fire times, each maintenance
 * window's next opening, and the import's warnings, so that a user can see the schedule is understood
 * before the exporter runs. Pure: `now` is passed in.
 */
import path from 'node:path';
import { compileQuartz } from '../cron/quartz.js';
import { formatDuration } from '../config/duration.js';
import type { ExporterConfig, MaintenanceWindow, ProcessOverride, TargetConfig } from '../config/types.js';
import { firstMatcher } from '../poller/glob.js';

/** Shown for a schedule without a configured zone: Guidewire's zone is only known once `/system-time` is read. */
const serverZone = 'server zone, shown in UTC until /system-time is read';

interface Parts {
  readonly date: string;
  readonly time: string;
  readonly offset: string;
}

/** `2026-12-06`, `21:00:00`, `-06:00` of an instant in a zone. */
function partsIn(ms: number, zone: string): Parts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const part = (type: Intl.DateTimeFormatPartTypes): string => format.formatToParts(ms).find((p) => p.type === type)?.value ?? '';
  const gmt = part('timeZoneName').replace(/^GMT/, '');
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}:${part('second')}`, offset: gmt === '' ? '+00:00' : gmt };
}

/** `2026-12-06 21:00:00 -06:00` in `zone`. */
export function formatInstant(ms: number, zone: string): string {
  const p = partsIn(ms, zone);
  return `${p.date} ${p.time} ${p.offset}`;
}

/** The first instant in full, the next ones by their time only while date and offset stay the same. */
export function formatInstants(instants: readonly number[], zone: string): string {
  let previous: Parts | undefined;
  return instants
    .map((ms) => {
      const p = partsIn(ms, zone);
      const short = previous !== undefined && previous.date === p.date && previous.offset === p.offset;
      previous = p;
      return short ? p.time : `${p.date} ${p.time} ${p.offset}`;
    })
    .join(', ');
}

/** `next: …` with the next three fire times of `expression` in `zone` (UTC when the zone is the server's). */
function nextFireTimes(expression: string, zone: string | undefined, now: number): string {
  const cron = compileQuartz(expression, zone ?? 'UTC');
  const times: number[] = [];
  for (let at = cron.next(now); at !== undefined && times.length < 3; at = cron.next(at)) times.push(at);
  return times.length === 0 ? 'no fire time after now' : `next: ${formatInstants(times, zone ?? 'UTC')}`;
}

/** Rows of two or more columns, padded so that the columns line up. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
}

function scheduleRows(target: TargetConfig, now: number): string[][] {
  const rows: string[][] = [];
  target.overrides.forEach((o, i) => {
    const zone = o.timezone ?? target.timezone;
    for (const expression of o.schedule ?? []) {
      rows.push([o.match, expression, `(overrides[${i}], ${zone ?? serverZone})`, nextFireTimes(expression, zone, now)]);
    }
  });
  const overrideOf = firstMatcher<ProcessOverride>(target.overrides);
  for (const [code, entries] of target.schedulerImport?.processes ?? []) {
    const o = overrideOf(code);
    const zone = o?.timezone ?? target.timezone;
    for (const { expression, source } of entries) {
      const where = path.basename(source);
      if (o?.schedule !== undefined) {
        rows.push([code, expression, `(${where})`, `replaced by the schedule of overrides[${target.overrides.indexOf(o)}] (match ${o.match})`]);
      } else rows.push([code, expression, `(${where}, ${zone ?? serverZone})`, nextFireTimes(expression, zone, now)]);
    }
  }
  return rows;
}

function maintenanceRow(w: MaintenanceWindow, now: number): string[] {
  const name = `maintenance ${w.name ?? '(unnamed)'}`;
  if (w.kind === 'absolute') {
    const span = `${formatInstant(w.from, 'UTC')} until ${formatInstant(w.until, 'UTC')}`;
    const state = w.until <= now ? 'over' : w.from <= now ? 'open now' : 'upcoming';
    return [name, span, `(absolute)`, state];
  }
  const opening = compileQuartz(w.expression, w.timezone).next(now);
  const next = opening === undefined ? 'no opening after now' : `next opening: ${formatInstant(opening, w.timezone)}`;
  return [name, `${w.expression} for ${formatDuration(w.durationMs)}`, `(${w.timezone})`, next];
}

function describeTarget(target: TargetConfig, now: number): string {
  // Two tables: a window's span is much wider than a cron expression.
  const schedules = scheduleRows(target, now);
  const windows = target.maintenance.map((w) => maintenanceRow(w, now));
  const warnings = (target.schedulerImport?.warnings ?? []).map((w) => `  warning: ${w}`);
  const none = ['  (none configured: a schedule is learned from the run history where it can be)'];
  const body = schedules.length + windows.length === 0 ? none : [...table(schedules), ...table(windows)];
  return [`target ${target.name}`, ...body, ...warnings].join('\n');
}

/**
 * The "schedules:" part of `--config.check`: one block per target, fire times in each entry's zone (the
 * override's `timezone`, else the target's, else the server's, shown in UTC), at or after `now`.
 */
export function describeSchedules(config: ExporterConfig, now: number): string {
  return `schedules:\n${config.targets.map((t) => describeTarget(t, now)).join('\n\n')}\n`;
}
