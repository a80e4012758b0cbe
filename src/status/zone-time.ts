/**
 * Wall-clock times in a target's zone, for the batch window's hour lines and its bars' text: Intl's own
 * time-zone data (the runtime's ICU), which the cron module's croner uses too, so the page and the
 * schedules agree on every daylight-saving change. Make one per target and render (formatters cost
 * ~0.1 ms to create; kept per render, not in a module-level cache).
 */

export interface ZoneParts {
  /** `2026-11-28` */
  readonly date: string;
  /** `02:00:05` */
  readonly time: string;
  readonly hour: number;
  readonly minute: number;
  /** `Sat` */
  readonly weekday: string;
  readonly day: number;
}

export interface ZoneClock {
  readonly zone: string;
  parts(ms: number): ZoneParts;
  /** The zone's short name at `ms`: `CST`, `CDT`, `GMT+1`, `UTC`. */
  name(ms: number): string;
  /** `2026-11-28 02:00:05 CST`: a time as the target's operators read it. */
  dateTime(ms: number): string;
}

/** A clock reading times in `zone` (an IANA name the runtime knows; the caller checks). Pure. */
export function zoneClock(zone: string): ZoneClock {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
  });
  const names = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
  const parts = (ms: number): ZoneParts => {
    const found = Object.fromEntries(fields.formatToParts(ms).map((part) => [part.type, part.value]));
    const get = (type: string): string => found[type] ?? '';
    return {
      date: `${get('year')}-${get('month')}-${get('day')}`,
      time: `${get('hour')}:${get('minute')}:${get('second')}`,
      hour: Number(get('hour')),
      minute: Number(get('minute')),
      weekday: get('weekday'),
      day: Number(get('day')),
    };
  };
  const name = (ms: number): string => names.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? zone;
  return { zone, parts, name, dateTime: (ms) => `${parts(ms).date} ${parts(ms).time} ${name(ms)}` };
}
