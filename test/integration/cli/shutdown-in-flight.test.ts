/**
 * SIGTERM lets a response in flight finish within the grace period (docs/reliability.md): a scraper that
 * reads a large /metrics slowly still gets every byte, then the exporter exits 0.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { startCli } from '../../support/cli.js';
import { completedProcess } from '../../support/harness.js';
import { eventually } from '../../support/scrape.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

// Many targets of a modest size each: a large exposition that stays under any per-target limit.
const processes = 500;
const targets = Array.from({ length: 16 }, (_, i) => `t${i}`);

/** Resolves once `socket` has received the response head; the rest of what arrived is the body so far. */
function head(socket: Socket): Promise<{ status: number; length: number; body: Buffer[] }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const text = buffered.subarray(0, end).toString('latin1');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0),
        length: Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? -1),
        body: [buffered.subarray(end + 4)],
      });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

describe('shutdown with a response in flight', () => {
  it('a slow reader of a large /metrics gets the whole body after SIGTERM, then the exporter exits 0', async () => {
    sim = await startSimulator({ model: createStaticModel(Array.from({ length: processes }, (_, i) => completedProcess(`BatchProcessType${i}`))) });
    const dir = await mkdtemp(join(tmpdir(), 'gwe-inflight-'));
    const file = join(dir, 'gw.yml');
    const target = (name: string): string => `  - name: ${name}\n    base_url: ${sim?.baseUrl}\n    history: false\n    list_page_size: 500\n    poll_interval: 5m\n`;
    await writeFile(file, `targets:\n${targets.map(target).join('')}`);
    const cli = await startCli([`--config.file=${file}`, '--web.listen-address=127.0.0.1:0'], 'exporter listening');
    const url = `http://${String(cli.line['address'])}`;
    const exited = new Promise<[number | null, string | null]>((resolve) => cli.child.once('exit', (code, signal) => resolve([code, signal])));
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    try {
      await eventually(async () => ((await fetch(`${url}/-/ready`)).status === 200 ? true : undefined), 20_000);

      socket.write('GET /metrics HTTP/1.1\r\nHost: exporter\r\n\r\n');
      const answer = await head(socket);
      expect(answer.status).toBe(200);
      // Several MiB: far more than the loopback socket buffers hold while the reader is paused.
      expect(answer.length).toBeGreaterThan(8 * 1024 * 1024);
      socket.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      const stopping = Date.now();
      cli.child.kill('SIGTERM');
      // The scraper is still slow: it goes on reading a second into the 3 s grace period.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      socket.on('data', (chunk: Buffer) => answer.body.push(chunk));
      socket.resume();
      await closed;
      expect(Buffer.concat(answer.body).length).toBe(answer.length);
      expect(await exited).toEqual([0, null]);
      expect(Date.now() - stopping).toBeLessThan(3_000);
    } finally {
      socket.destroy();
      cli.child.kill('SIGKILL');
    }
  }, 30_000);
});
