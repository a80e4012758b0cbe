import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RawProcessHistory, type RunningSimulator, type StaticModel } from '../../../src/simulator/index.js';
import { startCli, terminate } from '../../support/cli.js';
import { eventually } from '../../support/scrape.js';

let sim: RunningSimulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sim?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  sim = undefined;
  dir = undefined;
});

const iso = (ms: number) => new Date(ms).toISOString();
function finish(model: StaticModel, rows: RawProcessHistory[], k: number, at: number): void {
  rows.push({
    id: `ab:run${k}`,
    type: { code: 'Invoice', name: 'Invoice' },
    description: 'Invoice',
    dateCreated: iso(at),
    startDate: iso(at + 10),
    dateCompleted: iso(at + 110),
    opsCompleted: 7,
    failedOps: 0,
    ranToCompletion: true,
    internalFailure: false,
    scheduled: true,
    serverId: '55d109613ac9',
    leaseId: '00000000-0000-4000-8000-000000000000',
  });
  model.setHistories('Invoice', rows);
  const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps } = rows[rows.length - 1] ?? {};
  model.set({ type: { code: 'Invoice', name: 'Invoice' }, distributed: false, status: { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, type: 'Invoice' } });
}

const eventLines = (text: string) => text.split('\n').filter((l) => l.includes('"batch_run_finished"')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('run events from the command line', () => {
  it('stdout: one line per finished run beside the log lines; SIGHUP switches to a file, relative to the config file', async () => {
    const model = createStaticModel();
    const rows: RawProcessHistory[] = [];
    finish(model, rows, 1, Date.now() - 3_600_000);
    sim = await startSimulator({ model });
    dir = await mkdtemp(join(tmpdir(), 'gwe-events-cli-'));
    const config = join(dir, 'gw.yml');
    const targets = `targets:\n  - name: pc\n    base_url: ${sim.baseUrl}\n    poll_interval: 1s\n    history_interval: 1s\n`;
    await writeFile(config, `events:\n  sink: stdout\n${targets}`);
    const cli = await startCli([`--config.file=${config}`, '--web.listen-address=127.0.0.1:0'], 'exporter listening', 15_000);
    try {
      finish(model, rows, 2, Date.now() + 200);
      const [event] = await eventually(async () => (eventLines(cli.output()).length > 0 ? eventLines(cli.output()) : undefined), 15_000, 100);
      expect(event).toMatchObject({ event: 'batch_run_finished', target: 'pc', process: 'Invoice', run_id: 'ab:run2', outcome: 'succeeded', ops_completed: 7 });

      await writeFile(config, `events:\n  sink: file\n  file: runs.jsonl\n${targets}`);
      cli.child.kill('SIGHUP');
      await eventually(async () => (cli.output().includes('configuration reloaded') ? true : undefined), 15_000, 100);
      finish(model, rows, 3, Date.now() + 200);
      const file = join(dir, 'runs.jsonl');
      const lines = await eventually(async () => {
        const text = await readFile(file, 'utf8').catch(() => '');
        return text === '' ? undefined : eventLines(text);
      }, 15_000, 100);
      expect(lines.map((l) => l['run_id'])).toEqual(['ab:run3']);
      expect(eventLines(cli.output())).toHaveLength(1);
    } finally {
      expect(await terminate(cli.child)).toBe(0);
    }
  }, 40_000);
});
