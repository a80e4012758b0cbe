import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorCredentials } from '../../../src/simulator/credentials.js';
import { startCli, terminate } from '../../support/cli.js';
import { get } from '../../support/scrape.js';

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child !== undefined) expect(await terminate(child)).toBe(0);
  child = undefined;
});

describe('simulate', () => {
  it('serves the System Tools API alone, with the documented credentials, under a context root', async () => {
    const cli = await startCli(['simulate', '--web.listen-address=127.0.0.1:0', '--simulator.context-root=/cc', '--simulator.list-status=false'], 'Guidewire simulator listening');
    child = cli.child;
    const baseUrl = String(cli.line['baseUrl']);
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cc\/rest$/);
    const { username, password } = simulatorCredentials.basic;
    const auth = { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
    const list = await get(`${baseUrl}/systemtools/v1/batch-processes`, auth);
    expect(list.status).toBe(200);
    const body = JSON.parse(list.text) as { data: { attributes: Record<string, unknown> }[] };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data[0]?.attributes['status']).toBeUndefined();
    expect((await get(`${baseUrl}/systemtools/v1/batch-processes/ActivityEsc`)).status).toBe(401);
    expect(cli.output()).not.toContain(password);
  });
});
