/**
 * The exporter routes on the raw request target, as a front proxy's path rules see it: every spelling
 * that a normalising parser would turn into another endpoint (`..`, `%2e`, `%2f`, backslashes, `//x`
 * read as a host, absolute-form) is 400, with and without a route prefix, and is logged at debug only.
 * Sent over a raw socket: fetch would normalise the paths before sending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig, type StartedExporter } from '../../support/harness.js';
import { rawRequest } from '../../support/raw-http.js';
import { eventually, get } from '../../support/scrape.js';

let sim: RunningSimulator;
let prefixed: StartedExporter;
let root: StartedExporter;
let reloads = 0;
const log = capturingLogger();

const portOf = (exporter: StartedExporter): number => Number(new URL(exporter.url).port);

beforeAll(async () => {
  sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
  const config = exporterConfig(targetConfig({ name: 'pc', baseUrl: sim.baseUrl }));
  const common = {
    config,
    logger: log.logger,
    loadConfig: () => {
      reloads++;
      return Promise.resolve(config);
    },
  };
  prefixed = await startExporter({ ...common, routePrefix: '/exporter' });
  root = await startExporter(common);
  for (const ready of [`${prefixed.url}/exporter/-/ready`, `${root.url}/-/ready`]) await eventually(async () => ((await get(ready)).status === 200 ? true : undefined));
});

afterAll(async () => {
  await prefixed?.stop();
  await root?.stop();
  await sim?.close();
});

/** Spellings of a denied endpoint that a normalising router would reach. */
const hostile = (p: string): string[] => [
  `/x/..${p}/-/reload`,
  `${p}/x/../-/reload`,
  `${p}/./-/reload`,
  `${p}/-/./reload`,
  `/x/%2e%2e${p}/-/reload`,
  `/x/%2E%2E${p}/-/reload`,
  `${p}/x/.%2e/-/reload`,
  `${p}/-%2freload`,
  `${p}/-%2Freload`,
  `${p}/-%5creload`,
  `${p}/x\\..\\-/reload`,
  `${p}\\-\\reload`,
  `//x${p}/-/reload`,
  `${p}//-/reload`,
  `http://exporter${p}/-/reload`,
  `http://[`,
  `exporter:80`,
  `*`,
  `${p}/-/reload%00`,
  `${p}/-/reload#frag`,
];

describe.each([
  ['without a route prefix', () => root, ''],
  ['under --web.route-prefix=/exporter', () => prefixed, '/exporter'],
])('raw request targets %s', (_name, exporter, p) => {
  it('answers 400 to every target that is not a plain absolute path, and reloads nothing', async () => {
    const before = reloads;
    const answers: [string, number][] = [];
    for (const target of hostile(p)) answers.push([target, (await rawRequest(portOf(exporter()), 'POST', target)).status]);
    for (const target of hostile(p).map((t) => t.replace('/-/reload', '/config'))) answers.push([target, (await rawRequest(portOf(exporter()), 'GET', target)).status]);
    expect(answers.filter(([, status]) => status !== 400)).toEqual([]);
    expect(reloads).toBe(before);
  });

  it('still serves plain paths, with query strings', async () => {
    const port = portOf(exporter());
    const metrics = await rawRequest(port, 'GET', `${p}/metrics?x=1&y=%2e%2e`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('guidewire_up{target="pc"} 1');
    const page = await rawRequest(port, 'GET', `${p}/?state=completed&q=Activity&sort=name&dir=desc&refresh=0`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('ActivityEsc');
    const json = await rawRequest(port, 'GET', `${p}/api/v1/status?q=Nothing-matches-this`);
    expect(json.status).toBe(200);
    expect(json.body).not.toContain('ActivityEsc');
    expect((await rawRequest(port, 'GET', `${p}/api/v1/status?q=Activity`)).body).toContain('ActivityEsc');
    expect((await rawRequest(port, 'GET', `${p}/-/healthy`)).status).toBe(200);
    const before = reloads;
    expect((await rawRequest(port, 'POST', `${p}/-/reload`)).status).toBe(200);
    expect(reloads).toBe(before + 1);
  });
});

describe('around the raw routing', () => {
  it('redirects the bare prefix with its query kept', async () => {
    const answer = await rawRequest(portOf(prefixed), 'GET', '/exporter?state=failing');
    expect(answer.status).toBe(302);
    expect(answer.headers['location']).toBe('./exporter/?state=failing');
  });

  it('logs a refused target at debug, never at error with a stack', () => {
    expect(log.lines.filter((line) => Number(line['level']) >= 50)).toEqual([]);
    expect(log.lines.some((line) => line['msg'] === 'refused request target' && line['level'] === 20)).toBe(true);
  });
});
