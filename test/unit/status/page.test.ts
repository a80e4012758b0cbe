import { describe, expect, it } from 'vitest';
import { renderStatusPage } from '../../../src/status/html/page.js';
import { parseStatusQuery } from '../../../src/status/query.js';
import { buildStatusView } from '../../../src/status/view-model.js';
import { completed, input, minute, now, running, schedule, snapshot, stats, view } from './fixtures.js';

const evil = '<img src=x onerror="alert(1)">';
const page = (query = '', telemetryPath = '/metrics') => {
  const sim = snapshot(
    `pc ${evil}`,
    [view('Healthy', completed(5)), view('Broken', completed(2, 3, { failureReason: `boom ${evil}` }), { name: `Broken ${evil}` }), view('Busy', running(4, 25))],
    { Healthy: stats({ lastSuccessAt: now - 5 * minute }) },
  );
  const down = snapshot('cc', [], undefined, { up: false, errors: [{ reason: 'server_error', message: `502 from upstream: ${evil}`, count: 1, examples: [] }] });
  return renderStatusPage(buildStatusView(input({ snapshot: sim, requests: { status: 1, history: 2 }, nextPollAt: now + 20_000 }, { snapshot: down }), parseStatusQuery(new URLSearchParams(query))), { telemetryPath });
};

/** The `<tr>` of a process by code. */
const rowOf = (html: string, code: string): string => {
  const match = new RegExp(`<tr id="[^"]*--${code}"[^>]*>[\\s\\S]*?</tr>`).exec(html);
  if (match === null) throw new Error(`no row for ${code}`);
  return match[0];
};

/** Where a process's row starts (the attention list links to rows too, so match the row itself). */
const at = (html: string, code: string): number => html.search(new RegExp(`<tr id="[^"]*--${code}"`));

