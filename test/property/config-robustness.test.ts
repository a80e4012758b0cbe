import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfigText } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { runs } from './support/runs.js';

const fullYml = readFileSync(new URL('../fixtures/config/full.yml', import.meta.url), 'utf8');
const readable = async (): Promise<boolean> => true;

/**
 * The configuration loader's contract for any input: a config, or a ConfigError whose problems each
 * have a message and, when positioned, a line inside the text. Never another error (a stack trace).
 */
async function expectConfigOrProblems(text: string, env: Readonly<Record<string, string>> = {}): Promise<'ok' | 'problems'> {
  try {
    await parseConfigText(text, 'x.yml', { env, checkReadable: readable });
    return 'ok';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw new Error(`not a ConfigError for ${JSON.stringify(text)}: ${String(err)}`, { cause: err });
    const lines = text.split('\n').length;
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) {
      expect(p.file).toBe('x.yml');
      expect(typeof p.message).toBe('string');
      expect(p.message.trim()).not.toBe('');
      expect(p.message).not.toMatch(/\n\s+at /);
      if (p.line !== undefined) {
        expect(Number.isInteger(p.line), `line of ${JSON.stringify(p)}`).toBe(true);
        expect(p.line, `line of ${JSON.stringify(p)} in ${lines} lines`).toBeGreaterThanOrEqual(1);
        expect(p.line, `line of ${JSON.stringify(p)} in ${lines} lines`).toBeLessThanOrEqual(lines);
      }
      if (p.column !== undefined) expect(p.column).toBeGreaterThanOrEqual(1);
    }
    return 'problems';
  }
}

const configKeys = [
  'global', 'targets', 'name', 'base_url', 'poll_interval', 'request_timeout', 'concurrency', 'stall_after', 'max_staleness',
  'history_interval', 'history', 'expect_every', 'max_duration', 'run_duration_buckets', 'oauth2', 'token_url', 'client_id',
  'client_secret', 'client_secret_file', 'scopes', 'endpoint_params', 'basic_auth', 'username', 'password', 'password_file',
  'authorization', 'type', 'credentials', 'credentials_file', 'tls_config', 'ca_file', 'cert_file', 'key_file', 'server_name',
  'insecure_skip_verify', 'batch_processes', 'include', 'exclude', 'overrides', 'match', '__proto__', 'constructor', 'toString', '<<',
] as const;

const yamlScalar = fc.oneof(
  fc.constantFrom('30s', '0', '1h30m', '-1', '1.5h', 'https://pc.example.com/rest', 'http://[::1', '${GW_X}', '${A:-b}', '${', '$$', '*', '', 'true', 'null', '~'),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Documents with the configuration's keys at random places and random values. */
const yamlTree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    yamlScalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...configKeys), fc.string({ maxLength: 6 })), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** Configuration-shaped documents: mostly right keys, random values. */
const target = fc.record(
  {
    name: fc.oneof(fc.constantFrom('pc', 'cc', ''), yamlScalar),
    base_url: fc.oneof(fc.constant('https://pc.example.com/rest'), yamlScalar),
    poll_interval: yamlScalar,
    oauth2: fc.record({ token_url: yamlScalar, client_id: yamlScalar, client_secret: yamlScalar, client_secret_file: yamlScalar, scopes: yamlTree }, { requiredKeys: [] }),
    basic_auth: fc.record({ username: yamlScalar, password: yamlScalar, password_file: yamlScalar }, { requiredKeys: [] }),
    tls_config: fc.record({ ca_file: yamlScalar, cert_file: yamlScalar, key_file: yamlScalar, insecure_skip_verify: yamlScalar }, { requiredKeys: [] }),
    batch_processes: fc.record({ include: yamlTree, exclude: yamlTree }, { requiredKeys: [] }),
    overrides: fc.array(fc.record({ match: yamlScalar, stall_after: yamlScalar, history: yamlScalar, expect_every: yamlScalar }, { requiredKeys: [] }), { maxLength: 3 }),
    extra: yamlTree,
  },
  { requiredKeys: ['name', 'base_url'] },
);
const configShaped = fc.record(
  {
    global: fc.record(
      { poll_interval: yamlScalar, concurrency: yamlScalar, history: yamlScalar, run_duration_buckets: fc.oneof(fc.array(yamlScalar, { maxLength: 4 }), yamlScalar) },
      { requiredKeys: [] },
    ),
    targets: fc.oneof(fc.array(target, { maxLength: 4 }), yamlScalar),
  },
  { requiredKeys: ['targets'] },
);

