import { queryString } from '../query.js';
import { isFailingFlag } from '../flags.js';
import type { ProcessRow, SortKey, StatusQuery } from '../types.js';
import { escapeHtml } from './escape.js';
import { flagLabels, runbookUrl } from './flag-labels.js';
import { elapsed, formatDuration, relativeTime, timeHtml } from './time.js';

const columns: readonly { readonly label: string; readonly sort: SortKey; readonly numeric?: boolean }[] = [
  { label: 'Process', sort: 'code' },
  { label: 'State', sort: 'state' },
  { label: 'Flags', sort: 'default' },
  { label: 'Progress', sort: 'progress' },
  { label: 'Ops completed', sort: 'ops_completed', numeric: true },
  { label: 'Ops failed', sort: 'ops_failed', numeric: true },
  { label: 'Last start', sort: 'last_start' },
  { label: 'Completion', sort: 'last_completion' },
  { label: 'Duration', sort: 'duration' },
  { label: 'Last success', sort: 'last_success' },
  { label: 'Next run', sort: 'next_run' },
  { label: 'Late', sort: 'late' },
];

/** A sortable header: a plain link (works without JavaScript); the script loads it in place. */
function header(column: (typeof columns)[number], query: StatusQuery): string {
  const active = query.sort === column.sort;
  const dir = active && query.dir === 'asc' ? 'desc' : 'asc';
  const href = `./${queryString(query, { sort: column.sort, dir })}`;
  const ariaSort = active ? ` aria-sort="${query.dir === 'asc' ? 'ascending' : 'descending'}"` : '';
  const arrow = active ? (query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  const title = column.sort === 'default' ? ' title="failing first"' : '';
  return `<th scope="col"${ariaSort}${column.numeric === true ? ' class="num"' : ''}><a href="${escapeHtml(href)}" data-sort="${column.sort}" data-dir="${dir}"${title}>${column.label}${arrow}</a></th>`;
}

/** The flag chips; failing flags link to their runbook section. */
function flagsHtml(row: ProcessRow): string {
  const chips = row.flags.map((flag) => {
    const { label, alert } = flagLabels[flag];
    const kind = isFailingFlag(flag) ? 'flag bad' : 'flag note';
    return alert === undefined
      ? `<span class="${kind}">${label}</span>`
      : `<a class="${kind}" href="${runbookUrl(alert)}" title="runbook: ${alert}">${label}</a>`;
  });
  const marker = row.failing ? '<strong class="marker">⚠ FAILING</strong> ' : '';
  return chips.length === 0 ? '<span class="none">-</span>' : `${marker}${chips.join(' ')}`;
}

function progressHtml(row: ProcessRow): string {
  const progress = row.progress;
  if (progress === undefined) return '<span class="none">-</span>';
  const bar = progress.ratio === undefined ? '' : `<progress max="1" value="${Math.min(1, progress.ratio)}">${Math.round(progress.ratio * 100)} %</progress> `;
  const percent = progress.ratio === undefined ? '' : ` (${Math.round(progress.ratio * 100)} %)`;
  return `${bar}<span class="progress-text">${progress.done} of ${progress.total}${percent}</span>`;
}

function durationHtml(row: ProcessRow, now: number): string {
  if (row.lastDurationSeconds !== undefined) return formatDuration(row.lastDurationSeconds);
  if (row.state === 'running' && row.lastStartAt !== undefined) return `<em>running ${elapsed(row.lastStartAt, now)}</em>`;
  return '<span class="none">-</span>';
}

const sourceText: Record<NonNullable<ProcessRow['schedule']>['source'], string> = { config: 'configured', scheduler_config: 'scheduler-config.xml', learned: 'learned' };

/** When it runs next, and by which schedule (label, where it comes from, its zone). */
function nextRunHtml(row: ProcessRow, now: number): string {
  const schedule = row.schedule;
  if (schedule === undefined) return '<span class="none" title="no schedule configured, imported or learned">-</span>';
  // Judged at the last poll: a fire time that has come since reads "due", not "next run 3 s ago".
  const due = schedule.nextAt !== undefined && schedule.nextAt <= now ? '<span class="iso">due since the last poll</span>' : '';
  const next = schedule.nextAt === undefined ? '<span class="none">none</span>' : `${timeHtml(schedule.nextAt, now)}${due}`;
  return `${next}<span class="iso schedule" title="${sourceText[schedule.source]} schedule, ${escapeHtml(schedule.timezone)}, grace ${formatDuration(schedule.graceSeconds)}"><span class="cron">${escapeHtml(schedule.label)}</span> ${sourceText[schedule.source]}, ${escapeHtml(schedule.timezone)}</span>`;
}

/** Late or not (in words), missed and skipped fire times since the exporter started, and the deadline. */
function lateHtml(row: ProcessRow, now: number): string {
  const schedule = row.schedule;
  if (schedule === undefined) return '<span class="none">-</span>';
  const late = schedule.late
    ? `<strong class="bad">LATE</strong>${schedule.previousAt === undefined ? '' : `<span class="iso">due ${escapeHtml(relativeTime(schedule.previousAt, now))}</span>`}`
    : 'on time';
  const counts = [
    ...(schedule.missedTotal > 0 ? [`<span class="bad">${schedule.missedTotal} missed</span>`] : []),
    ...(schedule.skippedTotal > 0 ? [`${schedule.skippedTotal} skipped`] : []),
  ];
  const deadline = schedule.deadline;
  const deadlineText =
    deadline === undefined
      ? ''
      : `<span class="iso">${deadline.missed ? '<strong class="bad">deadline missed</strong>' : deadline.atRisk ? '<strong class="bad">deadline at risk</strong>' : 'deadline'} ${escapeHtml(relativeTime(deadline.at, now))}${deadline.forecastAt === undefined ? '' : `, forecast ${escapeHtml(relativeTime(deadline.forecastAt, now))}`}</span>`;
  return `${late}${counts.length === 0 ? '' : `<span class="iso">${counts.join(', ')}</span>`}${deadlineText}`;
}

const count = (value: number | undefined): string => (value === undefined ? '<span class="none">-</span>' : String(value));

function rowHtml(row: ProcessRow, now: number): string {
  const classes = ['process', `state-${row.state}`, ...(row.failing ? ['failing'] : [])].join(' ');
  const reason = row.failureReason === undefined || row.state === 'never_run' ? '' : `<div class="reason">${escapeHtml(row.failureReason)}</div>`;
  const failedOps = (row.opsFailed ?? 0) > 0 ? `<strong class="bad">${row.opsFailed}</strong>` : count(row.opsFailed);
  return `<tr id="${escapeHtml(row.anchor)}" class="${classes}" data-state="${row.state}" data-failing="${row.failing ? 1 : 0}" data-code="${escapeHtml(row.code.toLowerCase())}" data-name="${escapeHtml(row.name.toLowerCase())}"${row.visible ? '' : ' hidden'}>
<td class="name"><code>${escapeHtml(row.code)}</code>${row.name === row.code ? '' : `<div class="display">${escapeHtml(row.name)}</div>`}${reason}</td>
<td><span class="badge state-${row.state}">${row.state.replace('_', ' ')}</span>${row.distributed ? '<div class="iso">distributed</div>' : ''}</td>
<td class="flags">${flagsHtml(row)}</td>
<td>${progressHtml(row)}</td>
<td class="num">${count(row.opsCompleted)}${row.opsExpected === undefined ? '' : `<span class="iso">of ${row.opsExpected}</span>`}</td>
<td class="num">${failedOps}</td>
<td>${timeHtml(row.lastStartAt, now)}</td>
<td>${timeHtml(row.lastCompletionAt, now)}</td>
<td>${durationHtml(row, now)}</td>
<td>${timeHtml(row.lastSuccessAt, now)}</td>
<td>${nextRunHtml(row, now)}</td>
<td class="late">${lateHtml(row, now)}</td>
</tr>`;
}

/** Rows rendered between two pauses of a paced render. */
const rowsPerPart = 50;

/**
 * The table of one target's processes, in the order given, as parts of at most `rowsPerPart` rows;
 * rows the filter hides carry `hidden`. `now` is the target's Guidewire clock (`TargetRow.serverNow`). Pure.
 */
export function* processTableParts(rows: readonly ProcessRow[], query: StatusQuery, now: number): Generator<string> {
  const visible = rows.some((row) => row.visible);
  const empty = rows.length === 0 ? 'No batch process known yet.' : 'No process matches the filter.';
  yield `<table class="processes">
<thead><tr>${columns.map((column) => header(column, query)).join('')}</tr></thead>
<tbody>
`;
  for (let i = 0; i < rows.length; i += rowsPerPart) {
    yield `${rows
      .slice(i, i + rowsPerPart)
      .map((row) => rowHtml(row, now))
      .join('\n')}\n`;
  }
  yield `<tr class="empty"${visible ? ' hidden' : ''}><td colspan="${columns.length}">${empty}</td></tr>
</tbody></table>`;
}