describe('renderStatusPage', () => {
  it('escapes everything that comes from upstream or configuration', () => {
    const html = page('q=<b>');
    expect(html).not.toContain('<img');
    expect(html).toContain('pc &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('502 from upstream: &lt;img');
    expect(html).toContain('boom &lt;img');
    expect(html).toContain('value="&lt;b&gt;"');
  });

  it('flags a failing process with a class and a text marker, and sorts it first', () => {
    const html = page();
    const broken = rowOf(html, 'Broken');
    expect(broken).toMatch(/class="process state-failed failing"/);
    expect(broken).toContain('⚠ FAILING');
    expect(broken).toContain('failed ops');
    expect(broken).toContain('last run failed');
    expect(broken).toContain('docs/runbook.md#guidewirebatchprocessfailedops');
    expect(rowOf(html, 'Healthy')).not.toMatch(/class="[^"]*failing|FAILING/);
    expect(at(html, 'Broken')).toBeLessThan(at(html, 'Busy'));
    expect(at(html, 'Busy')).toBeLessThan(at(html, 'Healthy'));
  });

  it('lists what needs attention: down targets with their error, failing processes with links to their rows', () => {
    const html = page();
    const attention = /<section id="attention"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(attention).toContain('Needs attention (2)');
    expect(attention).toContain('⚠ DOWN');
    expect(attention).toContain('server_error: 502 from upstream');
    expect(attention).toMatch(/href="#target-pc-img-src-x-onerror-alert-1---Broken"/);
    expect(html).toMatch(/<title>\(1 down, 1 failing\) Guidewire Batch Exporter<\/title>/);
  });

  it('shows a progress bar for running processes, counts, durations and relative times from the given clock', () => {
    const busy = rowOf(page(), 'Busy');
    expect(busy).toContain('<progress max="1" value="0.25">');
    expect(busy).toContain('25 of 100 (25 %)');
    expect(busy).toContain('<em>running 4 min</em>');
    expect(busy).toContain('>4 min ago</time><span class="iso">2026-11-28T09:56:00Z</span>');
    const healthy = rowOf(page(), 'Healthy');
    expect(healthy).toContain('1 min');
    expect(healthy).toContain('>5 min ago</time>');
  });

  it('shows per target: health, last poll, duration, requests per poll, next poll, last error', () => {
    const html = page();
    const targets = /<table class="targets">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(targets).toMatch(/<span class="badge health-up">up<\/span>/);
    expect(targets).toMatch(/<span class="badge health-down">down<\/span>/);
    expect(targets).toContain('>2 s ago</time>');
    expect(targets).toContain('250 ms');
    expect(targets).toContain('1 <span class="iso">+ 2 history</span>');
    expect(targets).toContain('>in 20 s</time>');
    expect(targets).toContain('<code>server_error</code> 502 from upstream');
  });

  it('applies the filter on the server: rows that do not match are present but hidden', () => {
    const html = page('state=running');
    expect(rowOf(html, 'Busy')).not.toMatch(/<tr [^>]*hidden/);
    expect(rowOf(html, 'Healthy')).toMatch(/<tr [^>]*hidden>/);
    expect(html).toContain('<option value="running" selected>');
    expect(page('q=zzz')).toContain('<tr class="empty"><td colspan="12">No process matches the filter.</td></tr>');
  });

  it('sorts on the server and links each header to the opposite direction, keeping the filter', () => {
    const html = page('sort=code&state=all&q=b');
    expect(at(html, 'Broken')).toBeLessThan(at(html, 'Busy'));
    expect(at(html, 'Busy')).toBeLessThan(at(html, 'Healthy'));
    expect(html).toContain('<th scope="col" aria-sort="ascending"><a href="./?q=b&amp;sort=code&amp;dir=desc" data-sort="code" data-dir="desc">Process ▲</a></th>');
    expect(html).toContain('href="./?q=b&amp;sort=ops_failed" data-sort="ops_failed"');
    const desc = page('sort=code&dir=desc');
    expect(at(desc, 'Healthy')).toBeLessThan(at(desc, 'Busy'));
    expect(at(desc, 'Busy')).toBeLessThan(at(desc, 'Broken'));
  });

  it('links every endpoint relative to the page, so it works under any prefix, and the docs on GitHub', () => {
    const html = page('', '/custom:metrics');
    for (const href of ['./custom:metrics', './config', './-/healthy', './-/ready', './api/v1/status']) expect(html).toContain(`href="${href}"`);
    expect(html).toContain('href="https://github.com/guidewire-batch-exporter/guidewire-batch-exporter/blob/main/docs/status-page.md"');
    expect(html).not.toMatch(/(href|src|action)="\/(?!\/)/);
  });

  it('refreshes with the script, and by a meta refresh only without it; refresh=0 turns both off', () => {
    expect(page()).toContain('<noscript><meta http-equiv="refresh" content="10"></noscript>');
    expect(page()).toContain('<body data-refresh="10">');
    expect(page('refresh=0')).not.toContain('http-equiv="refresh"');
    expect(page('refresh=0')).toContain('<body data-refresh="0">');
    expect(page()).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  it('shows each scheduled process\'s next run and lateness, and links to the batch window with the filter', () => {
    const nightly = view('Nightly', completed(120), { schedule: schedule({ nextAt: now + 3 * 60 * minute, deadline: { label: '06:00', at: now + 60 * minute, missed: false, forecastAt: now + 90 * minute } }) });
    const onTime = view('Hourly', completed(5), { schedule: schedule({ late: false, missedTotal: 0, skippedTotal: 0, source: 'learned', label: '@every 1h' }) });
    const html = renderStatusPage(buildStatusView(input({ snapshot: snapshot('pc', [nightly, onTime, view('Plain', completed(1))]) }), parseStatusQuery(new URLSearchParams('q=ly'))), { telemetryPath: '/metrics' });
    const late = rowOf(html, 'Nightly');
    expect(late).toContain('<time datetime="2026-11-28T13:00:00.000Z" title="2026-11-28T13:00:00.000Z">in 3 h</time>');
    expect(late).toContain('<span class="cron">0 0 2 * * ? | 0 30 3 ? * SUN</span> configured, America/Chicago');
    expect(late).toContain('<strong class="bad">LATE</strong>');
    expect(late).toContain('<span class="bad">2 missed</span>, 1 skipped');
    expect(late).toContain('<strong class="bad">deadline at risk</strong> in 1 h, forecast in 1 h 30 min');
    expect(late).toContain('title="runbook: GuidewireBatchProcessLate">late</a>');
    expect(rowOf(html, 'Hourly')).toContain('<td class="late">on time</td>');
    expect(rowOf(html, 'Hourly')).toContain('<span class="cron">@every 1h</span> learned');
    expect(rowOf(html, 'Plain')).toContain('title="no schedule configured, imported or learned">-</span>');
    expect(late).not.toContain('due since the last poll');
    // A fire time that came after the last poll's judgement.
    const passed = view('Passed', completed(1), { schedule: schedule({ nextAt: now - 3_000 }) });
    const again = renderStatusPage(buildStatusView(input({ snapshot: snapshot('pc', [passed]) }), parseStatusQuery(new URLSearchParams())), { telemetryPath: '/metrics' });
    expect(rowOf(again, 'Passed')).toContain('3 s ago</time><span class="iso">2026-11-28T09:59:57Z</span><span class="iso">due since the last poll</span>');
    expect(html).toContain('<nav aria-label="Pages"><a href="./batch-window?q=ly">Batch window</a></nav>');
  });
});
