import { defaultRefreshSeconds, queryString } from '../query.js';
import { batchWindowPath, docsBase, endpointLinks, relativeHref, statusApiPath } from '../links.js';
import { StateFilters, type StatusQuery, type StatusView } from '../types.js';
import { attentionHtml } from './attention.js';
import { clientScript } from './client-script.js';
import { escapeHtml } from './escape.js';
import { styles } from './styles.js';
import { targetSectionParts, targetsTableHtml } from './target-section.js';
import { elapsed, isoUtc } from './time.js';

export interface PageOptions {
  /** The metrics path below the route prefix (`--web.telemetry-path`). */
  readonly telemetryPath: string;
}

const docs = [
  ['README', `${docsBase}/README.md`],
  ['Status page', `${docsBase}/docs/status-page.md`],
  ['Metrics reference', `${docsBase}/docs/metrics.md`],
  ['Runbook', `${docsBase}/docs/runbook.md`],
] as const;

function navHtml(options: PageOptions, query: StatusQuery): string {
  // The batch window keeps the filter (not the sort or refresh: it has neither).
  const window = `<a href="${escapeHtml(`${relativeHref(batchWindowPath)}${queryString({ ...query, sort: 'default', dir: 'asc', refresh: defaultRefreshSeconds })}`)}">Batch window</a>`;
  const pages = `<nav aria-label="Pages">${window}</nav>`;
  const own = endpointLinks(options.telemetryPath).map((link) => `<a href="${escapeHtml(relativeHref(link.path))}">${link.label}</a>`);
  const external = docs.map(([label, href]) => `<a href="${href}" rel="noreferrer">${label}</a>`);
  return `${pages}<nav aria-label="Endpoints">${own.join('')}</nav><nav aria-label="Documentation">Docs: ${external.join('')}</nav>`;
}

/** The filter form: a GET form the server applies, which the script turns into instant filtering. */
function filtersHtml(query: StatusQuery): string {
  const options = StateFilters.map((state) => `<option value="${state}"${state === query.state ? ' selected' : ''}>${state === 'all' ? 'all states' : state.replace('_', ' ')}</option>`);
  const keep = (['sort', 'dir'] as const)
    .filter((key) => query[key] !== (key === 'sort' ? 'default' : 'asc'))
    .map((key) => `<input type="hidden" name="${key}" value="${query[key]}">`);
  const refresh = `<input type="hidden" name="refresh" value="${query.refresh}">`;
  return `<form id="filters" method="get" action="./" role="search">
<label>State <select name="state">${options.join('')}</select></label>
<label>Name <input type="search" name="q" value="${escapeHtml(query.q)}" placeholder="code or name" autocomplete="off"></label>
${keep.join('')}${refresh}<button type="submit">Apply</button>
<span id="refresh-status" aria-live="polite"></span>${query.refresh > 0 ? `<noscript>Reloads every ${query.refresh} s.</noscript>` : ''}
</form>`;
}

function summaryHtml(view: StatusView): string {
  const s = view.summary;
  const health = [`${s.up} up`, ...(s.down > 0 ? [`<strong class="bad">${s.down} down</strong>`] : []), ...(s.pending > 0 ? [`${s.pending} pending`] : [])];
  const failing = s.failing > 0 ? `<strong class="bad">${s.failing} failing</strong>` : '0 failing';
  return `<p id="summary">${s.targets} target${s.targets === 1 ? '' : 's'}: ${health.join(', ')} · ${s.processes} batch processes, ${failing} · generated <time datetime="${new Date(view.now).toISOString()}">${isoUtc(view.now)}</time></p>`;
}

/** The page title names the trouble, so a browser tab shows it. */
function title(view: StatusView): string {
  const { down, failing } = view.summary;
  const trouble = [...(down > 0 ? [`${down} down`] : []), ...(failing > 0 ? [`${failing} failing`] : [])];
  return `${trouble.length > 0 ? `(${trouble.join(', ')}) ` : ''}Guidewire Batch Exporter`;
}

/**
 * The whole status page, in parts (the page head, each target's section in groups of rows, the foot):
 * server-rendered and complete without JavaScript, all links relative to the page (served at
 * `<route prefix>/`), so it works behind a proxy that keeps or strips the prefix. Pure.
 */
export function* statusPageParts(view: StatusView, options: PageOptions): Generator<string> {
  const refreshMeta = view.query.refresh > 0 ? `<noscript><meta http-equiv="refresh" content="${view.query.refresh}"></noscript>\n` : '';
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title(view))}</title>
${refreshMeta}<style>${styles}</style>
</head>
<body data-refresh="${view.query.refresh}">
<header><h1>Guidewire Batch Exporter</h1><span class="muted">version ${escapeHtml(view.version)}, up ${elapsed(view.startedAt, view.now)}</span>
${navHtml(options, view.query)}</header>
${filtersHtml(view.query)}
<main id="content">
${summaryHtml(view)}
${attentionHtml(view)}
<h2>Targets</h2>
${targetsTableHtml(view.targets, view.now)}
`;
  for (const [index, target] of view.targets.entries()) {
    if (index > 0) yield '\n';
    yield* targetSectionParts(target, view.query, view.now);
  }
  yield `
</main>
<footer>Times are UTC. JSON of this page: <a href="${escapeHtml(relativeHref(statusApiPath))}">api/v1/status</a> (same query parameters).</footer>
<script>${clientScript}</script>
</body></html>
`;
}

/** The whole status page at once (see `statusPageParts`). Pure. */
export function renderStatusPage(view: StatusView, options: PageOptions): string {
  return [...statusPageParts(view, options)].join('');
}
