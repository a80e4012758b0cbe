import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { cliPath, startCli, terminate } from '../../support/cli.js';
import { completedProcess } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const config = (baseUrl: string, names: string[]) =>
  `targets:\n${names.map((name) => `  - name: ${name}\n    base_url: ${baseUrl}\n    poll_interval: 1s\n`).join('')}`;

/**
 * Resolves once the process catches SIGHUP (bit 1 of SigCgt in /proc/PID/status): the earliest moment
 * any Node.js program can survive one, since Node's own start-up runs with the default action.
 */
async function hangUpCaught(pid: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    if (mask !== undefined && (BigInt(`0x${mask}`) & 1n) === 1n) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`process ${pid} did not catch SIGHUP within ${timeoutMs} ms`);
}

/**
 * Starts the CLI and sends SIGHUP the moment it catches one, then every 10 ms until it logs that it is
 * listening (at most 15 s). Resolves with the child and its output so far.
 */
async function hangUpsDuringStart(args: string[]): Promise<{ child: ChildProcess; output: () => string; sent: number }> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await hangUpCaught(child.pid ?? 0);
  let sent = 0;
  const until = Date.now() + 15_000;
  while (!output.includes('"exporter listening"') && child.exitCode === null && child.signalCode === null && Date.now() < until) {
    child.kill('SIGHUP');
    sent++;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { child, output: () => output, sent };
}

describe('signals', () => {
  it('a SIGHUP while the exporter starts does not kill it: one reload runs once it has started', async () => {
    sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
    const dir = await mkdtemp(join(tmpdir(), 'gwe-signals-'));
    const file = join(dir, 'gw.yml');
    await writeFile(file, config(sim.baseUrl, ['first']));
    const { child, output, sent } = await hangUpsDuringStart([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0']);
    expect([child.exitCode, child.signalCode]).toEqual([null, null]);
    expect(sent).toBeGreaterThan(0);
    expect(output()).toContain('"exporter listening"');
    // Logged right after the listening line, and the reload follows.
    await eventually(async () => (output().includes('configuration reloaded') ? true : undefined));
    expect(output()).toContain('SIGHUP arrived while the exporter was starting');
    expect(await terminate(child)).toBe(0);
  });

  it('the same for --demo, and a SIGHUP during shutdown is ignored', async () => {
    const { child, output, sent } = await hangUpsDuringStart(['--demo', '--web.listen-address=127.0.0.1:0']);
    expect([child.exitCode, child.signalCode]).toEqual([null, null]);
    expect(sent).toBeGreaterThan(0);
    expect(output()).toContain('"exporter listening"');
    const exited = new Promise<[number | null, string | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGTERM');
    child.kill('SIGHUP');
    expect(await exited).toEqual([0, null]);
  });

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
