/**
 * The batch window's SVG: one stretchable strip per process (viewBox `0 0 1000 24`, no aspect ratio, so
 * it fills the column; strokes keep their width with `vector-effect`), the hour axis, and the legend.
 * Only SVG attributes and the page's stylesheet: no inline `style`, no script, nothing loaded. Every bar
 * carries a `<title>` (hover, and what assistive technology reads) and `data-*` with its times and outcome.
 * Pure.
 */
import type { BarKind, Mark, RunBar, WindowRow, WindowTarget } from '../batch-window-types.js';
import { timelineWidth, type HourLine } from '../timeline.js';
import type { ZoneClock } from '../zone-time.js';
import { escapeHtml } from './escape.js';
import { formatDuration } from './time.js';

const height = 24;
const barTop = 6;
const barHeight = 14;

/** How each bar kind reads, in the legend and in a bar's text. */
export const barLabels: Readonly<Record<BarKind, string>> = {
  succeeded: 'succeeded',
  failed_ops: 'failed ops',
  internal_failure: 'internal failure',
  incomplete: 'incomplete (stopped or died)',
  running: 'running',
};

const iso = (ms: number): string => new Date(ms).toISOString();

/** One path of vertical strokes (fire times, hour lines): a few bytes each, not an element each. */
const strokes = (xs: readonly number[], from: number, to: number): string => xs.map((x) => `M${x} ${from}V${to}`).join('');

/** A bar's text: what ran, how it ended, when (in the target's zone), how long. */
export function barText(bar: RunBar, clock: ZoneClock): string {
  const what = bar.id === undefined ? 'latest run (from the status; not in the history yet)' : `run ${bar.id}`;
  const trigger = bar.trigger === undefined ? '' : ` (${bar.trigger})`;
  const ops = (bar.failedOps ?? 0) > 0 ? `, ${bar.failedOps} failed ops` : '';
  const end = bar.kind === 'running' ? 'now' : clock.dateTime(bar.end);
  const clipped = bar.clippedStart ? ', began before the window' : '';
  return `${what}${trigger}: ${barLabels[bar.kind]}${ops}, ${clock.dateTime(bar.begin)} to ${end}, ${formatDuration((bar.end - bar.begin) / 1000)}${clipped}`;
}

function barSvg(bar: RunBar, clock: ZoneClock): string {
  const data = `data-begin="${iso(bar.begin)}" data-end="${iso(bar.end)}" data-outcome="${bar.kind}"${bar.id === undefined ? '' : ` data-run="${escapeHtml(bar.id)}"`}`;
  const clip = `${bar.clippedStart ? ' clipped-start' : ''}${bar.clippedEnd ? ' clipped-end' : ''}`;
  return `<rect class="bw-run k-${bar.kind}${clip}" x="${bar.x}" y="${barTop}" width="${bar.width}" height="${barHeight}" ${data}><title>${escapeHtml(barText(bar, clock))}</title></rect>`;
}

/** Fire times listed in a title: the first ones, then how many more. */
const maxListedFireTimes = 12;

function fireTimesSvg(marks: readonly Mark[], clock: ZoneClock): string {
  if (marks.length === 0) return '';
  const listed = marks.slice(-maxListedFireTimes).map((m) => clock.parts(m.at).time.slice(0, 5));
  const more = marks.length > listed.length ? `${marks.length - listed.length} more, then ` : '';
  const data = marks.map((m) => iso(m.at)).join(' ');
  return `<path class="bw-fire" d="${strokes(marks.map((m) => m.x), 0, barTop - 1)}" data-fire-times="${data}"><title>${marks.length} fire time${marks.length === 1 ? '' : 's'} in the window: ${more}${listed.join(', ')}</title></path>`;
}

/** A short summary of the row for its `aria-label`: the timeline as one sentence. */
export function rowSummary(row: WindowRow): string {
  const byKind = new Map<BarKind, number>();
  for (const bar of row.bars) byKind.set(bar.kind, (byKind.get(bar.kind) ?? 0) + 1);
  const runs = row.bars.length === 0 ? 'no runs in the window' : `${row.bars.length} run${row.bars.length === 1 ? '' : 's'} (${[...byKind].map(([kind, n]) => `${n} ${barLabels[kind]}`).join(', ')})`;
  const parts = [runs, `${row.fireTimes.length} fire time${row.fireTimes.length === 1 ? '' : 's'}`];
  if (row.schedule?.late === true) parts.push('late');
  if (row.deadline !== undefined) parts.push(row.deadline.missed ? 'deadline missed' : row.deadline.atRisk ? 'deadline at risk' : 'deadline ahead');
  return `${row.code}: ${parts.join(', ')}`;
}

