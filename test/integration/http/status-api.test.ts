/**
 * The status page and /api/v1/status of a real exporter over loopback, against the simulator: the JSON
 * matches what the simulator serves, failing processes are flagged, requests per poll match what the
 * simulator counted, and every link of the page answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { completedProcess, exporterConfig, runningProcess, startExporter, targetConfig, type StartedExporter } from '../../support/harness.js';
import { eventually, get } from '../../support/scrape.js';
import { brokenLinks } from './status-links.js';

interface StatusDoc {
  summary: Record<string, number>;
  links: Record<string, string>;
  targets: {
    name: string;
    health: string;
    nextPollAt: string | null;
    lastPoll: { requests: { status: number; history: number } | null; errors: { reason: string; message: string }[] } | null;
    processes: { code: string; name: string; state: string; opsCompleted: number | null; opsFailed: number | null; flags: string[]; failing: boolean; progress: { ratio: number | null } | null }[];
  }[];
}

let sim: RunningSimulator;
let exporter: StartedExporter;

const model = createStaticModel([
  completedProcess('ActivityEsc', { failedOps: 2 }),
  runningProcess('Workflow', 40),
  completedProcess('Geocode', { opsCompleted: 7 }),
  { type: { code: 'NeverRun', name: 'Never <Run>' }, distributed: false, status: { failureReason: 'This batch process type has never run', type: 'NeverRun' } },
]);

beforeAll(async () => {
  sim = await startSimulator({ model });
  exporter = await startExporter({
    config: exporterConfig(
      targetConfig({ name: 'pc <prod>', baseUrl: sim.baseUrl }),
      // Nothing listens on port 9 of loopback: a target that is down.
      targetConfig({ name: 'down', baseUrl: 'http://127.0.0.1:9/rest', requestTimeoutMs: 500 }),
    ),
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await exporter?.stop();
  await sim?.close();
});

/** The status once both targets finished a whole poll (status and history reads). */
const settled = () =>
  eventually(async () => {
    const response = await get(`${exporter.url}/api/v1/status`);
    const doc = JSON.parse(response.text) as StatusDoc;
    return doc.targets.every((t) => t.nextPollAt !== null) ? { response, doc } : undefined;
  });

describe('/api/v1/status against the simulator', () => {
  it('is JSON listing exactly the simulator processes with their state, counts and flags', async () => {
    const { response, doc } = await settled();
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const pc = doc.targets.find((t) => t.name === 'pc <prod>');
    expect(pc?.health).toBe('up');
    expect(pc?.processes.map((p) => p.code).sort()).toEqual(model.list(0).map((p) => p.type.code).sort());
    const byCode = Object.fromEntries((pc?.processes ?? []).map((p) => [p.code, p]));
    expect(byCode['ActivityEsc']).toMatchObject({ state: 'completed', opsFailed: 2, failing: true, flags: ['failed_ops'] });
    expect(byCode['Workflow']).toMatchObject({ state: 'running', opsCompleted: 40, failing: false, progress: { ratio: 0.4 } });
    expect(byCode['Geocode']).toMatchObject({ state: 'completed', opsCompleted: 7, failing: false, flags: [] });
    expect(byCode['NeverRun']).toMatchObject({ name: 'Never <Run>', state: 'never_run', flags: ['never_run'] });
    // Failing first by default.
    expect(pc?.processes[0]?.code).toBe('ActivityEsc');
  });

  it('counts the API requests of the last poll as the simulator saw them', async () => {
    const { doc } = await settled();
    const requests = doc.targets.find((t) => t.name === 'pc <prod>')?.lastPoll?.requests;
    const seen = [...sim.stats.requests.values()].reduce((a, b) => a + b, 0);
    // The API definition, the server time and the consistency checks (read at the first poll, counted with
    // the status poll) and one list page for the status; one history read per process that has run (NeverRun has none).
    expect(requests).toEqual({ status: 4, history: 3 });
    expect((requests?.status ?? 0) + (requests?.history ?? 0)).toBe(seen);
  });

  it('shows a target that cannot be reached as down, with the reason', async () => {
    const { doc } = await settled();
    const down = doc.targets.find((t) => t.name === 'down');
    expect(down?.health).toBe('down');
    expect(down?.lastPoll?.errors[0]?.reason).toMatch(/\w/);
    expect(doc.summary).toMatchObject({ targets: 2, up: 1, down: 1, failing: 1 });
  });

  it('filters like the page: ?state=failing&q=', async () => {
    await settled();
    const doc = JSON.parse((await get(`${exporter.url}/api/v1/status?state=failing`)).text) as StatusDoc;
    expect(doc.targets[0]?.processes.map((p) => p.code)).toEqual(['ActivityEsc']);
    const named = JSON.parse((await get(`${exporter.url}/api/v1/status?q=never%20%3C`)).text) as StatusDoc;
    expect(named.targets[0]?.processes.map((p) => p.code)).toEqual(['NeverRun']);
  });
});

describe('the status page at /', () => {
  it('renders every process, flags the failing one, escapes upstream text', async () => {
    await settled();
    const page = await get(`${exporter.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const code of ['ActivityEsc', 'Workflow', 'Geocode', 'NeverRun']) expect(page.text).toMatch(new RegExp(`<tr id="target-pc-prod---${code}"`));
    expect(page.text).toMatch(/<tr id="target-pc-prod---ActivityEsc" class="process state-completed failing"/);
    expect(page.text).toContain('Never &lt;Run&gt;');
    expect(page.text).toContain('pc &lt;prod&gt;');
    expect(page.text).not.toContain('<Run>');
  });

  it('has links that all answer 200 (endpoints, sort links, the filter form, anchors)', async () => {
    await settled();
    const page = await get(`${exporter.url}/`);
    const { broken, external, checked } = await brokenLinks(`${exporter.url}/`, page.text);
    expect(broken).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['/metrics', '/config', '/-/healthy', '/-/ready', '/api/v1/status', '/']));
    expect(external.length).toBeGreaterThan(0);
    for (const url of external) expect(url).toMatch(/^https:\/\/github\.com\/guidewire-batch-exporter\/guidewire-batch-exporter\/blob\/main\//);
  });
});
