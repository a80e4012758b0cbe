/** The web flags on the built command line: wired through to the server, or refused with exit 2. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { runCli, startCli, terminate } from '../../support/cli.js';
import { eventually, get } from '../../support/scrape.js';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await terminate(child);
});

describe('--web.external-url and --web.route-prefix on the command line', () => {
  it('serves the demo under the path of the external URL, and logs both', async () => {
    const cli = await startCli(['--demo', '--web.listen-address=127.0.0.1:0', '--web.external-url=https://monitoring.example.com/guidewire/'], 'exporter listening');
    children.push(cli.child);
    expect(cli.line).toMatchObject({ routePrefix: '/guidewire', externalUrl: 'https://monitoring.example.com/guidewire' });
    const url = `http://${String(cli.line['address'])}`;
    const doc = await eventually(async () => {
      const answer = await get(`${url}/guidewire/api/v1/status`);
      const parsed = JSON.parse(answer.text) as { targets: { processes: unknown[] }[]; links: Record<string, string> };
      return (parsed.targets[0]?.processes.length ?? 0) > 0 ? parsed : undefined;
    }, 15_000);
    expect(doc.links['metrics']).toBe('https://monitoring.example.com/guidewire/metrics');
    expect((await get(`${url}/guidewire/metrics`)).status).toBe(200);
    expect((await get(`${url}/metrics`)).status).toBe(404);
    const root = await fetch(`${url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('./guidewire/');
  });

  it.each([
    [['--web.route-prefix=/a/../b'], '--web.route-prefix: expected a path such as /exporter'],
    [['--web.external-url=monitoring.example.com'], '--web.external-url: expected an absolute http or https URL'],
  ])('refuses %j with exit 2 and a clear message', async (flags, message) => {
    const result = await runCli(['--demo', '--web.listen-address=127.0.0.1:0', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--web.route-prefix=PATH');
  });
});
