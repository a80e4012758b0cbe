import type { TargetRow, StatusQuery } from '../types.js';
import { escapeHtml } from './escape.js';
import { runbookUrl } from './flag-labels.js';
import { processTableParts } from './process-table.js';
import { formatDuration, timeHtml } from './time.js';

const none = '<span class="none">-</span>';

/** `up`, `down` or `pending` as a badge with its word (never colour alone). */
function healthBadge(target: TargetRow): string {
  return `<span class="badge health-${target.health}">${target.health}</span>`;
}

function requestsText(target: TargetRow): string {
  const requests = target.lastPoll?.requests;
  if (requests === undefined) return none;
  return requests.history === 0 ? String(requests.status) : `${requests.status} <span class="iso">+ ${requests.history} history</span>`;
}

function errorsHtml(target: TargetRow): string {
  const errors = target.lastPoll?.errors ?? [];
  if (errors.length === 0) return none;
  return errors
    .map((error) => {
      const count = error.count === 1 ? '' : ` <span class="iso">(×${error.count})</span>`;
      const examples = error.examples.length === 0 ? '' : ` <span class="iso">e.g. ${error.examples.map((example) => escapeHtml(example)).join('; ')}</span>`;
      return `<div class="error"><code>${escapeHtml(error.reason)}</code> ${escapeHtml(error.message)}${count}${examples}</div>`;
    })
    .join('');
}

/** The server clock's offset from ours and its zone, from `/system-time`. */
function serverClockHtml(target: TargetRow): string {
  const time = target.serverTime;
  if (time === undefined) return '<span class="none" title="/system-time has not answered (older releases do not have it): times are taken as on our clock">unknown</span>';
  const offset = Math.abs(time.offsetSeconds) < 1 ? 'in step with ours' : `${formatDuration(Math.abs(time.offsetSeconds))} ${time.offsetSeconds > 0 ? 'ahead of' : 'behind'} ours`;
  return `${offset}${time.zone === undefined ? '' : `<span class="iso">${escapeHtml(time.zone)}</span>`}`;
}

/** The maintenance window, when the target has any: open until when, or when the next opens. */
function maintenanceHtml(target: TargetRow, now: number): string {
  const m = target.maintenance;
  if (m === undefined) return '';
  const name = m.name === undefined ? '' : ` (${escapeHtml(m.name)})`;
  const text = m.active
    ? `<strong class="note">open${name}</strong>${m.until === undefined ? '' : ` until ${timeHtml(m.until, now)}`}`
    : `closed${m.nextFrom === undefined ? '' : `, next ${timeHtml(m.nextFrom, now)}`}`;
  return `\n<div><dt>Maintenance window</dt><dd>${text}</dd></div>`;
}

/** One row of the targets overview, linking to the target's section. Pure. */
function targetSummaryRow(target: TargetRow, now: number): string {
  const poll = target.lastPoll;
  return `<tr class="health-${target.health}${target.health === 'down' ? ' failing' : ''}">
<td><a href="#${escapeHtml(target.anchor)}">${escapeHtml(target.name)}</a></td>
<td>${healthBadge(target)}</td>
<td class="num">${target.processes.length}</td>
<td class="num">${target.failingCount === 0 ? '0' : `<strong class="bad">${target.failingCount}</strong>`}</td>
<td>${timeHtml(poll?.startedAt, now)}</td>
<td>${poll === undefined ? none : formatDuration(poll.durationSeconds)}</td>
<td class="num">${requestsText(target)}</td>
<td>${timeHtml(target.nextPollAt, now)}</td>
<td>${errorsHtml(target)}</td>
</tr>`;
}

/** The overview table of every target. Pure. */
export function targetsTableHtml(targets: readonly TargetRow[], now: number): string {
  if (targets.length === 0) return '<p>No target is configured.</p>';
  return `<table class="targets">
<thead><tr><th scope="col">Target</th><th scope="col">Health</th><th scope="col" class="num">Processes</th><th scope="col" class="num">Failing</th><th scope="col">Last poll</th><th scope="col">Poll duration</th><th scope="col" class="num">Requests per poll</th><th scope="col">Next poll</th><th scope="col">Last error</th></tr></thead>
<tbody>
${targets.map((target) => targetSummaryRow(target, now)).join('\n')}
</tbody></table>`;
}

/** A target's section: its poll facts and the table of its processes, in parts. Pure. */
export function* targetSectionParts(target: TargetRow, query: StatusQuery, now: number): Generator<string> {
  const poll = target.lastPoll;
  const down = target.health === 'down' ? ` <a class="flag bad" href="${runbookUrl('GuidewireExporterTargetDown')}">runbook: target down</a>` : '';
  yield `<section class="target" id="${escapeHtml(target.anchor)}">
<h2>${escapeHtml(target.name)} ${healthBadge(target)}${down}</h2>
<dl class="facts">
<div><dt>Last poll</dt><dd>${timeHtml(poll?.startedAt, now)}</dd></div>
<div><dt>Poll duration</dt><dd>${poll === undefined ? none : formatDuration(poll.durationSeconds)}</dd></div>
<div><dt>Requests</dt><dd>${requestsText(target)}</dd></div>
<div><dt>Next poll</dt><dd>${timeHtml(target.nextPollAt, now)}</dd></div>
<div><dt>Poll interval</dt><dd>${formatDuration(target.pollIntervalSeconds)}</dd></div>
<div><dt>Last successful poll</dt><dd>${timeHtml(poll?.lastSuccessAt, now)}</dd></div>
<div><dt>Processes</dt><dd>${target.processes.length}, ${target.failingCount} failing</dd></div>
<div><dt>Server clock</dt><dd>${serverClockHtml(target)}</dd></div>${maintenanceHtml(target, target.serverNow)}
<div class="wide"><dt>Errors of the last poll</dt><dd>${errorsHtml(target)}</dd></div>
</dl>
`;
  // Process times are Guidewire's: relative to its clock, so a server clock ahead of ours shows no "in 90 s".
  yield* processTableParts(target.processes, query, target.serverNow);
  yield `
</section>`;
}
