/**
 * `probe` against the simulator through the built CLI: the table, the metrics output (checked by
 * promtool), target selection, exit codes, and no secret in any output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioModel, demoProcesses, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { unusedPort } from '../../support/fake-http.js';
import { probe, promtoolCheck, secrets, simulatorAuth, writeConfig } from './support.js';

let sim: RunningSimulator;
let file: string;
const codes = demoProcesses.map((process) => process.code);

beforeAll(async () => {
  sim = await startSimulator({ model: createScenarioModel({ seed: 1, epoch: Date.now() - 60_000 }), auth: simulatorAuth });
  const closed = await unusedPort();
  file = await writeConfig(`global:
  request_timeout: 5s
targets:
  - name: cc-oauth
    base_url: ${sim.baseUrl}
    oauth2: {token_url: "${sim.tokenUrl}", client_id: probe-client, client_secret: ${secrets.clientSecret}}
  - name: cc-basic
    base_url: ${sim.baseUrl}
    basic_auth: {username: su, password: ${secrets.password}}
  - name: cc-down
    base_url: http://127.0.0.1:${closed}/rest
`);
});
afterAll(async () => {
  await sim.close();
});

describe('probe', () => {
  it('--schema shows what the API definition declares and what the requests carry because of it', async () => {
    const result = await probe(file, '--target=cc-basic', '--schema');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('  API definition: openapi.json (version 1.0.0-simulator)');
    expect(lines).toContain('    GET /batch-processes: parameters pageSize, pageOffset, includeTotal, fields; default page 25, maximum page 100');
    expect(lines).toContain('    list items declare: status, workQueueStatus');
    expect(lines).toContain('    requests: list: pageSize=100, fields=*all (status from the list, no per-type GETs); histories: by pageOffset with includeTotal');
    // Without the flag, none of it.
    expect((await probe(file, '--target=cc-basic')).stdout).not.toContain('API definition');
  });

  it('prints every process of a target that polls fine, and exits 0', async () => {
    const result = await probe(file, '--target=cc-oauth');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^cc-oauth  ${sim.baseUrl}  UP  poll \\S+  3 requests  ${codes.length} processes  server clock in step, America/Chicago$`));
    for (const code of codes) expect(lines.some((line) => line.startsWith(`  ${code} `))).toBe(true);
    expect(result.stdout).toMatch(/^ {2}PurgeClusterMembers +never run +NEVER RUN$/m);
    expect(result.stdout).not.toContain('cc-basic');
    // Not a terminal: no colour.
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout.endsWith('1 target: 1 up, 0 down\n')).toBe(true);
  });

  it('goes on with the other targets when one fails, and exits 1', async () => {
    const result = await probe(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^cc-oauth .* UP .*$/m);
    expect(result.stdout).toMatch(/^cc-basic .* UP .*$/m);
    expect(result.stdout).toMatch(/^cc-down .* DOWN .* 0 processes$/m);
    expect(result.stdout).toContain('problem: connection refused');
    // Both good targets list every process.
    expect(result.stdout.match(/^ {2}ActivityEsc /gm)).toHaveLength(2);
    expect(result.stdout.endsWith('3 targets: 2 up, 1 down\n')).toBe(true);
  });

  it('--output=metrics prints exposition text that promtool accepts, with every process', async () => {
    const result = await probe(file, '--output=metrics');
    expect(result.code).toBe(1);
    const check = await promtoolCheck(result.stdout);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    for (const code of codes) expect(result.stdout).toContain(`guidewire_batch_process_info{target="cc-basic",batch_process="${code}"`);
    expect(result.stdout).toContain('guidewire_up{target="cc-oauth"} 1\n');
    expect(result.stdout).toContain('guidewire_up{target="cc-down"} 0\n');
    // Nothing that only a long-running exporter can know.
    expect(result.stdout).not.toMatch(/guidewire_batch_process_stalled|guidewire_batch_process_runs_total|guidewire_poll_interval_seconds|process_cpu/);
    // Why cc-down failed goes to stderr, keeping stdout valid.
    expect(result.stderr).toContain('cc-down');
    expect(result.stderr).toContain('problem: connection refused');
  });

  it('exits 2 for an unknown --target, naming the configured ones', async () => {
    const result = await probe(file, '--target', 'cc-nope');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no target named "cc-nope"');
    expect(result.stderr).toContain('cc-oauth, cc-basic, cc-down');
  });

  it('exits 2 for an invalid configuration, without echoing credentials in a URL', async () => {
    const bad = await writeConfig(`targets:
  - name: pc
    base_url: https://svc:${secrets.urlPassword}@pc.example.com/rest
`);
    const result = await probe(bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('targets[0].base_url: must not contain credentials');
  });

  it('prints each scheduled process\'s schedule, zone and next run, and unknown (with why) for the others', async () => {
    const scheduled = await writeConfig(`targets:
  - name: cc
    base_url: ${sim.baseUrl}
    basic_auth: {username: su, password: ${secrets.password}}
    overrides:
      - match: ActivityEsc
        schedule: ["0 0/30 * * * ?"]
        timezone: America/Chicago
`);
    const result = await probe(scheduled);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}PROCESS .* DURATION +SCHEDULE +NEXT RUN +FLAGS$/m);
    const row = result.stdout.split('\n').find((line) => line.startsWith('  ActivityEsc '));
    expect(row).toMatch(/ 0 0\/30 \* \* \* \? \(config, America\/Chicago\) +in (\d+m)?\d+s( |$)/);
    expect(result.stdout).toMatch(/^ {2}PurgeClusterMembers +never run +unknown +NEVER RUN$/m);
    expect(result.stdout).toContain('schedule unknown: none configured (overrides schedule:) or imported (scheduler_config_file:); a learned cadence needs the run history, which probe does not read');
  });
});
