import { describe, expect, it } from 'vitest';
import { buildBatchWindow } from '../../../src/status/batch-window.js';
import { statusEndpoints } from '../../../src/status/endpoints.js';
import { batchWindowPageParts, renderBatchWindowPage } from '../../../src/status/html/batch-window-page.js';
import { renderStatusPage, statusPageParts } from '../../../src/status/html/page.js';
import { statusJson, statusJsonParts } from '../../../src/status/json.js';
import { parseStatusQuery } from '../../../src/status/query.js';
import { buildStatusView } from '../../../src/status/view-model.js';
import { completed, input, neverRun, running, snapshot, view } from './fixtures.js';

/** Three targets, one of them with more processes than a group of table rows. */
const estate = input(
  { snapshot: snapshot('pc', Array.from({ length: 120 }, (_, i) => view(`P${String(i).padStart(3, '0')}`, i % 3 === 0 ? running(3, i) : completed(5, i % 7)))) },
  { snapshot: snapshot('cc', [view('Never', neverRun)]) },
  { snapshot: { target: 'bc', pollIntervalSeconds: 30, processes: [] } },
);

describe('status rendering in steps', () => {
  it('serves exactly the page and JSON rendered at once, pausing between targets and groups of rows', async () => {
    let pauses = 0;
    const endpoints = statusEndpoints({ telemetryPath: '/metrics', linkBase: '', input: () => estate, pause: async () => void pauses++ });
    const query = new URLSearchParams('sort=code');
    const view = buildStatusView(estate, parseStatusQuery(query));
    expect(await endpoints.statusPage(query)).toBe(renderStatusPage(view, { telemetryPath: '/metrics' }));
    // A pause per target while building the view, and at least one per 50 rows of the big table.
    expect(pauses).toBeGreaterThanOrEqual(3 + 3);
    pauses = 0;
    expect(await endpoints.statusApi(query)).toBe(statusJson(view, { base: '', telemetryPath: '/metrics' }));
    expect(pauses).toBeGreaterThanOrEqual(3 + 3);
  });

  it('writes the JSON a target at a time, byte for byte as JSON.stringify(document, null, 2)', () => {
    for (const targets of [estate, input()]) {
      const text = statusJson(buildStatusView(targets, parseStatusQuery(new URLSearchParams())), { base: '/gw', telemetryPath: '/metrics' });
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('never puts more than 50 process rows, or 50 processes of JSON, between two pauses', () => {
    const view = buildStatusView(estate, parseStatusQuery(new URLSearchParams()));
    const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
    const pageParts = [...statusPageParts(view, { telemetryPath: '/metrics' })];
    const rowsPerPart = pageParts.map((part) => count(part, /<tr id="[^"]*" class="process/g));
    expect(Math.max(...rowsPerPart)).toBe(50);
    expect(rowsPerPart.reduce((a, b) => a + b, 0)).toBe(121);
    const jsonParts = [...statusJsonParts(view, { base: '', telemetryPath: '/metrics' })];
    const processesPerPart = jsonParts.map((part) => count(part, /"code": /g));
    expect(Math.max(...processesPerPart)).toBe(50);
    expect(processesPerPart.reduce((a, b) => a + b, 0)).toBe(121);
  });
});

describe('batch window rendering in steps', () => {
  it('serves exactly the page rendered at once, never more than 50 rows between two pauses', async () => {
    let pauses = 0;
    const endpoints = statusEndpoints({ telemetryPath: '/metrics', linkBase: '', input: () => estate, pause: async () => void pauses++ });
    const query = new URLSearchParams();
    const built = buildBatchWindow(estate, parseStatusQuery(query));
    expect(await endpoints.batchWindowPage(query)).toBe(renderBatchWindowPage(built));
    expect(pauses).toBeGreaterThanOrEqual(3 + 3 + 3);
    const rowsPerPart = [...batchWindowPageParts(built)].map((part) => part.match(/<div class="bw-row/g)?.length ?? 0);
    expect(Math.max(...rowsPerPart)).toBe(50);
    expect(rowsPerPart.reduce((a, b) => a + b, 0)).toBe(120);
  });
});
