import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { authKindList, type AuthKind } from '../../../src/config/auth-kinds.js';
import { dumpConfig } from '../../../src/config/dump.js';
import { parseConfigText } from '../../../src/config/load.js';
import { summarizeConfig } from '../../../src/config/summary.js';
import type { ExporterConfig } from '../../../src/config/types.js';
import { createAuthProvider } from '../../../src/guidewire/auth.js';
import { createLogger, redactPaths, silentLogger } from '../../../src/logger.js';
import { problems, target, yaml } from './helpers.js';

/**
 * The rules, the dump, the summary and the redaction of every auth kind derive from its descriptor in
 * `config/auth-kinds.ts`. These tests run over the whole table, so a new kind is checked by them too: it
 * only needs its required keys here (the `satisfies` makes the compiler ask for them).
 */
const required = {
  oauth2: ['token_url: https://hub.example.com/oauth2/v1/token', 'client_id: exporter'],
  basic: ['username: monitor'],
  authorization: ['type: Bearer'],
} as const satisfies Record<AuthKind, readonly string[]>;

const secretValue = 's3cr3t-value';

/** A target with the kind's block: its required keys, then `extra` lines. */
const blockLines = (kind: AuthKind, key: string, ...extra: string[]): string[] => [...target, `    ${key}:`, ...[...required[kind], ...extra].map((line) => `      ${line}`)];

const load = (lines: string[], checkReadable: (path: string) => Promise<boolean> = async () => true): Promise<ExporterConfig> =>
  parseConfigText(yaml(...lines), '/etc/gwe/config.yml', { env: {}, checkReadable });

describe.each(authKindList.map((entry) => ({ ...entry, name: entry.key })))('auth kind $name', ({ kind, key, secret }) => {
  const file = `${secret.key}_file`;
  const secretLine = required[kind].length + 5;

  test('its block is a target key that excludes the other kinds', async () => {
    const other = authKindList.find((entry) => entry.key !== key);
    const lines = [...blockLines(kind, key, `${secret.key}: x`), `    ${other?.key ?? ''}: {}`];
    expect(await problems(load(lines))).toContain(
      `${lines.length}:5 targets[0].${other?.key ?? ''}: "${key}" and "${other?.key ?? ''}" cannot be used together; configure at most one authentication method`,
    );
  });

  test('its secret is given inline or by file: not both, not neither', async () => {
    expect(await problems(load(blockLines(kind, key, `${secret.key}: x`, `${file}: /run/x`)))).toEqual([
      `${secretLine + 1}:7 targets[0].${key}.${file}: "${secret.key}" and "${file}" cannot be used together; give the secret inline or as a file, not both`,
    ]);
    expect(await problems(load(blockLines(kind, key)))).toEqual([`5:7 targets[0].${key}: missing "${secret.key}" or "${file}"`]);
  });

  test('a misspelt key of its block gets a suggestion, and its secret file must be readable', async () => {
    expect(await problems(load(blockLines(kind, key, `${secret.key}x: x`)))).toContain(
      `${secretLine}:7 targets[0].${key}.${secret.key}x: unknown key "${secret.key}x" (did you mean "${secret.key}"?)`,
    );
    expect(await problems(load(blockLines(kind, key, `${file}: /run/missing`), async () => false))).toEqual([
      `${secretLine}:${file.length + 9} targets[0].${key}.${file}: file "/run/missing" does not exist or is not a readable file`,
    ]);
  });

  test('its inline secret shows in no dump, summary or message, and its file by path', async () => {
    const inline = await load(blockLines(kind, key, `${secret.key}: ${secretValue}`));
    expect(inline.targets[0]?.auth.kind).toBe(kind);
    expect(dumpConfig(inline)).toContain(`${secret.key}: <secret>`);
    expect(summarizeConfig(inline)).toMatch(new RegExp(`auth: +${kind} \\(.* inline`));
    for (const text of [dumpConfig(inline), summarizeConfig(inline)]) expect(text).not.toContain(secretValue);
    const byFile = await load(blockLines(kind, key, `${file}: secrets/gw`));
    expect(dumpConfig(byFile)).toContain(`${file}: /etc/gwe/secrets/gw`);
    expect(summarizeConfig(byFile)).toContain('from file /etc/gwe/secrets/gw');
    // A value of the wrong type is reported without being quoted.
    const wrong = (await problems(load(blockLines(kind, key, `${secret.key}: [${secretValue}]`)))).join('\n');
    expect(wrong).toContain(`targets[0].${key}.${secret.key}`);
    expect(wrong).not.toContain(secretValue);
  });

  test('its secret is redacted from log lines, in the file\'s spelling and the settings\'', () => {
    let raw = '';
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        raw += chunk.toString('utf8');
        done();
      },
    });
    createLogger({ destination }).info({ [secret.key]: secretValue, auth: { [secret.property]: secretValue } }, 'm');
    expect(raw).toContain('[REDACTED]');
    expect(raw).not.toContain(secretValue);
  });

  test('the provider registry has a provider for it', async () => {
    const config = await load(blockLines(kind, key, `${secret.key}: ${secretValue}`));
    const auth = config.targets[0]?.auth ?? { kind: 'none' };
    const provider = createAuthProvider(auth, { tls: { insecureSkipVerify: false }, requestTimeoutMs: 1000, now: () => 0, logger: silentLogger() });
    expect(typeof provider.header).toBe('function');
    await provider.close();
  });
});

test('the redact paths are those listed by hand before the descriptor', () => {
  const fields = ['password', 'client_secret', 'clientSecret', 'credentials', 'access_token', 'accessToken', 'authorization', 'Authorization'];
  const before = [...fields, ...fields.map((f) => `*.${f}`), 'headers.authorization', 'req.headers.authorization', '*.headers.authorization'];
  expect(new Set(redactPaths)).toEqual(new Set(before));
  expect(redactPaths).toHaveLength(before.length);
});
