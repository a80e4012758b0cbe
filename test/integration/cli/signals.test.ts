import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { startCli, terminate } from '../../support/cli.js';
import { completedProcess } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const config = (baseUrl: string, names: string[]) =>
  `targets:\n${names.map((name) => `  - name: ${name}\n    base_url: ${baseUrl}\n    poll_interval: 1s\n`).join('')}`;

describe('signals', () => {
  it('SIGHUP reloads the configuration file; SIGTERM stops cleanly with exit code 0', async () => {
    sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
    const dir = await mkdtemp(join(tmpdir(), 'gwe-signals-'));
    const file = join(dir, 'gw.yml');
    await writeFile(file, config(sim.baseUrl, ['first']));
    const cli = await startCli([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0'], 'exporter listening');
    const url = `http://${String(cli.line['address'])}`;
    await eventually(async () => (valueOf(parseExposition((await get(`${url}/metrics`)).text), 'guidewire_up', { target: 'first' }) === 1 ? true : undefined));

    await writeFile(file, config(sim.baseUrl, ['first', 'second']));
    cli.child.kill('SIGHUP');
    await eventually(async () => (valueOf(parseExposition((await get(`${url}/metrics`)).text), 'guidewire_up', { target: 'second' }) === 1 ? true : undefined));

    await writeFile(file, 'targets: [oops');
    cli.child.kill('SIGHUP');
    await eventually(async () => (cli.output().includes('configuration reload failed') ? true : undefined));
    expect(valueOf(parseExposition((await get(`${url}/metrics`)).text), 'guidewire_up', { target: 'second' })).toBe(1);

    const started = Date.now();
    expect(await terminate(cli.child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