/** Text that looks a little like YAML. */
const yamlish = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(':', ': ', '-', '- ', '[', ']', '{', '}', ',', '&a', '*a', '!!str ', '!!map', '%YAML 1.2', '---', '...', '#', '|', '>', '"', "'", '\\', '$', '${', '\n', '\r\n', '\t', '  ', 'targets', 'name', 'global', '\ufeff', '\u0000') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 80,
});

type LineEdit =
  | { kind: 'delete' | 'duplicate' | 'dedent' | 'indent'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'insert' | 'replaceValue'; at: number; text: string }
  | { kind: 'truncate' | 'insertChar'; at: number; text: string };

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'dedent', 'indent'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap'), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constantFrom('insert', 'replaceValue'), at: fc.nat(), text: fc.oneof(yamlish, yamlScalar.map((v) => String(v))) }),
  fc.record({ kind: fc.constantFrom('truncate', 'insertChar'), at: fc.nat(), text: fc.constantFrom(':', '-', '[', '{', '"', "'", '\t', '\n', ' ', '&', '*', '#', '!') }),
) as fc.Arbitrary<LineEdit>;

function applyEdit(text: string, edit: LineEdit): string {
  const lines = text.split('\n');
  const i = edit.at % lines.length;
  const line = lines[i] ?? '';
  switch (edit.kind) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'dedent':
      lines[i] = line.replace(/^ {1,2}/, '');
      break;
    case 'indent':
      lines[i] = `  ${line}`;
      break;
    case 'swap': {
      const j = edit.other % lines.length;
      lines[i] = lines[j] ?? '';
      lines[j] = line;
      break;
    }
    case 'insert':
      lines.splice(i, 0, edit.text);
      break;
    case 'replaceValue':
      lines[i] = line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${edit.text}` : edit.text;
      break;
    case 'truncate':
      return text.slice(0, edit.at % (text.length + 1));
    case 'insertChar': {
      const at = edit.at % (text.length + 1);
      return `${text.slice(0, at)}${edit.text}${text.slice(at)}`;
    }
  }
  return lines.join('\n');
}

const env = { GW_CLIENT_ID: 'client' };

describe('parseConfigText never throws anything but ConfigError', () => {
  it('accepts the documented full example (sanity: the mutations below start from a valid file)', async () => {
    expect(await expectConfigOrProblems(fullYml, env)).toBe('ok');
  });

  it('on random text', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(yamlish, fc.string({ unit: 'binary', maxLength: 60 })), (text) => expectConfigOrProblems(text).then(() => undefined)), runs(600));
  });

  it('on random YAML documents (random keys and values, dumped with yaml)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(yamlTree, fc.object({ maxDepth: 3 })), fc.boolean(), async (doc, flow) => {
        await expectConfigOrProblems(stringify(doc, flow ? { collectionStyle: 'flow' } : {}));
      }),
      runs(400),
    );
  });

  it('on configuration-shaped documents with random values', async () => {
    await fc.assert(fc.asyncProperty(configShaped, fc.boolean(), async (doc, withEnv) => {
      await expectConfigOrProblems(stringify(doc), withEnv ? env : {});
    }), runs(300));
  });

  it('on the full example with lines deleted, duplicated, swapped, re-indented, inserted or truncated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineEdit, { minLength: 1, maxLength: 4 }), fc.boolean(), async (edits, withEnv) => {
        await expectConfigOrProblems(edits.reduce(applyEdit, fullYml), withEnv ? env : {});
      }),
      runs(400),
    );
  });
});
