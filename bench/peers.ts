/**
 * The peers the exporter is compared with: the Go Pushgateway holding the same series, and a bare
 * node:http server writing a pre-rendered Buffer (bench/static-server.mjs), each in its own process.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort, startDaemon, waitReady } from '../test/e2e/binaries.js';

export interface Peer {
  /** The URL to load, e.g. `http://127.0.0.1:PORT/metrics`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts a Pushgateway (in memory only) and PUTs `exposition` as group `job="bench"`.
 * The text must not carry families the Pushgateway exposes itself (`process_*`, `go_*`).
 */
export async function startPushgateway(binary: string, exposition: string): Promise<Peer> {
  const port = await freePort();
  const daemon = startDaemon(binary, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=warn']);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/-/ready`, daemon);
    const res = await fetch(`${base}/metrics/job/bench`, { method: 'PUT', body: exposition, headers: { 'content-type': 'text/plain; version=0.0.4' } });
    if (!res.ok) throw new Error(`pushgateway refused the push: ${res.status} ${await res.text()}`);
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return { url: `${base}/metrics`, stop: () => daemon.stop() };
}

/** Starts bench/static-server.mjs serving `exposition` (and its gzip, compressed once up front). */
export async function startStaticServer(serverPath: string, exposition: string): Promise<Peer> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-static-'));
  const plain = join(dir, 'metrics.txt');
  const gzipped = join(dir, 'metrics.txt.gz');
  await writeFile(plain, exposition);
  await writeFile(gzipped, gzipSync(exposition));
  const child = spawn(process.execPath, [serverPath, plain, gzipped], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening (\d+)/.exec(out);
      if (match !== null) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
