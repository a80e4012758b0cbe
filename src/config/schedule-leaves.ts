/**
 * The schedule keys' leaf values: Quartz cron expressions (`schedule:`, a maintenance window's `cron:`),
 * IANA zones (`timezone:`), `complete_by:` deadlines and absolute timestamps (`from:`/`until:`). Each
 * cron is compiled at load (in UTC: a cron's syntax does not depend on its zone), so a bad one is
 * reported with the field at fault (`minutes: '61' is not in 0-59`). Pure.
 */
import * as z from 'zod';
import { compileQuartz, CronSyntaxError, isTimeZone } from '../cron/quartz.js';
import { checked } from './leaves.js';
import type { DeadlineConfig } from './types.js';

/** Longest cron expression accepted: every minute listed (`0,1,…,59`) is 170 characters. */
export const maxCronLength = 512;
/** Most expressions in one override's `schedule:` list. */
export const maxSchedules = 32;

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly showValue: boolean };

/** Why a Quartz expression is rejected, or undefined when it compiles. The field's value is quoted (a cron is no secret). */
export function cronProblem(expression: string): string | undefined {
  if (expression.length > maxCronLength) return `a cron expression is at most ${maxCronLength} characters`;
  try {
    compileQuartz(expression, 'UTC');
    return undefined;
  } catch (err) {
    if (err instanceof CronSyntaxError) return `invalid Quartz cron expression: ${err.message}`;
    throw err;
  }
}

const cronValue = (input: unknown): Checked<string> => {
  if (typeof input !== 'string') return { ok: false, message: 'expected a Quartz cron expression like "0 0/30 * * * ?"', showValue: false };
  // One space between fields: the expression becomes the `schedule` label.
  const expression = input.trim().split(/\s+/).join(' ');
  const problem = cronProblem(expression);
  return problem === undefined ? { ok: true, value: expression } : { ok: false, message: problem, showValue: false };
};

/** A maintenance window's `cron:`: one Quartz expression. */
export const cron = checked(cronValue);

/**
 * `schedule:` one Quartz expression or a list of them, always built as a list. A bad element is reported
 * at its own index (`schedule[1]`), every one of them.
 */
export const schedule = z
  .unknown()
  .transform((input, ctx): string[] => {
    const list = typeof input === 'string' ? [input] : input;
    if (!Array.isArray(list)) {
      ctx.addIssue({ code: 'custom', message: 'expected a Quartz cron expression or a list of them', params: { showValue: false } });
      return z.NEVER;
    }
    if (list.length === 0 || list.length > maxSchedules) {
      const message = list.length === 0 ? 'must not be an empty list' : `at most ${maxSchedules} expressions`;
      ctx.addIssue({ code: 'custom', message, params: { showValue: false } });
      return z.NEVER;
    }
    const out: string[] = [];
    list.forEach((item: unknown, i) => {
      const result = cronValue(item);
      if (result.ok) out.push(result.value);
      else ctx.addIssue({ code: 'custom', message: result.message, ...(typeof input === 'string' ? {} : { path: [i] }), params: { showValue: false } });
    });
    return out;
  })
  .optional();

/** `timezone:` an IANA zone this runtime knows (`UTC`, `Europe/Zurich`, `America/Chicago`). */
export const timeZone = checked((input) => {
  if (typeof input === 'string' && isTimeZone(input)) return { ok: true, value: input };
  return { ok: false, message: 'expected an IANA time zone like Europe/Zurich, America/Chicago or UTC', showValue: true };
});

const timeOfDay = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/;

/**
 * Parses `complete_by:`: a time of day `HH:MM` or `HH:MM:SS`, optionally followed by a zone
 * (`"06:00 Europe/Zurich"`), becomes a daily Quartz expression; anything else must be a Quartz expression.
 */
export function parseDeadline(text: string): Checked<DeadlineConfig> {
  const trimmed = text.trim();
  const time = timeOfDay.exec(trimmed);
  if (time !== null) {
    const [hours, minutes, seconds] = [Number(time[1]), Number(time[2]), Number(time[3] ?? '0')];
    if (hours > 23 || minutes > 59 || seconds > 59) {
      return { ok: false, message: 'a time of day runs from 00:00 to 23:59:59', showValue: true };
    }
    const zone = time[4];
    if (zone !== undefined && !isTimeZone(zone)) {
      return { ok: false, message: `"${zone}" is not an IANA time zone (write it like "06:00 Europe/Zurich")`, showValue: false };
    }
    return { ok: true, value: { text: trimmed, expression: `${seconds} ${minutes} ${hours} * * ?`, ...(zone !== undefined && { timezone: zone }) } };
  }
  const problem = cronProblem(trimmed);
  if (problem === undefined) return { ok: true, value: { text: trimmed, expression: trimmed.split(/\s+/).join(' ') } };
  // One or two words are meant as a time of day; more are meant as a cron expression.
  if (trimmed.split(/\s+/).length <= 2) {
    return { ok: false, message: 'expected a time of day like "06:00" or "06:00 Europe/Zurich", or a Quartz cron expression', showValue: true };
  }
  return { ok: false, message: problem, showValue: false };
}

export const completeBy = checked((input) =>
  typeof input === 'string' ? parseDeadline(input) : { ok: false, message: 'expected a time of day like "06:00" or a Quartz cron expression', showValue: false },
);

const isoTimestamp = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 timestamp with `Z` or an offset, as ms since the epoch; undefined when it is not one.
 * Written out because `Date.parse` accepts local times (no zone: ambiguous) and 2026-02-30.
 */
export function parseTimestamp(text: string): number | undefined {
  const parts = isoTimestamp.exec(text.trim());
  if (parts === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(parts[i] ?? '0')) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = parts[7] ?? 'Z';
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

/** A maintenance window's `from:` / `until:`. */
export const timestamp = checked((input) => {
  const ms = typeof input === 'string' ? parseTimestamp(input) : undefined;
  if (ms !== undefined) return { ok: true, value: ms };
  return { ok: false, message: 'expected a timestamp with a zone like 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00', showValue: true };
});
