/**
 * Wall-clock times in a target's zone, for the batch window's hour lines and its bars' text: Intl's own
 * time-zone data (the runtime's ICU), which the cron module's croner uses too, so the page and the
 * schedules agree on every daylight-saving change. Make one per target and render: it caches the zone's
 * offset per hour (a page formats ~10,000 times; `formatToParts` for each cost seconds), never across
 * renders.
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

const hourMs = 3_600_000;
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const two = (n: number): string => String(n).padStart(2, '0');

/** A clock reading times in `zone` (an IANA name the runtime knows; the caller checks). */
export function zoneClock(zone: string): ZoneClock {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const names = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
  /** Wall clock minus UTC at `ms` (whole seconds), from Intl. */
  const exactOffset = (ms: number): number => {
    const at = Math.floor(ms / 1000) * 1000;
    const found = Object.fromEntries(fields.formatToParts(at).map((part) => [part.type, Number(part.value)]));
    const get = (type: string): number => found[type] ?? 0;
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
  };
  const exactName = (ms: number): string => names.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? zone;
  // Per hour: the offset and name when the same at both ends (zones change offset at most once an hour),
  // else undefined and each time of that hour asks Intl.
  const hours = new Map<number, { readonly offset: number; readonly name: string } | undefined>();
  const hourOf = (ms: number): { readonly offset: number; readonly name: string } | undefined => {
    const bucket = Math.floor(ms / hourMs);
    if (!hours.has(bucket)) {
      const start = bucket * hourMs;
      const offset = exactOffset(start);
      const same = offset === exactOffset(start + hourMs - 1) && exactName(start) === exactName(start + hourMs - 1);
      hours.set(bucket, same ? { offset, name: exactName(start) } : undefined);
    }
    return hours.get(bucket);
  };
  const parts = (ms: number): ZoneParts => {
    const local = new Date(ms + (hourOf(ms)?.offset ?? exactOffset(ms)));
    return {
      date: `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`,
      time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`,
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      weekday: weekdays[local.getUTCDay()] ?? '',
      day: local.getUTCDate(),
    };
  };
  const name = (ms: number): string => hourOf(ms)?.name ?? exactName(ms);
  return {
    zone,
    parts,
    name,
    dateTime: (ms) => {
      const p = parts(ms);
      return `${p.date} ${p.time} ${name(ms)}`;
    },
  };
}
