/**
 * Wall-clock arithmetic in one IANA zone, through Intl (no tz database of our own): the UTC offset at an
 * instant, and the other instant that shows the same wall-clock time during a daylight-saving fall-back
 * (its "twin"). The schedule evaluation uses twins so that a fire time in the repeated hour counts once,
 * whichever of the two passes Guidewire's Quartz fires on (docs/schedules.md, "Time zones and DST").
 */

export interface ZoneClock {
  readonly zone: string;
  /** Wall clock minus UTC at `at`, in ms (e.g. -5 h for Chicago in summer). */
  offset(at: number): number;
  /** The other instant with the same wall-clock reading as `at`, when `at` is in a repeated (fall-back) hour. */
  twin(at: number): number | undefined;
}

/** How far to look for the offset on the other side of a change: every real DST shift is at most 2 h. */
const probeMs = 3 * 3_600_000;

/** A clock for `zone` (throws RangeError for a zone Intl does not know). Create once per schedule: Intl formatters are not cheap. */
export function zoneClock(zone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offset = (at: number): number => {
    const whole = Math.floor(at / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(whole))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    return wall - whole;
  };
  return {
    zone,
    offset,
    twin(at) {
      const here = offset(at);
      // Later twin: the offset drops by d after `at`, and `at + d` shows the same wall clock.
      const drop = here - offset(at + probeMs);
      if (drop > 0 && offset(at + drop) + drop === here) return at + drop;
      // Earlier twin: the offset dropped by d before `at`, and `at - d` shows the same wall clock.
      const rise = offset(at - probeMs) - here;
      if (rise > 0 && offset(at - rise) - rise === here) return at - rise;
      return undefined;
    },
  };
}
