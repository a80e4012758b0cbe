import { describe, expect, test } from 'vitest';
import { defaults } from '../../../src/config/types.js';
import { parse, problems, target } from './helpers.js';

const hour = 3_600_000;

describe('schedule keys: what they build', () => {
  test('an override: schedule (one or a list), timezone, grace, complete_by', async () => {
    const config = await parse(
      ...target,
      '    overrides:',
      '      - {match: ActivityEsc, schedule: " 0  0/30 * * *\t? "}',
      '      - match: "Nightly*"',
      '        schedule: ["0 0 2 * * ?", "0 30 2 ? * SAT 2027"]',
      '        timezone: Europe/Zurich',
      '        grace: 10m',
      '        complete_by: "06:00"',
      '      - {match: A, complete_by: "05:30:15 America/Chicago"}',
      '      - {match: B, complete_by: "0 0 7 ? * MON-FRI"}',
      '      - {match: C, stall_after: 1h}',
    );
    const [esc, nightly, a, b, c] = config.targets[0]?.overrides ?? [];
    expect(esc).toEqual({ match: 'ActivityEsc', schedule: ['0 0/30 * * * ?'] });
    expect(nightly).toEqual({
      match: 'Nightly*',
      schedule: ['0 0 2 * * ?', '0 30 2 ? * SAT 2027'],
      timezone: 'Europe/Zurich',
      graceMs: 10 * 60_000,
      completeBy: { text: '06:00', expression: '0 0 6 * * ?' },
    });
    expect(a?.completeBy).toEqual({ text: '05:30:15 America/Chicago', expression: '15 30 5 * * ?', timezone: 'America/Chicago' });
    expect(b?.completeBy).toEqual({ text: '0 0 7 ? * MON-FRI', expression: '0 0 7 ? * MON-FRI' });
    // Keys not given stay absent: the target's settings apply.
    expect(c).toEqual({ match: 'C', stallAfterMs: hour });
  });

  test('timezone and grace: the target, else global, else none and 5 minutes', async () => {
    const config = await parse(
      'global: {timezone: America/Chicago, grace: 15m}',
      ...target,
      '    timezone: Europe/Zurich',
      '  - {name: b, base_url: https://b.example.com/rest, grace: 2m}',
    );
    expect(config.targets.map((t) => [t.timezone, t.graceMs])).toEqual([
      ['Europe/Zurich', 15 * 60_000],
      ['America/Chicago', 2 * 60_000],
    ]);
    const plain = await parse(...target);
    expect(plain.targets[0]?.timezone).toBeUndefined();
    expect(plain.targets[0]?.graceMs).toBe(defaults.graceMs);
    expect(plain.targets[0]?.maintenance).toEqual([]);
    expect(plain.targets[0]?.schedulerImport).toBeUndefined();
  });

  test("maintenance: global's windows then the target's own; a recurring window's zone defaults to the target's, else UTC", async () => {
    const config = await parse(
      'global:',
      '  maintenance:',
      '    - {name: patch, cron: "0 0 1 ? * SUN", duration: 2h}',
      '    - {cron: "0 0 22 L * ?", duration: 30m, timezone: Asia/Tokyo}',
      ...target,
      '    timezone: Europe/Zurich',
      '    maintenance:',
      '      - {name: xmas, from: 2026-12-24T18:00:00Z, until: "2026-12-26T07:00:00+01:00"}',
      '  - name: b',
      '    base_url: https://b.example.com/rest',
    );
    const [pc, b] = config.targets;
    expect(pc?.maintenance).toEqual([
      { kind: 'recurring', name: 'patch', expression: '0 0 1 ? * SUN', timezone: 'Europe/Zurich', durationMs: 2 * hour },
      { kind: 'recurring', expression: '0 0 22 L * ?', timezone: 'Asia/Tokyo', durationMs: 30 * 60_000 },
      { kind: 'absolute', name: 'xmas', from: Date.UTC(2026, 11, 24, 18), until: Date.UTC(2026, 11, 26, 6) },
    ]);
    expect(b?.maintenance.map((w) => (w.kind === 'recurring' ? w.timezone : w.kind))).toEqual(['UTC', 'Asia/Tokyo']);
  });
});

