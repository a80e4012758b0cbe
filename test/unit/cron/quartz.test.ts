import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuartz, CronSyntaxError, cronerPattern, guidewireCronExpression, isTimeZone, type CronField } from '../../../src/cron/quartz.js';

const at = (iso: string): number => Date.parse(iso);
const utc = (expression: string, from: string, n: number): string[] =>
  compileQuartz(expression, 'UTC')
    .between(at(from), at(from) + 800 * 86_400_000, n)
    .map((ms) => new Date(ms).toISOString());
/** Wall-clock readings in a zone, for DST tests. */
const wall = (ms: number, zone: string): string =>
  new Date(ms).toLocaleString('sv-SE', { timeZone: zone, timeZoneName: 'shortOffset' });

describe('Quartz special characters', () => {
  it('L in day of month is the last day, LW the last weekday', () => {
    expect(utc('0 0 12 L * ?', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-31T12:00:00.000Z', '2025-02-28T12:00:00.000Z', '2025-03-31T12:00:00.000Z']);
    // 2025-05-31 is a Saturday, 2025-08-31 a Sunday.
    expect(utc('0 0 12 LW 5 ?', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-05-30T12:00:00.000Z']);
    expect(utc('0 0 12 LW 8 ?', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-08-29T12:00:00.000Z']);
  });
  it('nW is the nearest weekday, not crossing the month (1W on a Saturday is Monday the 3rd)', () => {
    // 2025-02-01 is a Saturday; 2025-06-15 a Sunday; 2025-03-15 a Saturday.
    expect(utc('0 0 12 1W 2 ?', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-02-03T12:00:00.000Z']);
    expect(utc('0 0 12 15W 6 ?', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-06-16T12:00:00.000Z']);
    expect(utc('0 0 12 15W 3 ?', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-03-14T12:00:00.000Z']);
  });
  it('# is the nth weekday (1 = Sunday), and a month without a fifth one has none', () => {
    // BoundPolicyException in Guidewire's base config: the first Saturday at noon.
    expect(utc('0 0 12 ? * 7#1', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-04T12:00:00.000Z', '2025-02-01T12:00:00.000Z']);
    expect(utc('0 0 12 ? * MON#5', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-03-31T12:00:00.000Z', '2025-06-30T12:00:00.000Z']);
  });
  it('nL is the last such weekday; L alone in day of week is Saturday', () => {
    expect(utc('0 0 12 ? * 6L', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-31T12:00:00.000Z', '2025-02-28T12:00:00.000Z']);
    expect(utc('0 0 12 ? * L', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-04T12:00:00.000Z', '2025-01-11T12:00:00.000Z']);
  });
  it('names, a/b steps and ranges that wrap past the end as Quartz reads them', () => {
    expect(utc('0 0 12 ? JAN-MAR MON-FRI', '2025-01-03T13:00:00Z', 2)).toEqual(['2025-01-06T12:00:00.000Z', '2025-01-07T12:00:00.000Z']);
    expect(utc('0 5/20 * * * ?', '2025-01-01T00:00:00Z', 4)).toEqual([
      '2025-01-01T00:05:00.000Z',
      '2025-01-01T00:25:00.000Z',
      '2025-01-01T00:45:00.000Z',
      '2025-01-01T01:05:00.000Z',
    ]);
    expect(cronerPattern('0 0 22-2 * * ?')).toBe('0 0 0,1,2,22,23 * * * *');
    expect(cronerPattern('0 0 12 ? * FRI-MON')).toBe('0 0 12 * * 1,2,6,7 *');
    expect(cronerPattern('0 50-10/15 * * * ?')).toBe('0 5,50 * * * * *');
    expect(cronerPattern('0 0 0 30-2 * ?')).toBe('0 0 0 1,2,30,31 * * *');
  });
  it('the year field: a past year has no next fire time, a step in years works', () => {
    const past = compileQuartz('0 0 12 * * ? 2020', 'UTC');
    expect(past.next(at('2025-01-01T00:00:00Z'))).toBeUndefined();
    expect(past.previous(at('2025-01-01T00:00:00Z'))).toBe(at('2020-12-31T12:00:00Z'));
    const everyOther = compileQuartz('0 0 12 1 1 ? 2026/2', 'UTC');
    expect(everyOther.between(at('2025-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'), 5)).toEqual([
      at('2026-01-01T12:00:00Z'),
      at('2028-01-01T12:00:00Z'),
    ]);
  });
  it('Guidewire attribute defaults: hours="2" minutes="30" is 02:30:00 daily, a day of week makes day of month ?', () => {
    expect(guidewireCronExpression({ hours: '2', minutes: '30' })).toBe('0 30 2 * * ?');
    expect(guidewireCronExpression({ dayofweek: '7#1', hours: '12' })).toBe('0 0 12 ? * 7#1');
    expect(guidewireCronExpression({ minutes: '0/30', year: '2030' })).toBe('0 0/30 * * * ? 2030');
  });
});

describe('errors name the field', () => {
  const cases: [string, CronField | undefined, RegExp][] = [
    ['0 61 * * * ?', 'minutes', /not in 0-59/],
    ['0 0 * ? * 8', 'dayofweek', /not in 1-7/],
    ['0 0 12 1 * 2', 'dayofweek', /cannot both be set/],
    ['0 0 ? * * *', 'hours', /only allowed in day of month/],
    ['0 0 12 L-3 * ?', 'dayofmonth', /offset from the last day/],
    ['0 0 12 ? * 2,6L', 'dayofweek', /cannot be combined/],
    ['0 0 12 ? * 2#1,6#3', 'dayofweek', /only one '#'/],
    ['0 0 12 ? * 2#6', 'dayofweek', /1-5/],
    ['0 0/61 * * * ?', 'minutes', /larger than 59/],
    ['0 0 12 LW,15 * ?', 'dayofmonth', /list/],
    ['0 0 12 * 13 ?', 'month', /not in 1-12/],
    ['0 0 12 * * ? 1960', 'year', /not in 1970-2199/],
    ['0 0 12 * *', undefined, /has 5 fields/],
    ['0 0 12 * * ? 2030 1', undefined, /has 8 fields/],
  ];
  it.each(cases)('%s → %s', (expression, field, message) => {
    let caught: unknown;
    try {
      compileQuartz(expression, 'UTC');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CronSyntaxError);
    expect((caught as CronSyntaxError).field).toBe(field);
    expect((caught as CronSyntaxError).message).toMatch(message);
    expect((caught as CronSyntaxError).message.length).toBeLessThan(120);
  });
  it('a zone Intl does not know', () => {
    expect(() => compileQuartz('0 0 12 * * ?', 'Mars/Olympus')).toThrow(/not an IANA time zone/);
  });
});

describe('daylight saving', () => {
  it('America/Chicago spring forward: 02:30 does not exist that night and is skipped, as Quartz does', () => {
    const daily = compileQuartz('0 30 2 * * ?', 'America/Chicago');
    const fires = daily.between(at('2025-03-08T00:00:00Z'), at('2025-03-11T00:00:00Z'), 10).map((ms) => wall(ms, 'America/Chicago'));
    expect(fires).toEqual(['2025-03-08 02:30:00 GMT−6', '2025-03-10 02:30:00 GMT−5']);
  });
  it('America/Chicago spring forward: an interval schedule jumps from 01:45 to 03:00', () => {
    const every15 = compileQuartz('0 0/15 * * * ?', 'America/Chicago');
    const fires = every15.between(at('2025-03-09T07:30:00Z'), at('2025-03-09T08:10:00Z'), 10).map((ms) => wall(ms, 'America/Chicago'));
    expect(fires).toEqual(['2025-03-09 01:45:00 GMT−6', '2025-03-09 03:00:00 GMT−5']);
  });
  it('America/Chicago fall back: a fixed 01:30 fires once, an interval on both passes (twins of each other)', () => {
    const daily = compileQuartz('0 30 1 * * ?', 'America/Chicago');
    const once = daily.between(at('2025-11-02T00:00:00Z'), at('2025-11-03T00:00:00Z'), 10);
    expect(once.map((ms) => wall(ms, 'America/Chicago'))).toEqual(['2025-11-02 01:30:00 GMT−5']);
    expect(daily.twin(once[0] ?? 0)).toBe(at('2025-11-02T07:30:00Z'));
    const every30 = compileQuartz('0 0/30 * * * ?', 'America/Chicago');
    const both = every30.between(at('2025-11-02T05:50:00Z'), at('2025-11-02T08:10:00Z'), 10);
    expect(both.map((ms) => wall(ms, 'America/Chicago'))).toEqual([
      '2025-11-02 01:00:00 GMT−5',
      '2025-11-02 01:30:00 GMT−5',
      '2025-11-02 01:00:00 GMT−6',
      '2025-11-02 01:30:00 GMT−6',
      '2025-11-02 02:00:00 GMT−6',
    ]);
    expect(every30.twin(both[0] ?? 0)).toBe(both[2]);
    expect(every30.twin(both[2] ?? 0)).toBe(both[0]);
    expect(every30.twin(both[4] ?? 0)).toBeUndefined();
  });
  it('Europe/Berlin: 02:30 skipped on the last Sunday of March, fires once on the last Sunday of October', () => {
    const daily = compileQuartz('0 30 2 * * ?', 'Europe/Berlin');
    const march = daily.between(at('2025-03-29T12:00:00Z'), at('2025-03-31T12:00:00Z'), 5).map((ms) => wall(ms, 'Europe/Berlin'));
    expect(march).toEqual(['2025-03-31 02:30:00 GMT+2']);
    const october = daily.between(at('2025-10-25T12:00:00Z'), at('2025-10-26T12:00:00Z'), 5);
    expect(october).toHaveLength(1);
  });
  it('Australia/Sydney (southern hemisphere): 02:30 skipped on the first Sunday of October', () => {
    const daily = compileQuartz('0 30 2 * * ?', 'Australia/Sydney');
    const fires = daily.between(at('2025-10-03T12:00:00Z'), at('2025-10-06T12:00:00Z'), 5).map((ms) => wall(ms, 'Australia/Sydney'));
    expect(fires).toEqual(['2025-10-04 02:30:00 GMT+10', '2025-10-06 02:30:00 GMT+11']);
  });
  it('Australia/Lord_Howe: a 30-minute change skips 02:15 but not 02:45', () => {
    const gap = compileQuartz('0 15 2 * * ?', 'Australia/Lord_Howe');
    // 2025-10-05 02:00 +10:30 became 02:30 +11.
    expect(gap.between(at('2025-10-04T12:00:00Z'), at('2025-10-06T12:00:00Z'), 5).map((ms) => wall(ms, 'Australia/Lord_Howe'))).toEqual([
      '2025-10-06 02:15:00 GMT+11',
    ]);
    const after = compileQuartz('0 45 2 * * ?', 'Australia/Lord_Howe');
    expect(after.between(at('2025-10-04T12:00:00Z'), at('2025-10-06T12:00:00Z'), 5).map((ms) => wall(ms, 'Australia/Lord_Howe'))).toEqual([
      '2025-10-05 02:45:00 GMT+11',
      '2025-10-06 02:45:00 GMT+11',
    ]);
  });
});

describe('properties', () => {
  const zones = ['UTC', 'America/Chicago', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe'] as const;
  const expressions = [
    '0 0/15 * * * ?',
    '0 30 2 * * ?',
    '0 0 1-3 * * ?',
    '30 5/20 * * * ?',
    '0 0 12 L * ?',
    '0 0 12 ? * 7#1',
    '0 0 9 ? * MON-FRI',
    '0 0 12 15W * ?',
    '0 0 22-2 * * ?',
  ] as const;
  // 2024-2027, DST nights included.
  const instant = fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
  const schedule = fc.tuple(fc.constantFrom(...expressions), fc.constantFrom(...zones));
  /** Wall clock fields of an instant in a zone, and whether that wall time exists (not in a gap). */
  const offsetOf = (ms: number, zone: string): number => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
  };

  it('next(t) > t, and previous(next(t)) <= t', () => {
    fc.assert(
      fc.property(schedule, instant, ([expression, zone], t) => {
        const cron = compileQuartz(expression, zone);
        const next = cron.next(t);
        if (next === undefined) return;
        expect(next).toBeGreaterThan(t);
        expect(next % 1000).toBe(0);
        const back = cron.previous(next);
        if (back !== undefined) expect(back).toBeLessThanOrEqual(t);
      }),
      { numRuns: 150 },
    );
  });
  it('between() is sorted and equals iterated next()', () => {
    fc.assert(
      fc.property(schedule, instant, ([expression, zone], t) => {
        const cron = compileQuartz(expression, zone);
        const listed = cron.between(t, t + 3 * 86_400_000, 20);
        const iterated: number[] = [];
        let at2 = cron.next(t);
        while (at2 !== undefined && at2 <= t + 3 * 86_400_000 && iterated.length < 20) {
          iterated.push(at2);
          at2 = cron.next(at2);
        }
        expect(listed).toEqual(iterated);
        for (let i = 1; i < listed.length; i += 1) expect(listed[i]).toBeGreaterThan(listed[i - 1] ?? 0);
      }),
      { numRuns: 60 },
    );
  });
  it('a fire time is a match: its wall clock reads the expression\'s time, and never lies in a DST gap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, t) => {
        const cron = compileQuartz('0 30 2 * * ?', zone);
        const next = cron.next(t);
        if (next === undefined) return;
        expect(wall(next, zone)).toMatch(/ 02:30:00 /);
        // Not in a gap: the wall clock one offset-change either side agrees with the instant's offset.
        const wallMs = next + offsetOf(next, zone);
        expect(new Date(wallMs).getUTCHours()).toBe(2);
        expect(new Date(wallMs).getUTCMinutes()).toBe(30);
      }),
      { numRuns: 150 },
    );
  });
});

describe('isTimeZone', () => {
  it('accepts IANA zone names this runtime knows', () => {
    for (const zone of ['America/Chicago', 'Europe/Zurich', 'UTC', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires']) expect(isTimeZone(zone)).toBe(true);
  });
  // Node 24's Intl takes `+01:00` as a time zone; an offset has no daylight saving, so it is refused everywhere.
  it('refuses offsets, unknown names and odd characters on every Node version', () => {
    for (const zone of ['+01:00', '-06:00', 'Z', '', 'Europe/Zürich', 'Mars/Olympus', 'Central', ' UTC', 'a'.repeat(65)]) expect(isTimeZone(zone)).toBe(false);
  });
});
