import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dumpConfig } from '../../../src/config/dump.js';
import { loadConfigFile } from '../../../src/config/load.js';
import { summarizeConfig } from '../../../src/config/summary.js';
import { configError, compact, tempDir, writeFiles, yaml } from './helpers.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/scheduler/scheduler-config.xml');

const config = (...extra: string[]): string =>
  yaml('targets:', '  - name: pc', '    base_url: https://pc.example.com/rest', '    scheduler_config_file: sched/scheduler-config.xml', ...extra);

async function setUp(yamlText: string, xml?: string): Promise<{ dir: string; file: string; xmlFile: string }> {
  const dir = await tempDir();
  const xmlFile = path.join(dir, 'sched', 'scheduler-config.xml');
  await writeFiles(dir, { 'gw.yml': yamlText, ...(xml === undefined ? {} : { 'sched/scheduler-config.xml': xml }) });
  if (xml === undefined) {
    await writeFiles(dir, { 'sched/.keep': '' });
    await copyFile(fixture, xmlFile);
  }
  return { dir, file: path.join(dir, 'gw.yml'), xmlFile };
}

describe('scheduler_config_file', () => {
  test('is read relative to the configuration file, with scheduler_env choosing the entries', async () => {
    const { file, xmlFile } = await setUp(config('    scheduler_env: prod'));
    const loaded = await loadConfigFile(file, { env: {} });
    const imported = loaded.targets[0]?.schedulerImport;
    expect(imported?.file).toBe(xmlFile);
    expect(imported?.env).toBe('prod');
    expect(imported?.processes.get('DataDistribution')).toEqual([{ expression: '0 0 * * * ?', source: `${xmlFile}:71` }]);
    expect(Object.isFrozen(imported?.processes.get('ActivityEsc'))).toBe(true);
  });

  test('is read again at every load, so a reload (SIGHUP) sees the new file', async () => {
    const { file, xmlFile } = await setUp(config(), '<S><ProcessSchedule process="A"><CronSchedule hours="1"/></ProcessSchedule></S>');
    const first = await loadConfigFile(file, { env: {} });
    expect(first.targets[0]?.schedulerImport?.processes.get('A')?.[0]?.expression).toBe('0 0 1 * * ?');
    await writeFile(xmlFile, '<S><ProcessSchedule process="A"><CronSchedule hours="4"/></ProcessSchedule></S>');
    const second = await loadConfigFile(file, { env: {} });
    expect(second.targets[0]?.schedulerImport?.processes.get('A')?.[0]?.expression).toBe('0 0 4 * * ?');
    // A broken file on reload is a ConfigError like any bad configuration: the caller keeps the old one.
    await writeFile(xmlFile, '<S><ProcessSchedule process="A"><CronSchedule hours="24"/></ProcessSchedule></S>');
    const err = await configError(loadConfigFile(file, { env: {} }));
    expect(err.problems.map((p) => `${p.file}:${compact(p)}`)).toEqual([
      `${xmlFile}:1:47 ProcessSchedule[@process='A']/CronSchedule[1]/@hours: hours="24": '24' is not in 0-23`,
    ]);
  });

  test("the YAML's problems and the XML's are reported together, each in its own file", async () => {
    const { file, xmlFile } = await setUp(config('    timezone: Nowhere'), '<S>\n  <CronSchedule hours="1"/>\n</S>\n');
    const err = await configError(loadConfigFile(file, { env: {} }));
    expect(err.problems.map((p) => `${path.basename(p.file)}:${compact(p)}`)).toEqual([
      'gw.yml:5:15 targets[0].timezone: expected an IANA time zone like Europe/Zurich, America/Chicago or UTC, got "Nowhere"',
      'scheduler-config.xml:2:3 CronSchedule: a CronSchedule outside a ProcessSchedule (Guidewire would not know which process it schedules)',
    ]);
    expect(err.problems[1]?.file).toBe(xmlFile);
  });

  test('a missing file, a directory and a file over 4 MiB are reported at the key', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'gw.yml': yaml(
        'targets:',
        '  - {name: a, base_url: https://a.example.com/rest, scheduler_config_file: missing.xml}',
        '  - {name: b, base_url: https://b.example.com/rest, scheduler_config_file: big.xml}',
        '  - {name: c, base_url: https://c.example.com/rest, scheduler_config_file: sub}',
      ),
      'big.xml': `<S>${' '.repeat(4 * 1024 * 1024)}</S>`,
      'sub/x': '',
    });
    const err = await configError(loadConfigFile(path.join(dir, 'gw.yml'), { env: {} }));
    expect(err.problems.map(compact)).toEqual([
      `2:76 targets[0].scheduler_config_file: file "missing.xml" (resolved to "${path.join(dir, 'missing.xml')}") does not exist or is not a readable file`,
      `3:76 targets[1].scheduler_config_file: file "${path.join(dir, 'big.xml')}" cannot be read (is larger than 4 MiB)`,
      `4:76 targets[2].scheduler_config_file: file "sub" (resolved to "${path.join(dir, 'sub')}") does not exist or is not a readable file`,
    ]);
  });

  test('/config and the summary show the import and the schedule keys', async () => {
    const { file, xmlFile } = await setUp(
      config(
        '    scheduler_env: prod',
        '    timezone: America/Chicago',
        '    grace: 10m',
        '    maintenance: [{name: patch, cron: "0 0 1 ? * SUN", duration: 2h}, {from: 2026-12-24T18:00:00Z, until: 2026-12-26T06:00:00Z}]',
        '    overrides: [{match: A, schedule: "0 0 2 * * ?", timezone: UTC, grace: 1m, complete_by: "06:00 Europe/Zurich"}]',
        '    limits: {max_kept_runs: 50}',
      ),
    );
    const loaded = await loadConfigFile(file, { env: {} });
    const dump = dumpConfig(loaded);
    for (const line of [
      `    scheduler_config_file: ${xmlFile}`,
      '    scheduler_env: prod',
      '    timezone: America/Chicago',
      '    grace: 10m',
      '      - name: patch\n        cron: 0 0 1 ? * SUN\n        duration: 2h\n        timezone: America/Chicago',
      '      - from: 2026-12-24T18:00:00.000Z\n        until: 2026-12-26T06:00:00.000Z',
      '        schedule:\n          - 0 0 2 * * ?\n        timezone: UTC\n        grace: 1m\n        complete_by: 06:00 Europe/Zurich',
      '      max_kept_runs: 50',
    ]) {
      expect(dump).toContain(line);
    }
    const summary = summarizeConfig(loaded);
    expect(summary).toContain(`  scheduler:       ${xmlFile} (scheduler_env prod; 21 processes scheduled)`);
    expect(summary).toContain('  timezone:        America/Chicago');
    expect(summary).toContain('  maintenance:     2 windows');
  });
});
