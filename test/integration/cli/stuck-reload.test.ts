/**
 * A reload stuck reading the configuration (a hung network mount; a FIFO without a writer reproduces it:
 * a blocking open() waits until someone writes) fails after --config.reload-timeout, is counted as a
 * failed reload, and never holds /-/reload, SIGHUP or the shutdown.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { startCli } from '../../support/cli.js';
import { completedProcess } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** POST /-/reload, given up on by the test after 10 s; resolves with the status, body and time taken. */
async function reload(url: string): Promise<{ status: number; text: string; ms: number }> {
  const started = Date.now();
  const answer = await fetch(`${url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  return { status: answer.status, text: await answer.text(), ms: Date.now() - started };
}

describe('a reload stuck reading the configuration', () => {
  it('fails within --config.reload-timeout, counted as failed, and SIGTERM still exits within the grace period', async () => {
    sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
    const dir = await mkdtemp(join(tmpdir(), 'gwe-fifo-'));
    const file = join(dir, 'gw.yml');
    await writeFile(file, `targets:\n  - name: pc\n    base_url: ${sim.baseUrl}\n    poll_interval: 1s\n`);
    const cli = await startCli([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0', '--config.reload-timeout=1s'], 'exporter listening');
    const url = `http://${String(cli.line['address'])}`;
    const exited = new Promise<[number | null, string | null]>((resolve) => cli.child.once('exit', (code, signal) => resolve([code, signal])));
    try {
      await eventually(async () => (valueOf(parseExposition((await get(`${url}/metrics`)).text), 'guidewire_up', { target: 'pc' }) === 1 ? true : undefined));
      await rm(file);
      execFileSync('mkfifo', [file]);

      const first = await reload(url);
      expect(first.status).toBe(500);
      expect(first.text).toContain('did not finish within 1s');
      expect(first.ms).toBeGreaterThanOrEqual(900);
      expect(first.ms).toBeLessThan(3_000);
      // The given-up read was cancelled, not left behind: the next reload tries again, bounded again.
      const second = await reload(url);
      expect(second.status).toBe(500);
      expect(second.text).toContain('did not finish within 1s');
      expect(second.ms).toBeLessThan(3_000);
      const scrape = parseExposition((await get(`${url}/metrics`)).text);
      expect(valueOf(scrape, 'guidewire_exporter_config_last_reload_successful')).toBe(0);
      expect(valueOf(scrape, 'guidewire_up', { target: 'pc' })).toBe(1);
      expect(cli.output()).toContain('configuration reload failed');

      // A FIFO that a process writes (as with --config.file=<(...)) is read as before.
      const writer = spawn('sh', ['-c', `printf 'targets:\\n  - name: piped\\n    base_url: ${sim.baseUrl}\\n' > "$0"`, file], { stdio: 'ignore' });
      const written = new Promise((resolve) => writer.once('exit', resolve));
      const piped = await reload(url);
      expect([piped.status, piped.text]).toEqual([200, expect.stringContaining('1 targets')]);
      await written;

      cli.child.kill('SIGHUP');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopping = Date.now();
      cli.child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
      // The HTTP server's grace period is 3 s.
      expect(Date.now() - stopping).toBeLessThan(3_000);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});
