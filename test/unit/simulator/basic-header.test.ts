import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readBasicHeader } from '../../../src/simulator/basic-header.js';

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('readBasicHeader (the simulator side)', () => {
  it('reads the RFC 7617 example and any case of the scheme', () => {
    expect(readBasicHeader('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({ user: 'Aladdin', password: 'open sesame' });
    expect(readBasicHeader('basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({ user: 'Aladdin', password: 'open sesame' });
  });

  it('splits at the first colon: a password may hold colons, a user may be empty', () => {
    expect(readBasicHeader(basic('svc:pa:ss:'))).toEqual({ user: 'svc', password: 'pa:ss:' });
    expect(readBasicHeader(basic(':secret'))).toEqual({ user: '', password: 'secret' });
    expect(readBasicHeader(basic('süß:ünï'))).toEqual({ user: 'süß', password: 'ünï' });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Bearer abc.def'],
    ['the scheme alone', 'Basic'],
    ['no colon in the pair', basic('justauser')],
    ['characters outside base64', 'Basic QWxh*ZGRpbjpvcGVu'],
    ['padding in the middle', 'Basic QQ==QQ=='],
  ])('refuses %s', (_, header) => {
    expect(readBasicHeader(header)).toBeUndefined();
  });

  it('is the only Basic parser the simulator uses: nothing in src/simulator imports the exporter (the base layer aside)', async () => {
    const dir = new URL('../../../src/simulator/', import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(new URL(file, dir), 'utf8');
      // The base layer (lint/layers.cjs) is shared: the simulator runs its crons with src/cron.
      expect(text, file).not.toMatch(/from '\.\.\/(?!(cron\/|errors\.js'|clock\.js'|version\.js'))/);
    }
  });
});
