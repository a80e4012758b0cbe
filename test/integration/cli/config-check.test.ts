import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-cli-'));
  const file = join(dir, 'gw.yml');
  await writeFile(file, text);
  return file;
}

const schedulerFixture = resolve(import.meta.dirname, '../../fixtures/scheduler/scheduler-config.xml');

describe('--config.check', () => {
  it('prints a summary without secrets and exits 0 for a valid file', async () => {
    const file = await configFile(`targets:
  - name: pc-prod
    base_url: https://pc.example.com/pc/rest
    basic_auth: {username: su, password: "\${GW_PASSWORD}"}
`);
    const result = await runCli(['--config.check', `--config.file=${file}`], { GW_PASSWORD: 'hunter2-secret' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pc-prod');
    expect(result.stdout).not.toContain('hunter2-secret');
  });

  it('prints every problem with file, line and key, and exits 2', async () => {
    const file = await configFile(`global:
  poll_interval: soon
targets:
  - name: a
    base_url: https://a.example.com/rest
    basic_auth: {username: su, password: "\${UNSET_GW_VAR}"}
  - name: a
    base_url: https://b.example.com/rest
    bogus_key: 1
`);
    const result = await runCli(['--config.check', `--config.file=${file}`], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).toContain('global.poll_interval');
    expect(result.stderr).toContain(`${file}:6:`);
    expect(result.stderr).toContain('UNSET_GW_VAR');
    expect(result.stderr).toContain('targets[1].name');
    expect(result.stderr).toContain('bogus_key');
  });

  it('exits 2 with a clear message for a missing file or a bad flag', async () => {
    const missing = await runCli(['--config.check', '--config.file=/nonexistent/gw.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/gw.yml');
    const bad = await runCli(['--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown flag');
  });

  it('prints each scheduled entry with its next three fire times and each window with its next opening', async () => {
    const file = await configFile(`targets:
  - name: pc-prod
    base_url: https://pc.example.com/pc/rest
    timezone: America/Chicago
    scheduler_config_file: scheduler-config.xml
    scheduler_env: prod
    overrides:
      - {match: "Nightly*", schedule: "0 0 2 * * ?"}
    maintenance:
      - {name: patch, cron: "0 0 1 ? * SUN", duration: 2h}
`);
    await copyFile(schedulerFixture, join(dirname(file), 'scheduler-config.xml'));
    const result = await runCli(['--config.check', `--config.file=${file}`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The existing summary stays, the schedules part follows it.
    expect(result.stdout).toContain(`scheduler:       ${join(dirname(file), 'scheduler-config.xml')} (scheduler_env prod; 21 processes scheduled)`);
    expect(result.stdout).toContain('\nschedules:\ntarget pc-prod\n');
    const time = String.raw`\d{2}:\d{2}:\d{2}`;
    const instant = String.raw`(\d{4}-\d{2}-\d{2} ${time} -0[56]:00|${time})`;
    const next = `next: ${instant}, ${instant}, ${instant}$`;
    const line = (start: string): string | undefined => result.stdout.split('\n').find((l) => l.trimStart().startsWith(start));
    expect(line('Nightly*')).toMatch(new RegExp(String.raw`^  Nightly\* +0 0 2 \* \* \? +\(overrides\[0\], America/Chicago\) +${next}`));
    expect(line('ActivityEsc')).toMatch(new RegExp(String.raw`^  ActivityEsc +0 0,30 \* \* \* \? +\(scheduler-config\.xml:9, America/Chicago\) +${next}`));
    expect(line('DataDistribution')).toMatch(new RegExp(String.raw`^  DataDistribution +0 0 \* \* \* \? +\(scheduler-config\.xml:71, America/Chicago\) +${next}`));
    expect(line('maintenance patch')).toMatch(/0 0 1 \? \* SUN for 2h +\(America\/Chicago\) +next opening: \d{4}-\d{2}-\d{2} 01:00:00 -0[56]:00$/);
  });

  it('a bad cron in the YAML exits 2 naming file, line, key and field', async () => {
    const file = await configFile(`targets:
  - name: pc-prod
    base_url: https://pc.example.com/pc/rest
    overrides:
      - {match: ActivityEsc, schedule: ["0 0/30 * * * ?", "0 61 * * * ?"]}
`);
    const result = await runCli(['--config.check', `--config.file=${file}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:5:59: targets[0].overrides[0].schedule[1]: invalid Quartz cron expression: minutes: '61' is not in 0-59`);
    expect(result.stdout).toBe('');
  });

  it('a bad cron in scheduler-config.xml exits 2 naming the XML file, line and attribute', async () => {
    const file = await configFile(`targets:
  - name: pc-prod
    base_url: https://pc.example.com/pc/rest
    scheduler_config_file: scheduler-config.xml
`);
    const xml = join(dirname(file), 'scheduler-config.xml');
    await writeFile(xml, `<?xml version="1.0"?>
<SchedulerConfig xmlns="http://guidewire.com/scheduler">
  <!-- every 30 minutes -->
  <ProcessSchedule process="ActivityEsc">
    <CronSchedule minutes="0/30"/>
    <CronSchedule hours="2" minutes="61"/>
  </ProcessSchedule>
</SchedulerConfig>
`);
    const result = await runCli(['--config.check', `--config.file=${file}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${xml}:6:29: ProcessSchedule[@process='ActivityEsc']/CronSchedule[2]/@minutes: minutes="61": '61' is not in 0-59`);
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^guidewire-batch-exporter \d+\.\d+\.\d+/);
  });
});
