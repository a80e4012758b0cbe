/**
 * --web.route-prefix and --web.external-url on a real exporter over loopback: every endpoint answers
 * under the prefix and nowhere else, / redirects to the page, and the page's links resolve directly and
 * behind reverse proxies that keep or strip the prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { completedProcess, exporterConfig, startExporter, targetConfig, type StartedExporter } from '../../support/harness.js';
import { eventually, get } from '../../support/scrape.js';
import { startPathProxy, type PathProxy } from './path-proxy.js';
import { brokenLinks } from './status-links.js';

let sim: RunningSimulator;
let prefixed: StartedExporter;
let root: StartedExporter;
const proxies: PathProxy[] = [];

beforeAll(async () => {
  sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc', { failedOps: 1 }), completedProcess('Geocode')]) });
  const config = exporterConfig(targetConfig({ name: 'pc', baseUrl: sim.baseUrl }));
  const common = { config, logger: silentLogger(), loadConfig: () => Promise.resolve(config) };
  prefixed = await startExporter({ ...common, routePrefix: '/gw/exporter', externalUrl: 'https://monitoring.example.com/gw/exporter' });
  // Behind a proxy that strips /ext: the exporter itself serves at the root.
  root = await startExporter({ ...common, externalUrl: 'https://monitoring.example.com/ext' });
  for (const ready of [`${prefixed.url}/gw/exporter/-/ready`, `${root.url}/-/ready`]) await eventually(async () => ((await get(ready)).status === 200 ? true : undefined));
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await prefixed?.stop();
  await root?.stop();
  await sim?.close();
});

const noRedirect = (url: string, init: RequestInit = {}) => fetch(url, { ...init, redirect: 'manual' });

describe('--web.route-prefix=/gw/exporter', () => {
  it('serves every endpoint under the prefix', async () => {
    const base = `${prefixed.url}/gw/exporter`;
    for (const path of ['/', '/metrics', '/-/healthy', '/-/ready', '/config', '/api/v1/status', '/batch-window']) expect([path, (await get(`${base}${path}`)).status]).toEqual([path, 200]);
    expect((await get(`${base}/metrics`)).text).toContain('guidewire_up{target="pc"} 1');
    const reload = await fetch(`${base}/-/reload`, { method: 'POST' });
    expect(reload.status).toBe(200);
  });

  it('answers 404 outside the prefix', async () => {
    for (const path of ['/metrics', '/-/healthy', '/-/ready', '/config', '/api/v1/status', '/batch-window', '/gw/metrics', '/gw/exporterx/metrics']) {
      expect([path, (await get(`${prefixed.url}${path}`)).status]).toEqual([path, 404]);
    }
    expect((await fetch(`${prefixed.url}/-/reload`, { method: 'POST' })).status).toBe(404);
  });

  it('redirects / and the bare prefix to the page under the prefix, keeping the query', async () => {
    for (const path of ['/', '/gw/exporter']) {
      const answer = await noRedirect(`${prefixed.url}${path}?state=failing`);
      expect(answer.status).toBe(302);
      expect(new URL(answer.headers.get('location') ?? '', `${prefixed.url}${path}`).href).toBe(`${prefixed.url}/gw/exporter/?state=failing`);
    }
    const followed = await fetch(`${prefixed.url}/`);
    expect(followed.url).toBe(`${prefixed.url}/gw/exporter/`);
    expect(await followed.text()).toContain('<h1>Guidewire Batch Exporter</h1>');
  });

  it('links from the page resolve under the prefix, and the JSON links start with the external URL', async () => {
    const pageUrl = `${prefixed.url}/gw/exporter/`;
    const { broken, checked } = await brokenLinks(pageUrl, (await get(pageUrl)).text);
    expect(broken).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['/gw/exporter/metrics', '/gw/exporter/api/v1/status', '/gw/exporter/-/healthy']));
    const doc = JSON.parse((await get(`${pageUrl}api/v1/status`)).text) as { links: Record<string, string> };
    expect(doc.links['metrics']).toBe('https://monitoring.example.com/gw/exporter/metrics');
  });

  it('works behind a proxy that keeps the prefix', async () => {
    const proxy = await startPathProxy(prefixed.url, (path) => (path.startsWith('/gw/') || path === '/gw' ? path : undefined));
    proxies.push(proxy);
    const page = await fetch(`${proxy.url}/gw/exporter`);
    expect(page.url).toBe(`${proxy.url}/gw/exporter/`);
    const { broken, checked } = await brokenLinks(page.url, await page.text());
    expect(broken).toEqual([]);
    expect(checked).toContain('/gw/exporter/metrics');
  });
});

describe('behind a proxy that strips its prefix (route prefix /)', () => {
  it('serves the page whose links resolve through the proxy', async () => {
    const proxy = await startPathProxy(root.url, (path) => (path.startsWith('/ext/') ? path.slice('/ext'.length) : undefined));
    proxies.push(proxy);
    const pageUrl = `${proxy.url}/ext/`;
    const page = await get(pageUrl);
    expect(page.status).toBe(200);
    const { broken, checked } = await brokenLinks(pageUrl, page.text);
    expect(broken).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['/ext/metrics', '/ext/config', '/ext/-/ready', '/ext/api/v1/status']));
    const doc = JSON.parse((await get(`${proxy.url}/ext/api/v1/status`)).text) as { links: Record<string, string> };
    expect(doc.links['ready']).toBe('https://monitoring.example.com/ext/-/ready');
  });
});
