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

const xml = (hours: string): string =>
  `<SchedulerConfig xmlns="http://guidewire.com/scheduler">\n  <ProcessSchedule process="ActivityEsc">\n    <CronSchedule hours="${hours}"/>\n  </ProcessSchedule>\n</SchedulerConfig>\n`;

describe('scheduler_config_file on reload', () => {
  it('is read again on SIGHUP: a broken file keeps the running configuration, a fixed one is applied', async () => {
    sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
    const dir = await mkdtemp(join(tmpdir(), 'gwe-scheduler-'));
    const file = join(dir, 'gw.yml');
    const schedulerFile = join(dir, 'scheduler-config.xml');
    await writeFile(file, `targets:\n  - name: pc\n    base_url: ${sim.baseUrl}\n    poll_interval: 1s\n    scheduler_config_file: scheduler-config.xml\n`);
    await writeFile(schedulerFile, xml('2'));
    const cli = await startCli([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0'], 'exporter listening');
    const url = `http://${String(cli.line['address'])}`;
    const reloadOk = async (): Promise<number | undefined> =>
      valueOf(parseExposition((await get(`${url}/metrics`)).text), 'guidewire_exporter_config_last_reload_successful');
    await eventually(async () => ((await reloadOk()) === 1 ? true : undefined));

    await writeFile(schedulerFile, xml('24'));
    cli.child.kill('SIGHUP');
    await eventually(async () => (cli.output().includes('configuration reload failed') ? true : undefined));
    expect(cli.output()).toContain(`${schedulerFile}:3:19`);
    expect(cli.output()).toContain(`hours=\\"24\\": '24' is not in 0-23`);
    expect(await reloadOk()).toBe(0);
    expect(valueOf(parseExposition((await get(`${url}/metrics`)).text), 'guidewire_up', { target: 'pc' })).toBe(1);

    await writeFile(schedulerFile, xml('3'));
    cli.child.kill('SIGHUP');
    await eventually(async () => ((await reloadOk()) === 1 ? true : undefined));
    expect(await terminate(cli.child)).toBe(0);
  });
});
