import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSecret } from '../../../src/config/secret.js';
import { AuthError, ErrorCodes } from '../../../src/errors.js';
import { tempDir } from './helpers.js';

describe('readSecret', () => {
  test('returns an inline value as is', async () => {
    expect(await readSecret({ kind: 'inline', value: '  spaced  ' })).toBe('  spaced  ');
  });

  test('reads a file, trimming surrounding whitespace', async () => {
    const file = path.join(await tempDir(), 'secret');
    await writeFile(file, '\n  s3cr3t value \r\n');
    expect(await readSecret({ kind: 'file', path: file })).toBe('s3cr3t value');
  });

  test('re-reads the file on every call, so rotated secrets are picked up', async () => {
    const file = path.join(await tempDir(), 'token');
    await writeFile(file, 'first\n');
    const ref = { kind: 'file', path: file } as const;
    expect(await readSecret(ref)).toBe('first');
    await writeFile(file, 'second\n');
    expect(await readSecret(ref)).toBe('second');
  });

  test('a missing file is an AuthError naming the path and the reason', async () => {
    const file = path.join(await tempDir(), 'absent');
    const err: unknown = await readSecret({ kind: 'file', path: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ code: ErrorCodes.auth, endpoint: file, message: `${file}: cannot read secret file (ENOENT)` });
    expect((err as AuthError).cause).toMatchObject({ code: 'ENOENT' });
  });

  test('a directory is an AuthError too', async () => {
    const dir = await tempDir();
    await expect(readSecret({ kind: 'file', path: dir })).rejects.toThrow(`${dir}: cannot read secret file (EISDIR)`);
  });
});
