/**
 * docs/metrics.md against a real scrape, both ways: the demo's simulator (schedules, a deadline, the
 * consistency checks, the API definition, the server's time and zone, a maintenance window, a history for
 * baselines) polled by the real exporter with run events, overrides for every per-process gauge and a web
 * configuration file. Every family served is documented, and every family documented is served, unless
 * it is in the commented allow-list of families that this setup cannot (or should not) produce.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../../src/cli/demo.js';
import type { ExporterConfig, TargetConfig } from '../../../src/config/types.js';
import { capturingLogger, startExporter, type StartedExporter } from '../../support/harness.js';
import { eventually, get } from '../../support/scrape.js';

const doc = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');

/** A metric-looking name: guidewire_*, or prom-client's default process_* and nodejs_*. */
const metricName = /^(guidewire|process|nodejs)_[a-z0-9_]*[a-z0-9]$/;

/** The families of the reference's tables (their first column). */
const tabled = new Set([...doc.matchAll(/^\| `([a-z_:][a-z0-9_:]*)` \|/gm)].map((m) => m[1] as string).filter((name) => metricName.test(name)));

/** Label names, from the tables' third column (`nodejs_version` of build_info is a label, not a family). */
const labels = new Set([...doc.matchAll(/^\| `[a-z_:][a-z0-9_:]*` \| [a-z]+ \| ([^|]*) \|/gm)].flatMap((m) => [...(m[1] as string).matchAll(/`([a-z_][a-z0-9_]*)`/g)].map((l) => l[1] as string)));

/** Every other name the prose or the tables put in backticks (`nodejs_active_handles{type}` read as its name). */
const mentioned = new Set(
  [...doc.matchAll(/`([a-z_][a-z0-9_]*)(?:\{[^`]*\})?`/g)].map((m) => m[1] as string).filter((name) => metricName.test(name) && !labels.has(name)),
);

/** The guidewire_* names the PromQL examples use, histogram series read as their family. */
const queried = new Set(
  [...doc.matchAll(/```promql\n([\s\S]*?)```/g)].flatMap((m) => [...(m[1] as string).matchAll(/\b(guidewire_[a-z0-9_]+)/g)].map((q) => (q[1] as string).replace(/_(bucket|sum|count)$/, ''))),
);

/**
 * Families the reference documents that a scrape need not serve, each with why, and the words with which
 * the reference itself says so (so that it never promises them). Anything else that is documented and
 * not served fails the test.
 */
const conditional: Readonly<Record<string, { readonly why: string; readonly docSays: string }>> = {
  // prom-client gives it a series per libuv request type in flight (a file-system call, a DNS lookup) at
  // the moment of collection, and the exposition leaves a family without series out: usually absent.
  nodejs_active_requests: { why: 'only while a libuv request is in flight', docSays: '`nodejs_active_requests{type}` has series only while' },
};

/** Names the reference mentions only to say they are not served. */
const documentedAsNotServed: Readonly<Record<string, string>> = {
  // "The exporter unregisters those three" (About prom-client's `*_total` gauges): promtool rejects them.
  nodejs_active_handles_total: 'unregistered: a gauge named _total',
  nodejs_active_requests_total: 'unregistered: a gauge named _total',
  nodejs_active_resources_total: 'unregistered: a gauge named _total',
};

let demo: Demo;
let exporter: StartedExporter;
let dir: string;
let served: Map<string, string>;

/** The family names of a text-format scrape, from its `# TYPE` lines, with their types. */
function families(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docs-scrape-'));
  const webConfig = join(dir, 'web.yml');
  await writeFile(webConfig, '{}\n');
  demo = await startDemo({ now: Date.now });
  const target = demo.config.targets[0] as TargetConfig;
  const config: ExporterConfig = {
    ...demo.config,
    targets: [{ ...target, overrides: [...target.overrides, { match: '*', expectEveryMs: 3_600_000, maxDurationMs: 3_600_000, labels: { team: 'batch' } }] }],
    events: { sink: 'file', file: join(dir, 'events.jsonl') },
  };
  exporter = await startExporter({ config, logger: capturingLogger().logger, webConfigFile: webConfig, loadConfig: () => Promise.resolve(config) });
  // Scrape until every documented family is there (the history reads, the consistency checks and the
  // first run events take a few polls); after 40 s, take the last scrape, so the tests name what is missing.
  served = await eventually(async () => {
    const text = (await get(`${exporter.url}/metrics`)).text;
    const now = families(text);
    const missing = [...tabled, ...mentioned].filter((name) => !now.has(name) && !(name in conditional) && !(name in documentedAsNotServed));
    return missing.length === 0 ? now : undefined;
  }, 40_000).catch(async () => families((await get(`${exporter.url}/metrics`)).text));
}, 60_000);

afterAll(async () => {
  await exporter?.stop();
  await demo?.simulator.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('docs/metrics.md matches a scrape of the real exporter', () => {
  it('documents every guidewire_* family served, in a table', () => {
    const undocumented = [...served.keys()].filter((name) => name.startsWith('guidewire_') && !tabled.has(name));
    expect(undocumented).toEqual([]);
  });

  it('serves every family it documents, but the allow-listed ones', () => {
    const neverServed = [...tabled, ...mentioned].filter((name) => !served.has(name) && !(name in conditional) && !(name in documentedAsNotServed));
    expect(neverServed).toEqual([]);
  });

  it('serves none of the families it says are not served', () => {
    expect(Object.keys(documentedAsNotServed).filter((name) => served.has(name))).toEqual([]);
  });

  it('serves nothing besides guidewire_* and prom-client\'s process_* and nodejs_* defaults', () => {
    expect([...served.keys()].filter((name) => !metricName.test(name))).toEqual([]);
  });

  it('queries in its PromQL examples only families it documents', () => {
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !tabled.has(name))).toEqual([]);
  });

  it('finds the tables, labels and the reload metrics it checks', () => {
    expect(tabled.size).toBeGreaterThan(60);
    expect(labels).toContain('nodejs_version');
    for (const name of ['guidewire_exporter_config_last_reload_successful', 'guidewire_exporter_config_last_reload_success_timestamp_seconds', 'guidewire_exporter_web_config_last_reload_successful']) {
      expect(tabled).toContain(name);
      expect(served.get(name)).toBe('gauge');
    }
  });

  it.each(Object.entries(conditional))('says that %s is served only at times', (_name, { docSays }) => {
    expect(doc.replace(/\s+/g, ' ').includes(docSays), `docs/metrics.md should say: ${docSays} …`).toBe(true);
  });

  it('allow-lists only families it documents', () => {
    expect(Object.keys(conditional).filter((name) => !tabled.has(name) && !mentioned.has(name))).toEqual([]);
  });
});
