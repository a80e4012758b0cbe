import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../../src/errors.js';
import { parseSystemTime } from '../../../src/guidewire/system-time.js';

const endpoint = '/pc/rest/systemtools/v1/system-time';
const at = '2026-12-06T14:45:50.123-06:00';

describe('parseSystemTime', () => {
  it('reads dateTime, zoneId and zoneOffset inside data.attributes', () => {
    expect(parseSystemTime({ data: { attributes: { dateTime: at, zoneId: 'America/Chicago', zoneOffset: '-06:00' } } }, endpoint)).toEqual({
      dateTime: Date.parse('2026-12-06T20:45:50.123Z'),
      zoneId: 'America/Chicago',
      zoneOffset: '-06:00',
    });
  });

  it('reads a bare object the same way', () => {
    expect(parseSystemTime({ dateTime: '2026-12-06T20:45:50Z', zoneId: 'UTC', zoneOffset: 'Z' }, endpoint)).toEqual({
      dateTime: Date.parse('2026-12-06T20:45:50Z'),
      zoneId: 'UTC',
      zoneOffset: 'Z',
    });
  });

  it('drops a zone this runtime does not know, an overlong one and an offset of another form, keeping the time', () => {
    for (const zoneId of ['Mars/Olympus_Mons', 'x'.repeat(10_000), 42, '']) {
      expect(parseSystemTime({ dateTime: at, zoneId, zoneOffset: 'six hours behind' }, endpoint)).toEqual({ dateTime: Date.parse(at) });
    }
  });

  it('rejects an answer without a usable dateTime, naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ data: { attributes: { zoneId: 'UTC' } } }, /data\.attributes\.dateTime: expected an ISO-8601 date-time/],
      [{ dateTime: '2026-12-06 14:45' }, /dateTime: expected an ISO-8601 date-time/],
      // Without an offset the time would be read in the exporter's zone: refused.
      [{ dateTime: '2026-12-06T14:45:50' }, /dateTime/],
      [{ dateTime: 1_765_000_000_000 }, /dateTime/],
      ['<html>', /expected a JSON object/],
      [null, /expected a JSON object/],
    ];
    for (const [json, message] of cases) {
      expect(() => parseSystemTime(json, endpoint)).toThrow(InvalidResponseError);
      expect(() => parseSystemTime(json, endpoint)).toThrow(message);
    }
  });
});
