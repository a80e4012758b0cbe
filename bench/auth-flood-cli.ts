/**
 * `npm run bench:auth-flood`: wrong basic-auth logins against the built exporter while an authorized
 * scraper scrapes (see auth-flood.ts). Prints one markdown table row; progress goes to stderr.
 * Options: `--cli=PATH` (another build, e.g. of an older revision), `--duration=SECONDS` (30),
 * `--rate=LOGINS_PER_SECOND` (50), `--clients=N` (flooding source addresses, 1), `--no-client-budget`
 * (turns the per-client failure budget off, to measure the worker pool and the pending-check bound alone).
 */
import { join } from 'node:path';
import { runAuthFlood } from './auth-flood.js';

const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const number = (name: string, fallback: number): number => {
  const value = Number(option(name) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const plan = {
  cliPath: option('cli') ?? join(process.cwd(), 'dist', 'cli.js'),
  durationMs: number('duration', 30) * 1000,
  rate: number('rate', 50),
  clients: Math.round(number('clients', 1)),
  timeoutMs: 10_000,
  ...(process.argv.includes('--no-client-budget') ? { webConfigExtra: 'basic_auth_limits:\n  client_failure_interval: 0s\n' } : {}),
};
const log = (line: string): void => console.error(`[auth-flood ${new Date().toISOString().slice(11, 19)}] ${line}`);
log(`${plan.rate} wrong logins/s from ${plan.clients} address(es)${plan.webConfigExtra === undefined ? '' : ' (no client budget)'} for ${plan.durationMs / 1000} s against ${plan.cliPath}`);
const r = await runAuthFlood(plan, log);
const ms = (v: number): string => (Number.isNaN(v) ? '-' : `${Math.round(v)} ms`);
const flood = Object.entries(r.flood).sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${n}× ${status}`).join(', ');
console.log('| wrong logins | clients | authorized scrapes | p50 | p99 | max | timed out (10 s) | failed | wrong logins answered |');
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(`| ${plan.rate}/s for ${plan.durationMs / 1000} s | ${plan.clients} | ${r.scrapes} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${r.timedOut} | ${r.failed} | ${flood} |`);
