import { maxDrawnRows } from '../batch-window.js';
import type { BatchWindowView, WindowGroup, WindowRow, WindowTarget } from '../batch-window-types.js';
import { isFailingFlag } from '../flags.js';
import { docsBase } from '../links.js';
import { queryString } from '../query.js';
import { StateFilters, type StatusQuery } from '../types.js';
import { zoneClock, type ZoneClock } from '../zone-time.js';
import { escapeHtml } from './escape.js';
import { flagLabels } from './flag-labels.js';
import { styles } from './styles.js';
import { timelineStyles } from './timeline-styles.js';
import { axisSvg, legendHtml, rowSvg } from './timeline-svg.js';
import { isoUtc } from './time.js';

/** An active group opens by default only when this small: 5,000 open rows would bury the trouble. */
const openActiveUpTo = 60;

/** The same GET filter as the status page (works without JavaScript), posting to this page. */
function filtersHtml(query: StatusQuery): string {
  const options = StateFilters.map((state) => `<option value="${state}"${state === query.state ? ' selected' : ''}>${state === 'all' ? 'all states' : state.replace('_', ' ')}</option>`);
  return `<form id="filters" method="get" action="./batch-window" role="search">
<label>State <select name="state">${options.join('')}</select></label>
<label>Name <input type="search" name="q" value="${escapeHtml(query.q)}" placeholder="code or name" autocomplete="off"></label>
<button type="submit">Apply</button>
</form>`;
}

function rowHtml(row: WindowRow, target: WindowTarget, clock: ZoneClock): string {
  const chips = row.flags.filter(isFailingFlag).map((flag) => `<span class="flag bad">${flagLabels[flag].label}</span>`);
  const schedule = row.schedule === undefined ? '' : `<span class="iso" title="${escapeHtml(row.schedule.source)}, ${escapeHtml(row.schedule.timezone)}"><span class="cron">${escapeHtml(row.schedule.label)}</span></span>`;
  const dropped = row.barsDropped > 0 ? `<span class="iso">${row.barsDropped} older runs not drawn</span>` : '';
  return `<div class="bw-row${row.failing ? ' failing' : ''}" id="bw-${escapeHtml(row.anchor)}" data-code="${escapeHtml(row.code)}">
<div class="bw-name"><a href="./#${escapeHtml(row.anchor)}"><code>${escapeHtml(row.code)}</code></a>${row.failing ? ' <strong class="marker">⚠</strong>' : ''} ${chips.join(' ')}${schedule}${dropped}</div>
${rowSvg(row, target, clock)}
</div>`;
}

const groupTitles: Record<Exclude<WindowGroup, 'quiet'>, string> = {
  attention: 'Needs attention: failing, or a run in the window did not succeed',
  active: 'Ran or due in the window',
};

/** Rows rendered between two pauses of a paced render (as the status page's tables). */
const rowsPerPart = 50;

function* groupParts(target: WindowTarget, group: Exclude<WindowGroup, 'quiet'>, clock: ZoneClock): Generator<string> {
  const rows = target.groups[group];
  const count = target.counts[group];
  if (count === 0) return;
  const open = group === 'attention' || count <= openActiveUpTo ? ' open' : '';
  const shown = rows.length < count ? ` <span class="muted">(${rows.length} drawn)</span>` : '';
  yield `<details class="bw-group ${group}"${open}><summary>${groupTitles[group]} (${count})${shown}</summary>
<div class="bw-head"><div class="bw-name muted">${escapeHtml(target.zone)}</div>${axisSvg(target)}</div>
`;
  for (let i = 0; i < rows.length; i += rowsPerPart) {
    yield `${rows
      .slice(i, i + rowsPerPart)
      .map((row) => rowHtml(row, target, clock))
      .join('\n')}\n`;
  }
  yield '</details>';
}

function quietHtml(target: WindowTarget): string {
  const count = target.counts.quiet;
  if (count === 0) return '';
  const names = target.groups.quiet.map((row) => `<a href="./#${escapeHtml(row.anchor)}"><code>${escapeHtml(row.code)}</code></a>`);
  const more = count > names.length ? ` and ${count - names.length} more` : '';
  return `<details class="bw-group quiet"><summary>No runs or fire times in the window (${count})</summary><p class="bw-quiet">${names.join(' ')}${more}</p></details>`;
}

/** One target: its clock, then its groups. */
function* targetParts(target: WindowTarget): Generator<string> {
  const clock = zoneClock(target.zone);
  const maintenance = target.maintenance ? ' <span class="flag note">maintenance window open</span>' : '';
  const hidden = target.hidden > 0 ? `, ${target.hidden} hidden by the filter` : '';
  yield `<section class="target bw-target" id="bw-${escapeHtml(target.anchor)}">
<h2>${escapeHtml(target.name)}${maintenance}</h2>
<p class="muted">${isoUtc(target.window.from)} to ${isoUtc(target.window.to)} on the server's clock (now ${escapeHtml(clock.dateTime(target.now.at))}); hours in ${escapeHtml(target.zone)}${hidden}.</p>
`;
  yield* groupParts(target, 'attention', clock);
  yield* groupParts(target, 'active', clock);
  if (target.notDrawn > 0) yield `<p class="bw-more"><strong>${target.notDrawn} more processes not drawn</strong>: refine the filter (a page draws at most ${maxDrawnRows} rows).</p>`;
  yield `${quietHtml(target)}\n</section>\n`;
}

/**
 * The batch-window page, in parts: readable without JavaScript (it has none), all links relative to
 * it (served at `<route prefix>/batch-window`). Pure.
 */
export function* batchWindowPageParts(view: BatchWindowView): Generator<string> {
  const back = `./${queryString(view.query)}`;
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Batch window · Guidewire Batch Exporter</title>
<style>${styles}${timelineStyles}</style>
</head>
<body>
<header><h1>Batch window</h1><span class="muted">last 24 hours and the next 6, version ${escapeHtml(view.version)}</span>
<nav aria-label="Pages"><a href="${escapeHtml(back)}">Status page</a><a href="${docsBase}/docs/status-page.md#the-batch-window" rel="noreferrer">About this page</a></nav></header>
${filtersHtml(view.query)}
<main id="content">
${legendHtml()}
`;
  if (view.targets.length === 0) yield '<p>No target is configured.</p>';
  for (const target of view.targets) yield* targetParts(target);
  yield `</main>
<footer>Generated ${isoUtc(view.now)} (the exporter's clock). Bars come from the run histories the exporter reads (at most <code>limits.max_kept_runs</code> per process) and the latest status; reload for fresh data.</footer>
</body></html>
`;
}

/** The whole page at once (see `batchWindowPageParts`). Pure. */
export function renderBatchWindowPage(view: BatchWindowView): string {
  return [...batchWindowPageParts(view)].join('');
}
