/**
 * Quartz cron expressions (what Guidewire's scheduler runs), evaluated with croner.
 *
 * croner was chosen over cron-parser and cron-schedule: it is dependency-free, typed, maintained, and the
 * only one with every Quartz field (seconds, optional year) and modifier (`L`, `W`, `#`, `?`), Quartz's
 * 1 = Sunday weekday numbering (`alternativeWeekdays`) and IANA time zones through Intl. This module adds
 * what croner does not decide the Quartz way: the `a/b` step form, `?` rules, weekday ranges 1-7, the
 * day-of-week `L` alone (Saturday), and DST gaps (Quartz skips a fire time that does not exist; croner
 * would run a fixed-time job after the gap). See docs/schedules.md.
 */
import { Cron } from 'croner';
import { zoneClock } from './zone-clock.js';

/** The fields of a Quartz expression, in order; `year` is optional. */
export const cronFields = ['seconds', 'minutes', 'hours', 'dayofmonth', 'month', 'dayofweek', 'year'] as const;
export type CronField = (typeof cronFields)[number];

/** A Quartz expression that cannot be evaluated; `field` names the offending field when one is to blame. */
export class CronSyntaxError extends Error {
  readonly field: CronField | undefined;
  constructor(message: string, field?: CronField) {
    super(message);
    this.name = 'CronSyntaxError';
    this.field = field;
  }
}

/** One compiled schedule: a Quartz expression in a time zone. All times are ms since the epoch. */
export interface CronSchedule {
  readonly expression: string;
  readonly timezone: string;
  /** The first fire time strictly after `after`, or undefined when there is none (a past year). */
  next(after: number): number | undefined;
  /** The latest fire time strictly before `before`, or undefined. */
  previous(before: number): number | undefined;
  /** Fire times in (from, to], oldest first, at most `max`. */
  between(from: number, to: number, max: number): number[];
  /**
   * The other instant showing the same wall-clock time as `at` when `at` lies in a repeated (fall-back)
   * hour of the zone, else undefined. See zone-clock.ts.
   */
  twin(at: number): number | undefined;
}

/**
 * The shape of an IANA zone name (`America/Chicago`, `Etc/GMT+5`, `UTC`). Node 24's Intl also accepts
 * offsets such as `+01:00` as a time zone; they are not zones (no daylight saving) and Guidewire reports
 * a `zoneId`, so they are refused on every Node version alike.
 */
