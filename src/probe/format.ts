/** Small text helpers of the probe's terminal output: durations, ages, colours, truncation. Pure. */

/** `850ms`, `5.5s`, `42s`, `12m5s`, `3h12m`, `2d5h`: two units at most, for reading, not parsing. */
export function humanDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < 1_000) return `${Math.round(abs)}ms`;
  if (abs < 10_000) return `${(Math.floor(abs / 100) / 10).toFixed(1)}s`;
  const s = Math.floor(abs / 1_000);
  if (s < 60) return `${s}s`;
  const pairs: [number, string, number, string][] = [
    [86_400, 'd', 3_600, 'h'],
    [3_600, 'h', 60, 'm'],
    [60, 'm', 1, 's'],
  ];
  const [big, bigUnit, small, smallUnit] = pairs.find(([unit]) => s >= unit) ?? [60, 'm', 1, 's'];
  const rest = Math.floor((s % big) / small);
  return `${Math.floor(s / big)}${bigUnit}${rest === 0 ? '' : `${rest}${smallUnit}`}`;
}

/** `5m ago` (or `in 5s` when the server's clock is ahead of this machine's). */
export function ago(at: number, now: number): string {
  return now >= at ? `${humanDuration(now - at)} ago` : `in ${humanDuration(at - now)}`;
}

const Styles = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;
export type Style = keyof typeof Styles;

/** Wraps `text` in an ANSI SGR colour when `color` is on; the text unchanged otherwise. */
export function paint(text: string, style: Style | undefined, color: boolean): string {
  return color && style !== undefined && text !== '' ? `\u001b[${Styles[style]}m${text}\u001b[0m` : text;
}

/** Cuts `text` to `width` characters, the last one an ellipsis, when it is longer. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A URL for display: any `user:password@` replaced by `<secret>@`; the rest as written. */
export function displayUrl(text: string): string {
  if (!URL.canParse(text)) return text.includes('@') ? '<URL hidden: it may hold credentials>' : text;
  const url = new URL(text);
  if (url.username === '' && url.password === '') return text;
  url.username = '';
  url.password = '';
  return url.href.replace('//', '//<secret>@');
}
