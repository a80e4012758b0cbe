import fc from 'fast-check';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipMember, gzipSection } from '../../src/metrics/gzip-body.js';
import { runs } from './support/runs.js';

const bytes = fc.uint8Array({ maxLength: 2_000 }).map((array) => Buffer.from(array));

describe('a compressed section and the own metrics as one gzip member', () => {
  it('decodes to the section followed by the rest for any chunks, empty ones included, by every reader', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bytes, { maxLength: 8 }), bytes, async (chunks, rest) => {
        const body = Buffer.concat(new GzipMember().of(await gzipSection(chunks), rest));
        const expected = Buffer.concat([...chunks, rest]);
        expect(gunzipSync(body)).toEqual(expected);
        // A reader that stops after the first member (as curl does) still sees everything.
        expect(inflateRawSync(body.subarray(10, body.length - 8))).toEqual(expected);
      }),
      runs(300),
    );
  });

  it('holds across a section of several megabytes and a rest that changes under the same section', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 'guidewire_up{target="x"} 1\n');
    const head = Buffer.from('# HELP\n');
    const section = await gzipSection([head, big]);
    const member = new GzipMember();
    for (const rest of [Buffer.from('own 1\n'), Buffer.from('own 2\n'), Buffer.alloc(0)]) {
      expect(gunzipSync(Buffer.concat(member.of(section, rest))).equals(Buffer.concat([head, big, rest]))).toBe(true);
    }
  });
});