const zoneName = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** True when `zone` is an IANA time zone this runtime knows (`UTC` included). */
export function isTimeZone(zone: string): boolean {
  if (zone === '' || zone.length > 64 || !zoneName.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ranges: Readonly<Record<CronField, readonly [number, number]>> = {
  seconds: [0, 59],
  minutes: [0, 59],
  hours: [0, 23],
  dayofmonth: [1, 31],
  month: [1, 12],
  dayofweek: [1, 7],
  year: [1970, 2199],
};
const names: Partial<Record<CronField, readonly string[]>> = {
  month: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  dayofweek: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

const wildcard = (value: string): boolean => value === '*' || value === '?';

function numberIn(field: CronField, text: string): number {
  const upper = text.toUpperCase();
  const named = names[field]?.indexOf(upper) ?? -1;
  const value = named >= 0 ? named + 1 : /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  const [min, max] = ranges[field];
  if (!(value >= min && value <= max)) throw new CronSyntaxError(`${field}: '${text}' is not in ${min}-${max}`, field);
  return value;
}

/** Checks one comma-separated part and rewrites Quartz's `a/b` (start a, every b) into croner's `a-max/b`. */
function normalisePart(field: CronField, part: string): string {
  const [base = '', step, extra] = part.split('/');
  if (extra !== undefined || base === '') throw new CronSyntaxError(`${field}: '${part}' is not a valid value`, field);
  if (step !== undefined && !(/^\d{1,4}$/.test(step) && Number(step) > 0)) {
    throw new CronSyntaxError(`${field}: step '${step}' must be a positive number`, field);
  }
  // Quartz's bound on an increment (CronExpression.checkIncrementRange): at most the field's span.
  if (step !== undefined && field !== 'year' && Number(step) > ranges[field][1]) {
    throw new CronSyntaxError(`${field}: step '${step}' is larger than ${ranges[field][1]}`, field);
  }
  if (field === 'dayofmonth' && /^(L|LW|\d{1,2}W)$/i.test(base) && step === undefined) {
    if (base.toUpperCase().endsWith('W') && base.length > 1 && base.toUpperCase() !== 'LW') numberIn(field, base.slice(0, -1));
    return base.toUpperCase();
  }
  if (field === 'dayofmonth' && /^L-\d+$/i.test(base)) {
    throw new CronSyntaxError(`dayofmonth: '${part}' (an offset from the last day) is not supported`, field);
  }
  if (field === 'dayofweek' && step === undefined) {
    const last = /^([A-Z]{3}|\d)L$/i.exec(base);
    if (last?.[1] !== undefined) return `${numberIn(field, last[1])}#L`;
    if (base.toUpperCase() === 'L') return '7';
    const nth = /^([A-Z]{3}|\d)#(\d)$/i.exec(base);
    if (nth?.[1] !== undefined && nth[2] !== undefined) {
      const n = Number(nth[2]);
      if (n < 1 || n > 5) throw new CronSyntaxError(`dayofweek: '${part}': the occurrence after # must be 1-5`, field);
      return `${numberIn(field, nth[1])}#${n}`;
    }
  }
  const [min, max] = ranges[field];
  if (wildcard(base)) return step === undefined ? '*' : `${min}-${max}/${step}`;
  const bounds = base.split('-');
  if (bounds.length > 2) throw new CronSyntaxError(`${field}: '${part}' is not a valid range`, field);
  const from = numberIn(field, bounds[0] ?? '');
  const to = bounds[1] === undefined ? undefined : numberIn(field, bounds[1]);
  if (to !== undefined && to < from) return wrapped(field, from, to, step === undefined ? 1 : Number(step));
  const range = to === undefined ? (step === undefined ? `${from}` : `${from}-${max}`) : `${from}-${to}`;
  return step === undefined ? range : `${range}/${step}`;
}

/**
 * A range that wraps past the field's end (`22-2` hours, `FRI-MON`, `NOV-FEB`), which Quartz accepts and
 * croner does not: listed value by value, counting on from `from` in steps and wrapping the way Quartz's
 * `addToSet` does (1-based fields wrap to their maximum, not to 0).
 */
function wrapped(field: CronField, from: number, to: number, step: number): string {
  if (field === 'year') throw new CronSyntaxError(`year: range '${from}-${to}' runs backwards`, field);
  const [min, max] = ranges[field];
  const span = max - min + 1;
  const values = new Set<number>();
  for (let i = from; i <= to + span; i += step) values.add(((i - min) % span) + min);
  return [...values].sort((a, b) => a - b).join(',');
}

function normaliseField(field: CronField, value: string): string {
  if (value === '') throw new CronSyntaxError(`${field}: empty`, field);
  if (wildcard(value)) return '*';
  return value.split(',').map((part) => normalisePart(field, part)).join(',');
}

/** Splits a Quartz expression into its fields, checking the count (6, or 7 with a year). */
export function splitQuartz(expression: string): Record<CronField, string> {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6 && parts.length !== 7) {
    throw new CronSyntaxError(`'${expression}' has ${parts.length} fields; a Quartz expression has 6 (seconds to day of week) or 7 (with a year)`);
  }
  const [seconds = '', minutes = '', hours = '', dayofmonth = '', month = '', dayofweek = '', year = '*'] = parts;
  return { seconds, minutes, hours, dayofmonth, month, dayofweek, year };
}

/** The croner pattern for a Quartz expression (exported for tests). Throws CronSyntaxError. */
export function cronerPattern(expression: string): string {
  const fields = splitQuartz(expression);
  const dom = fields.dayofmonth;
  const dow = fields.dayofweek;
  if (dom === '?' && dow === '?') throw new CronSyntaxError(`'?' may stand in day of month or day of week, not both`, 'dayofweek');
  if (!wildcard(dom) && !wildcard(dow)) {
    throw new CronSyntaxError(`a day of month and a day of week cannot both be set (Quartz): make one of them '?'`, 'dayofweek');
  }
  for (const field of ['seconds', 'minutes', 'hours', 'month', 'year'] as const) {
    if (fields[field].includes('?')) throw new CronSyntaxError(`${field}: '?' is only allowed in day of month and day of week`, field);
  }
  // Guidewire's Quartz refuses these at start-up (CronExpression.buildExpression); so do we.
  if (dow.includes(',') && /L/i.test(dow)) throw new CronSyntaxError(`dayofweek: 'L' cannot be combined with other days ('${dow}')`, 'dayofweek');
  if ((dow.match(/#/g) ?? []).length > 1) throw new CronSyntaxError(`dayofweek: only one '#' (nth day) is allowed ('${dow}')`, 'dayofweek');
  return cronFields.map((field) => normaliseField(field, fields[field])).join(' ');
}

/** Bound on fire times skipped while looking for the next real one (a DST gap skips a handful). */
const maxSkips = 64;

const cronerOptions = (timezone: string) =>
  ({ timezone, alternativeWeekdays: true, mode: '6-or-7-parts', paused: true, fixedTimeRule: 'no-wildcard' }) as const;

const cronerMessage = (error: unknown): string =>
  error instanceof Error ? error.message.replace(/^CronPattern: /, '').replace(/^Syntax error, /, '') : String(error);

/**
 * croner's own refusals name no field; find the one to blame by giving croner each field alone (the
 * others wildcards), so the config layer can still say which attribute is wrong.
 */
function blame(pattern: string, timezone: string): CronField | undefined {
  const parts = pattern.split(' ');
  return cronFields.find((_field, i) => {
    const alone = cronFields.map((_other, j) => (j === i ? (parts[j] ?? '*') : '*')).join(' ');
    try {
      new Cron(alone, cronerOptions(timezone));
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Compiles a Quartz expression in an IANA zone. Throws CronSyntaxError for a bad expression or zone.
 * A fire time that croner moves out of a DST gap (02:30 on the spring-forward night becoming 03:00) is
 * dropped, as Quartz does: the wall-clock time it names does not exist that day.
 */
export function compileQuartz(expression: string, timezone: string): CronSchedule {
  if (!isTimeZone(timezone)) throw new CronSyntaxError(`'${timezone}' is not an IANA time zone`);
  const pattern = cronerPattern(expression);
  let cron: Cron;
  try {
    cron = new Cron(pattern, cronerOptions(timezone));
  } catch (error) {
    const field = blame(pattern, timezone);
    throw new CronSyntaxError(`${field ?? `'${expression}'`}: ${cronerMessage(error)}`, field);
  }
  const clock = zoneClock(timezone);
  // croner's match() compares the pattern with the wall clock in the zone: a time moved out of a gap fails it.
  const real = (ms: number): boolean => cron.match(new Date(ms));
  const next = (after: number): number | undefined => {
    let from = after;
    for (let i = 0; i < maxSkips; i += 1) {
      const date = cron.nextRun(new Date(from));
      if (date === null) return undefined;
      const ms = date.getTime();
      if (real(ms)) return ms;
      from = ms;
    }
    return undefined;
  };
  const previous = (before: number): number | undefined => {
    let from = before;
    for (let i = 0; i < maxSkips; i += 1) {
      const [date] = cron.previousRuns(1, new Date(from));
      if (date === undefined) return undefined;
      const ms = date.getTime();
      if (real(ms)) return ms;
      from = ms;
    }
    return undefined;
  };
  return {
    expression,
    timezone,
    next,
    previous,
    between(from, to, max) {
      const out: number[] = [];
      let at = next(from);
      while (at !== undefined && at <= to && out.length < max) {
        out.push(at);
        at = next(at);
      }
      return out;
    },
    twin: (at) => clock.twin(at),
  };
}

/** Guidewire's defaults for the attributes a `<CronSchedule>` leaves out (scheduler-config.xml). */
export const guidewireCronDefaults: Readonly<Record<CronField, string>> = {
  seconds: '0',
  minutes: '0',
  hours: '*',
  dayofmonth: '*',
  month: '*',
  dayofweek: '?',
  year: '*',
};

/**
 * The Quartz expression of a `<CronSchedule>` element's attributes, Guidewire's defaults filled in. A
 * day of week given with the default day of month (`*`) makes the day of month `?`, as Guidewire means it.
 */
export function guidewireCronExpression(attributes: Readonly<Partial<Record<CronField, string>>>): string {
  const value = (field: CronField): string => attributes[field]?.trim() ?? guidewireCronDefaults[field];
  const fields = cronFields.map((field) => value(field));
  if (attributes.dayofmonth === undefined && !wildcard(value('dayofweek'))) fields[3] = '?';
  if (attributes.year === undefined) fields.pop();
  return fields.join(' ');
}
