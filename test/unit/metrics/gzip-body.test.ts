import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipMember, gzipSection } from '../../../src/metrics/gzip-body.js';

const lines = (n: number, tag: string): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => `guidewire_batch_process_ops_completed{target="${tag}",batch_process="P${i}"} ${i * 7}\n`).join(''));

describe('gzipSection', () => {
  it('takes the CRC of a large section in slices, yielding to the event loop as it goes', async () => {
    // ~5.5 MiB in chunks of ~22 KiB: paced by the bytes read, not by the size of each chunk.
    const section = Array.from({ length: 256 }, (_, i) => lines(300, `t${i}`));
    let yields = 0;
    const compressed = await gzipSection(section, async () => void yields++);
    expect(yields).toBeGreaterThanOrEqual(4);
    expect(compressed.length).toBe(Buffer.concat(section).length);
    expect(gunzipSync(Buffer.concat(new GzipMember().of(compressed, Buffer.from('own 1\n')))).equals(Buffer.concat([...section, Buffer.from('own 1\n')]))).toBe(true);
  });
});

describe('GzipMember', () => {
  it('builds the member once per section and rest', async () => {
    const member = new GzipMember();
    const section = await gzipSection([lines(10, 'a')]);
    const rest = Buffer.from('own 1\n');
    const first = member.of(section, rest);
    expect(member.of(section, rest)).toBe(first);
    expect(member.of(section, Buffer.from('own 1\n'))).not.toBe(first);
    expect(member.of(await gzipSection([lines(10, 'a')]), rest)).not.toBe(first);
  });
});