describe('schedule keys: every problem, located, with the cron field', () => {
  test('a bad cron in a list names its index, line, column and field; a single one its key', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    overrides:',
          '      - {match: A, schedule: "0 61 * * * ?"}',
          '      - match: B',
          '        schedule:',
          '          - "0 0 2 * * ?"',
          '          - "0 0 25 * * ?"',
          '          - "0 0 2 * *"',
          '          - 42',
        ),
      ),
    ).toEqual([
      `5:30 targets[0].overrides[0].schedule: invalid Quartz cron expression: minutes: '61' is not in 0-59`,
      `9:13 targets[0].overrides[1].schedule[1]: invalid Quartz cron expression: hours: '25' is not in 0-23`,
      `10:13 targets[0].overrides[1].schedule[2]: invalid Quartz cron expression: '0 0 2 * *' has 5 fields; a Quartz expression has 6 (seconds to day of week) or 7 (with a year)`,
      '11:13 targets[0].overrides[1].schedule[3]: expected a Quartz cron expression like "0 0/30 * * * ?"',
    ]);
  });

  test('an empty or non-list schedule, and Quartz rules (? in both day fields)', async () => {
    expect(
      await problems(
        parse(...target, '    overrides:', '      - {match: A, schedule: []}', '      - {match: B, schedule: {a: 1}}', '      - {match: C, schedule: "0 0 0 ? * ?"}'),
      ),
    ).toEqual([
      '5:30 targets[0].overrides[0].schedule: must not be an empty list',
      '6:30 targets[0].overrides[1].schedule: expected a Quartz cron expression or a list of them',
      `7:30 targets[0].overrides[2].schedule: invalid Quartz cron expression: '?' may stand in day of month or day of week, not both`,
    ]);
  });

  test('time zones: override, target and global, and a zone in complete_by', async () => {
    expect(
      await problems(
        parse(
          'global: {timezone: Central}',
          ...target,
          '    timezone: Europe/Zürich',
          '    overrides:',
          '      - {match: A, timezone: "+01:00"}',
          '      - {match: B, complete_by: "06:00 Mars/Olympus"}',
        ),
      ),
    ).toEqual([
      '1:20 global.timezone: expected an IANA time zone like Europe/Zurich, America/Chicago or UTC, got "Central"',
      '5:15 targets[0].timezone: expected an IANA time zone like Europe/Zurich, America/Chicago or UTC, got "Europe/Zürich"',
      '7:30 targets[0].overrides[0].timezone: expected an IANA time zone like Europe/Zurich, America/Chicago or UTC, got "+01:00"',
      '8:33 targets[0].overrides[1].complete_by: "Mars/Olympus" is not an IANA time zone (write it like "06:00 Europe/Zurich")',
    ]);
  });

  test('complete_by: a time of day in range, or a valid cron', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    overrides:',
          '      - {match: A, complete_by: "24:00"}',
          '      - {match: B, complete_by: "6am"}',
          '      - {match: C, complete_by: "0 0 6 ? * ?"}',
          '      - {match: D, complete_by: 600}',
        ),
      ),
    ).toEqual([
      '5:33 targets[0].overrides[0].complete_by: a time of day runs from 00:00 to 23:59:59, got "24:00"',
      '6:33 targets[0].overrides[1].complete_by: expected a time of day like "06:00" or "06:00 Europe/Zurich", or a Quartz cron expression, got "6am"',
      `7:33 targets[0].overrides[2].complete_by: invalid Quartz cron expression: '?' may stand in day of month or day of week, not both`,
      '8:33 targets[0].overrides[3].complete_by: expected a time of day like "06:00" or a Quartz cron expression',
    ]);
  });

  test('grace is a duration', async () => {
    expect(await problems(parse('global: {grace: soon}', ...target, '    overrides: [{match: A, grace: 0}]'))).toEqual([
      '1:17 global.grace: expected a duration like 30s or 1h30m, got "soon"',
      '5:35 targets[0].overrides[0].grace: expected a duration greater than 0, like 30s or 1h30m, got 0',
    ]);
  });

  test('a maintenance window is cron + duration or from + until, from before until, timestamps with a zone', async () => {
    expect(
      await problems(
        parse(
          'global:',
          '  maintenance:',
          '    - {name: nothing}',
          '    - {cron: "0 0 1 ? * SUN", duration: 2h, from: 2026-12-24T18:00:00Z, until: 2026-12-25T18:00:00Z}',
          '    - {cron: "0 0 1 ? * SUN"}',
          '    - {until: 2026-12-25T18:00:00Z}',
          ...target,
          '    maintenance:',
          '      - {from: 2026-12-24T18:00:00Z, until: 2026-12-24T18:00:00Z}',
          '      - {from: 2026-12-24T18:00:00Z, until: 2026-12-25T18:00:00Z, timezone: UTC}',
          '      - {from: "2026-12-24T18:00:00", until: 2026-02-30T00:00:00Z}',
          '      - {cron: "0 0 1 ? * SUN", duration: 2h, timezone: Nowhere/Land, name: ""}',
          '      - {cron: "0 0 1 ? * SUN", duration: 2h, whn: x}',
          '    scheduler_env: prod',
        ),
      ),
    ).toEqual([
      '3:7 global.maintenance[0]: a maintenance window needs "cron" and "duration" (recurring) or "from" and "until" (absolute)',
      '4:45 global.maintenance[1].from: a maintenance window is either "cron" + "duration" or "from" + "until", not both',
      '5:7 global.maintenance[2]: missing "duration" (it goes with "cron")',
      '6:7 global.maintenance[3]: missing "from" (it goes with "until")',
      '11:45 targets[0].maintenance[0].until: "until" must be later than "from"',
      '12:67 targets[0].maintenance[1].timezone: "timezone" is for a "cron" window; "from" and "until" carry their own offset',
      '13:16 targets[0].maintenance[2].from: expected a timestamp with a zone like 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00, got "2026-12-24T18:00:00"',
      '13:46 targets[0].maintenance[2].until: expected a timestamp with a zone like 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00, got "2026-02-30T00:00:00Z"',
      '14:57 targets[0].maintenance[3].timezone: expected an IANA time zone like Europe/Zurich, America/Chicago or UTC, got "Nowhere/Land"',
      '14:77 targets[0].maintenance[3].name: must not be empty',
      '15:47 targets[0].maintenance[4].whn: unknown key "whn"',
      '16:5 targets[0].scheduler_env: "scheduler_env" requires "scheduler_config_file"',
    ]);
  });

  test('a bad maintenance cron names its field', async () => {
    expect(await problems(parse(...target, '    maintenance: [{cron: "0 0 1 ? * 8", duration: 1h}]'))).toEqual([
      `4:26 targets[0].maintenance[0].cron: invalid Quartz cron expression: dayofweek: '8' is not in 1-7`,
    ]);
  });

  test('misspelt keys get a suggestion', async () => {
    expect(
      await problems(
        parse(
          'global: {timezon: UTC}',
          ...target,
          '    scheduler_config: x.xml',
          '    overrides: [{match: A, schedules: "0 0 2 * * ?", completeBy: "06:00"}]',
          '    maintenance: [{cron: "0 0 1 ? * SUN", duraton: 2h}]',
        ),
      ),
    ).toEqual([
      '1:10 global.timezon: unknown key "timezon" (did you mean "timezone"?)',
      '5:5 targets[0].scheduler_config: unknown key "scheduler_config" (did you mean "scheduler_config_file"?)',
      '6:28 targets[0].overrides[0].schedules: unknown key "schedules" (did you mean "schedule"?)',
      '6:54 targets[0].overrides[0].completeBy: unknown key "completeBy" (did you mean "complete_by"?)',
      '7:19 targets[0].maintenance[0]: missing "duration" (it goes with "cron")',
      '7:43 targets[0].maintenance[0].duraton: unknown key "duraton" (did you mean "duration"?)',
    ]);
  });
});