/** The strip of one process. */
export function rowSvg(row: WindowRow, target: Pick<WindowTarget, 'now' | 'hours'>, clock: ZoneClock): string {
  const hours = target.hours.filter((line) => !line.midnight).map((line) => line.x);
  const midnights = target.hours.filter((line) => line.midnight).map((line) => line.x);
  const parts = [
    `<path class="bw-hour" d="${strokes(hours, 0, height)}"/>`,
    midnights.length === 0 ? '' : `<path class="bw-midnight" d="${strokes(midnights, 0, height)}"/>`,
    ...row.bars.map((bar) => barSvg(bar, clock)),
  ];
  const { forecast, deadline, next } = row;
  if (forecast !== undefined && forecast.x > target.now.x) {
    parts.push(`<rect class="bw-forecast" x="${target.now.x}" y="${barTop}" width="${Math.round((forecast.x - target.now.x) * 10) / 10}" height="${barHeight}" data-forecast="${iso(forecast.at)}"><title>forecast to complete ${escapeHtml(clock.dateTime(forecast.at))}</title></rect>`);
  }
  parts.push(fireTimesSvg(row.fireTimes, clock));
  if (row.lateSince !== undefined) {
    parts.push(`<path class="bw-late" d="${strokes([row.lateSince.x], 0, height)}" data-late-since="${iso(row.lateSince.at)}"><title>late: due ${escapeHtml(clock.dateTime(row.lateSince.at))}, no run started</title></path>`);
  }
  if (next !== undefined) parts.push(`<path class="bw-next" d="${strokes([next.x], 0, barTop - 1)}" data-next="${iso(next.at)}"><title>next fire time ${escapeHtml(clock.dateTime(next.at))}</title></path>`);
  if (deadline !== undefined) {
    const state = deadline.missed ? 'missed' : deadline.atRisk ? 'at-risk' : 'ok';
    const words = deadline.missed ? 'missed' : deadline.atRisk ? 'at risk: the forecast is later' : 'ahead';
    parts.push(`<path class="bw-deadline ${state}" d="${strokes([deadline.x], 0, height)}" data-deadline="${iso(deadline.at)}"><title>deadline (complete_by ${escapeHtml(deadline.label)}) ${escapeHtml(clock.dateTime(deadline.at))}: ${words}</title></path>`);
  }
  parts.push(`<path class="bw-now" d="${strokes([target.now.x], 0, height)}"/>`);
  return `<svg class="bw-strip" viewBox="0 0 ${timelineWidth} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(rowSummary(row))}">${parts.join('')}</svg>`;
}

/** Labels every third hour and every midnight (30 labels do not fit a laptop's width). */
const labelled = (line: HourLine): boolean => line.midnight || line.hour % 3 === 0;

/** The hour axis above a group of strips: labels in the target's zone, and "now". */
export function axisSvg(target: Pick<WindowTarget, 'now' | 'hours' | 'zone'>): string {
  const percent = (x: number): string => `${Math.round((x / timelineWidth) * 1000) / 10}%`;
  const labels = target.hours
    .filter(labelled)
    .map((line) => `<text x="${percent(line.x)}" y="12"${line.midnight ? ' class="bw-day"' : ''}>${escapeHtml(line.label)}</text>`);
  return `<svg class="bw-axis" width="100%" height="28" role="presentation" aria-hidden="true">${labels.join('')}<text class="bw-now-label" x="${percent(target.now.x)}" y="25">now</text></svg>`;
}

/** The legend: a swatch and a word for each bar kind and mark (never colour alone). */
export function legendHtml(): string {
  const swatch = (inner: string): string => `<svg class="bw-swatch" viewBox="0 0 20 14" aria-hidden="true">${inner}</svg>`;
  const kinds = (Object.keys(barLabels) as BarKind[]).map(
    (kind) => `<li>${swatch(`<rect class="bw-run k-${kind}" x="1" y="2" width="18" height="10"/>`)}${barLabels[kind]}</li>`,
  );
  const marks = [
    `<li>${swatch('<path class="bw-fire" d="M10 0V7"/>')}fire time</li>`,
    `<li>${swatch('<path class="bw-next" d="M10 0V7"/>')}next fire time</li>`,
    `<li>${swatch('<path class="bw-late" d="M10 0V14"/>')}late: a fire time no run answered</li>`,
    `<li>${swatch('<path class="bw-deadline ok" d="M10 0V14"/>')}deadline (red: missed or at risk)</li>`,
    `<li>${swatch('<rect class="bw-forecast" x="1" y="2" width="18" height="10"/>')}forecast to complete</li>`,
    `<li>${swatch('<path class="bw-now" d="M10 0V14"/>')}now</li>`,
  ];
  return `<ul class="bw-legend" aria-label="Legend">${[...kinds, ...marks].join('')}</ul>`;
}
