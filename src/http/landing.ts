import type { TargetSnapshot } from '../poller/snapshot.js';

export interface LandingInfo {
  readonly version: string;
  readonly telemetryPath: string;
  readonly snapshots: readonly TargetSnapshot[];
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function row(snapshot: TargetSnapshot): string {
  const poll = snapshot.poll;
  const up = poll === undefined ? 'pending' : poll.up ? 'up' : 'down';
  const lastPoll = poll === undefined ? '-' : new Date(poll.startedAt).toISOString();
  const lastError = poll?.errors[0];
  const error = lastError === undefined ? '-' : `${lastError.reason}: ${lastError.message}`;
  return `<tr><td>${escapeHtml(snapshot.target)}</td><td class="${up}">${up}</td><td>${snapshot.processes.length}</td><td>${lastPoll}</td><td>${escapeHtml(error)}</td></tr>`;
}

/** The plain landing page: name, version, links and one row per target. Pure. */
export function renderLanding(info: LandingInfo): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Guidewire Batch Exporter</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.up{color:#070}.down{color:#b00}.pending{color:#666}</style>
</head><body>
<h1>Guidewire Batch Exporter</h1>
<p>Version ${escapeHtml(info.version)}</p>
<ul><li><a href="${escapeHtml(info.telemetryPath.replace(/^\//, ''))}">Metrics</a></li><li><a href="-/healthy">Health</a></li><li><a href="-/ready">Readiness</a></li></ul>
<h2>Targets</h2>
<table><thead><tr><th>Target</th><th>State</th><th>Processes</th><th>Last poll</th><th>Last error</th></tr></thead>
<tbody>
${info.snapshots.map(row).join('\n')}
</tbody></table>
</body></html>
`;
}
