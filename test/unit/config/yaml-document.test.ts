import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { readYamlDocument, validateWithSchema } from '../../../src/config/yaml-document.js';
import { ConfigError, type ConfigProblem } from '../../../src/errors.js';

const brief = (p: ConfigProblem): string => `${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`;

const schema = z.strictObject({
  name: z.string(),
  port: z.number().optional(),
  mode: z
    .string()
    .transform((text, ctx) => {
      if (text === 'fast' || text === 'slow') return text;
      ctx.addIssue({ code: 'custom', message: 'expected fast or slow', params: { showValue: true } });
      return z.NEVER;
    })
    .optional(),
  tags: z.record(z.string(), z.unknown()).superRefine((tags, ctx) => {
    for (const key of Object.keys(tags)) {
      if (key.startsWith('_')) ctx.addIssue({ code: 'custom', path: [key], message: 'no leading "_"', params: { at: 'key' } });
    }
  }).optional(),
});
const options = { knownKeys: { '': ['name', 'port', 'mode', 'tags'] }, mayShow: () => true };

describe('readYamlDocument', () => {
  it('expands ${VAR} only when given an environment, and knows which values came from it', () => {
    const text = 'name: ${NAME}\nmode: fast\n';
    expect(readYamlDocument(text, 'a.yml').data).toEqual({ name: '${NAME}', mode: 'fast' });
    const doc = readYamlDocument(text, 'a.yml', { env: { NAME: 'gw' } });
    expect(doc.data).toEqual({ name: 'gw', mode: 'fast' });
    expect([doc.fromEnv(['name']), doc.fromEnv(['mode'])]).toEqual([true, false]);
  });

  it('throws every syntax error as one located ConfigError', () => {
    let error: unknown;
    try {
      readYamlDocument('name: [a\nport: 1\n', 'b.yml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.every((p) => p.file === 'b.yml' && p.line !== undefined)).toBe(true);
  });

  it('sorts problems by position and leaves out a later one on a key the document already reported', () => {
    const doc = readYamlDocument('name: x\nport: 1\nport: 2\n', 'c.yml');
    const problems = doc.problems([
      { path: ['port'], at: 'value', message: 'later, about the same key' },
      { path: ['name'], at: 'key', message: 'about name' },
    ]);
    expect(problems.map(brief)).toEqual(['c.yml:1:1 name: about name', 'c.yml:3:1 port: duplicate key "port" (first at line 2, column 1)']);
  });
});

describe('validateWithSchema', () => {
  it('returns the typed value when the data fits', () => {
    expect(validateWithSchema(schema, { name: 'x', mode: 'slow' }, options)).toEqual({ ok: true, value: { name: 'x', mode: 'slow' }, findings: [] });
  });

  it('words issues for people editing YAML, with the known keys given and custom issues at the key', () => {
    const doc = readYamlDocument('prot: 1\nmode: quick\ntags:\n  _x: 1\n', 'd.yml');
    const result = validateWithSchema(schema, doc.data, options);
    expect(result.ok).toBe(false);
    expect(doc.problems(result.findings).map(brief)).toEqual([
      'd.yml:1:1 name: missing required key "name"',
      'd.yml:1:1 prot: unknown key "prot" (did you mean "port"?)',
      'd.yml:2:7 mode: expected fast or slow, got "quick"',
      'd.yml:4:3 tags._x: no leading "_"',
    ]);
  });

  it('quotes a value only where mayShow allows', () => {
    const result = validateWithSchema(schema, { name: 'x', mode: 'secret' }, { ...options, mayShow: () => false });
    expect(result.findings.map((f) => f.message)).toEqual(['expected fast or slow']);
  });
});
