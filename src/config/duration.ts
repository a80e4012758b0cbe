/**
 * Prometheus-style durations (`1h30m`, `90s`, `500ms`), the grammar of Prometheus' `model.ParseDuration`.
 * Pure functions; milliseconds in and out.
 */

const pattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

// In the order of the grammar above. A year is 365 days, as in Prometheus.
const units = [
  { suffix: 'y', ms: 365 * 24 * 3_600_000 },
  { suffix: 'w', ms: 7 * 24 * 3_600_000 },
  { suffix: 'd', ms: 24 * 3_600_000 },
  { suffix: 'h', ms: 3_600_000 },
  { suffix: 'm', ms: 60_000 },
  { suffix: 's', ms: 1_000 },
  { suffix: 'ms', ms: 1 },
] as const;

/**
 * Parses a Prometheus duration into milliseconds: units `y w d h m s ms`, each at most once and in that
 * order (`1h30m`, not `30m1h`). `"0"` is 0. Returns `undefined` for anything else, including `""`,
 * fractions (`1.5h`), signs and spaces, and values beyond `Number.MAX_SAFE_INTEGER` ms.
 */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const match = pattern.exec(text);
  if (match === null) return undefined;
  let total = 0;
  units.forEach((unit, i) => {
    const digits = match[i + 1];
    if (digits !== undefined) total += Number(digits) * unit.ms;
  });
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Formats milliseconds as the shortest Prometheus duration, the inverse of {@link parseDuration}:
 * 5400000 → `"1h30m"`, 0 → `"0s"`. Weeks and years are used only when they divide the value exactly
 * (as Prometheus does), so 8 days is `"8d"` rather than `"1w1d"`. Fractions of a millisecond are rounded.
 */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  if (!Number.isFinite(rest) || rest <= 0) return '0s';
  let out = '';
  for (const unit of units) {
    if ((unit.suffix === 'y' || unit.suffix === 'w') && rest % unit.ms !== 0) continue;
    const count = Math.floor(rest / unit.ms);
    if (count > 0) {
      out += `${count}${unit.suffix}`;
      rest -= count * unit.ms;
    }
  }
  return out;
}
