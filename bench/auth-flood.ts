/**
 * Issue 12 item 3: does a flood of wrong basic-auth passwords slow down an authorized scraper?
 *
 * Starts the built exporter (`--demo`, so no upstream is needed) behind a web configuration with one
 * bcrypt user of cost 10, scrapes it as that user about once a second, and meanwhile sends `rate` wrong
 * logins per second from `clients` loopback source addresses (127.0.0.2, 127.0.0.3, ...), each on a new
 * connection. Reports the authorized scrapes' latency and how many exceeded Prometheus' 10 s timeout.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { listeningUrl } from './exporter-process.js';
import { sleep } from './stats.js';

export interface FloodPlan {
  /** The built CLI to measure (`dist/cli.js`, or an older build). */
  readonly cliPath: string;
  readonly durationMs: number;
  /** Wrong logins per second, all clients together. */
  readonly rate: number;
  /** Distinct source addresses of the flood. */
  readonly clients: number;
  /** Authorized scrapes are given up after this long (Prometheus' default scrape_timeout). */
  readonly timeoutMs: number;
  /** Extra web configuration lines, e.g. `basic_auth_limits` (builds from before issue 12 refuse them). */
  readonly webConfigExtra?: string;
}

export interface FloodReport {
  readonly plan: FloodPlan;
  readonly scrapes: number;
  readonly timedOut: number;
  /** Authorized scrapes that did not answer 200 in time (other than timeouts). */
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** How the wrong logins were answered: status code (or `timeout` / `error`) → count. */
  readonly flood: Readonly<Record<string, number>>;
}

interface Outcome {
  readonly status: string;
  readonly ms: number;
}

/** One GET on a new connection from `localAddress`; never rejects. */
function hit(url: string, authorization: string, localAddress: string, timeoutMs: number): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const done = (status: string): void => resolve({ status, ms: performance.now() - start });
    const req = request(url, { agent: false, localAddress, headers: { authorization }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode)));
      res.on('error', () => done('error'));
    });
    req.on('timeout', () => {
      req.destroy();
      done('timeout');
    });
    req.on('error', () => done('error'));
    req.end();
  });
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The value at quantile `q` of sorted `values` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Runs the flood against a freshly started exporter and reports. */
export async function runAuthFlood(plan: FloodPlan, log: (line: string) => void): Promise<FloodReport> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-auth-flood-'));
  const webConfig = join(dir, 'web.yml');
  await writeFile(webConfig, `basic_auth_users:\n  prometheus: ${bcrypt.hashSync('right-password', 10)}\n${plan.webConfigExtra ?? ''}`);
  const child = spawn(process.execPath, [plan.cliPath, '--demo', `--web.config.file=${webConfig}`, '--web.listen-address=127.0.0.1:0', '--log.level=info'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => void (output = (output + d.toString()).slice(-50_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  try {
    const url = `${await listeningUrl(child, () => output, 20)}/metrics`;
    const good = basic('prometheus', 'right-password');
    // Warm up: the scraper's first login runs bcrypt once, then it is cached, as for a running Prometheus.
    for (let i = 0; i < 3; i++) await hit(url, good, '127.0.0.1', plan.timeoutMs);

    const flood: Record<string, number> = {};
    const pending: Promise<void>[] = [];
    const scraping: Promise<Outcome>[] = [];
    const start = performance.now();
    const floodLoop = (async () => {
      for (let n = 0; performance.now() - start < plan.durationMs; n++) {
        const client = `127.0.0.${2 + (n % plan.clients)}`;
        pending.push(hit(url, basic(n % 2 === 0 ? 'prometheus' : `nobody${n % 7}`, `wrong-${n}`), client, plan.timeoutMs).then((o) => void (flood[o.status] = (flood[o.status] ?? 0) + 1)));
        await sleep(Math.max(0, start + ((n + 1) * 1000) / plan.rate - performance.now()));
      }
    })();
    const scrapeLoop = (async () => {
      for (let n = 0; performance.now() - start < plan.durationMs; n++) {
        // Prometheus starts a scrape every interval whether or not the last one has finished.
        scraping.push(hit(url, good, '127.0.0.1', plan.timeoutMs));
        await sleep(Math.max(0, start + (n + 1) * 1000 - performance.now()));
      }
    })();
    await Promise.all([floodLoop, scrapeLoop]);
    log(`flood sent for ${plan.durationMs / 1000} s; waiting up to ${plan.timeoutMs / 1000} s for the last answers`);
    await Promise.all(pending);
    const scrapes = await Promise.all(scraping);
    const answered = scrapes.filter((o) => o.status !== 'timeout').map((o) => o.ms).sort((a, b) => a - b);
    return {
      plan,
      scrapes: scrapes.length,
      timedOut: scrapes.filter((o) => o.status === 'timeout').length,
      failed: scrapes.filter((o) => o.status !== 'timeout' && o.status !== '200').length,
      // A timed-out scrape counts as taking the whole timeout.
      ...(() => {
        const all = [...answered, ...scrapes.filter((o) => o.status === 'timeout').map(() => plan.timeoutMs)].sort((a, b) => a - b);
        return { p50Ms: quantile(all, 0.5), p99Ms: quantile(all, 0.99), maxMs: all[all.length - 1] ?? Number.NaN };
      })(),
      flood,
    };
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
