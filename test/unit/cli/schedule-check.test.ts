import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeSchedules, formatInstants } from '../../../src/cli/schedule-check.js';
import { loadConfigFile } from '../../../src/config/load.js';
import { parse, target, tempDir, writeFiles, yaml } from '../config/helpers.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/scheduler/scheduler-config.xml');

describe('formatInstants', () => {
  test('the first in full, then the time only while date and offset stay; a DST change shows the new offset', () => {
    // 2026-10-25: Zurich goes from +02:00 to +01:00 at 03:00.
    const at = (iso: string): number => Date.parse(iso);
    expect(formatInstants([at('2026-10-24T23:00:00Z'), at('2026-10-25T03:00:00Z'), at('2026-10-25T04:00:00Z'), at('2026-10-26T00:00:00Z')], 'Europe/Zurich')).toBe(
      '2026-10-25 01:00:00 +02:00, 2026-10-25 04:00:00 +01:00, 05:00:00, 2026-10-26 01:00:00 +01:00',
    );
    expect(formatInstants([at('2026-12-07T03:00:00Z')], 'UTC')).toBe('2026-12-07 03:00:00 +00:00');
  });
});

describe('describeSchedules', () => {
  test('overrides and imported entries with their next three fire times in their zone, maintenance openings, warnings', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'gw.yml': yaml(
        'targets:',
        '  - name: pc',
        '    base_url: https://pc.example.com/rest',
        '    timezone: America/Chicago',
        '    scheduler_config_file: scheduler-config.xml',
        '    overrides:',
        '      - {match: "Nightly*", schedule: ["0 0 2 * * ?", "0 0 4 ? * SUN"], timezone: Europe/Zurich}',
        '      - {match: DashboardStatistics, schedule: "0 0 7 * * ?"}',
        '      - {match: ActivityEsc, stall_after: 1h}',
        '    maintenance:',
        '      - {name: patch, cron: "0 0 1 ? * SUN", duration: 2h}',
        '      - {name: xmas, from: 2026-12-24T18:00:00Z, until: 2026-12-26T06:00:00Z}',
      ),
    });
    await copyFile(fixture, path.join(dir, 'scheduler-config.xml'));
    const config = await loadConfigFile(path.join(dir, 'gw.yml'), { env: {} });
    // Sunday 2026-12-06 21:10 in Chicago.
    const text = describeSchedules(config, Date.parse('2026-12-07T03:10:00Z'));
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['schedules:', 'target pc']);
    const line = (start: string): string | undefined => lines.find((l) => l.trimStart().startsWith(start));
    expect(line('Nightly*')).toMatch(/^ {2}Nightly\* +0 0 2 \* \* \? +\(overrides\[0\], Europe\/Zurich\) +next: 2026-12-08 02:00:00 \+01:00, 2026-12-09 02:00:00 \+01:00, 2026-12-10 02:00:00 \+01:00$/);
    expect(lines.filter((l) => l.trimStart().startsWith('Nightly*'))[1]).toMatch(/0 0 4 \? \* SUN .* next: 2026-12-13 04:00:00 \+01:00, 2026-12-20 04:00:00 \+01:00, 2026-12-27 04:00:00 \+01:00$/);
    // An override without schedule: the XML entry, in the target's zone.
    expect(line('ActivityEsc')).toMatch(/^ {2}ActivityEsc +0 0,30 \* \* \* \? +\(scheduler-config\.xml:9, America\/Chicago\) +next: 2026-12-06 21:30:00 -06:00, 22:00:00, 22:30:00$/);
    // An override with a schedule replaces both XML entries of the process.
    const dashboard = lines.filter((l) => l.trimStart().startsWith('DashboardStatistics'));
    expect(dashboard[0]).toMatch(/0 0 7 \* \* \? +\(overrides\[1\], America\/Chicago\) +next: 2026-12-07 07:00:00 -06:00, /);
    expect(dashboard.slice(1).map((l) => / \((scheduler-config\.xml:\d+)\) +replaced by the schedule of overrides\[1\] \(match DashboardStatistics\)$/.exec(l)?.[1])).toEqual([
      'scheduler-config.xml:39',
      'scheduler-config.xml:40',
    ]);
    expect(line('BoundPolicyException')).toMatch(/next: 2027-01-02 12:00:00 -06:00, 2027-02-06 12:00:00 -06:00, 2027-03-06 12:00:00 -06:00$/);
    expect(line('YearEndClose')).toMatch(/next: 2026-12-31 22:00:00 -06:00, 2027-12-31 22:00:00 -06:00, 2028-12-31 22:00:00 -06:00$/);
    expect(line('maintenance patch')).toMatch(/0 0 1 \? \* SUN for 2h +\(America\/Chicago\) +next opening: 2026-12-13 01:00:00 -06:00$/);
    expect(line('maintenance xmas')).toMatch(/2026-12-24 18:00:00 \+00:00 until 2026-12-26 06:00:00 \+00:00 +\(absolute\) +upcoming$/);
    expect(line('warning:')).toBe('  warning: 5 CronSchedule entries with an env attribute ("dev", "prod", "test") are ignored because scheduler_env is not set');
    // One line per expression: 3 of overrides, 21 imported without env (the 5 with env are left out), 2 windows, 1 warning.
    expect(lines.filter((l) => l.startsWith('  ')).length).toBe(3 + 21 + 2 + 1);
  });

  test('without a zone: the server zone, shown in UTC; without anything: a note', async () => {
    const config = await parse(...target, '    overrides: [{match: A, schedule: "0 0 2 * * ?"}]', '  - {name: b, base_url: https://b.example.com/rest}');
    const text = describeSchedules(config, Date.parse('2026-12-07T03:10:00Z'));
    expect(text).toBe(
      [
        'schedules:',
        'target pc',
        '  A  0 0 2 * * ?  (overrides[0], server zone, shown in UTC until /system-time is read)  next: 2026-12-08 02:00:00 +00:00, 2026-12-09 02:00:00 +00:00, 2026-12-10 02:00:00 +00:00',
        '',
        'target b',
        '  (none configured: a schedule is learned from the run history where it can be)',
        '',
      ].join('\n'),
    );
  });

  test('a window that is open or over says so; a cron with no future fire time says so', async () => {
    const config = await parse(
      ...target,
      '    overrides: [{match: Old, schedule: "0 0 2 1 1 ? 2020"}]',
      '    maintenance: [{name: now, from: 2026-12-07T00:00:00Z, until: 2026-12-08T00:00:00Z}, {name: past, from: 2026-01-01T00:00:00Z, until: 2026-01-02T00:00:00Z}]',
    );
    const text = describeSchedules(config, Date.parse('2026-12-07T03:10:00Z'));
    expect(text).toMatch(/Old +0 0 2 1 1 \? 2020 .* no fire time after now\n/);
    expect(text).toMatch(/maintenance now .* open now\n/);
    expect(text).toMatch(/maintenance past .* over\n/);
  });
});
