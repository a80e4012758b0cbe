import { describe, expect, test } from 'vitest';
import { expandEnv } from '../../../src/config/env-expand.js';

const env = { HOST: 'pc.example.com', EMPTY: '', PORT: '8443' };

describe('expandEnv', () => {
  test.each([
    ['plain text', 'plain text'],
    ['https://${HOST}/rest', 'https://pc.example.com/rest'],
    ['${HOST}:${PORT}', 'pc.example.com:8443'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${HOST:-fallback}', 'pc.example.com'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${MISSING:-}', ''],
    ['${MISSING:-a:b}c', 'a:bc'],
    ['${EMPTY}', ''],
    ['$$', '$'],
    ['pa$$word', 'pa$word'],
    ['$${HOST}', '${HOST}'],
    ['$$${HOST}', '$pc.example.com'],
    ['cost: $5', 'cost: $5'],
    ['trailing $', 'trailing $'],
  ])('%j → %j', (text, value) => {
    const result = expandEnv(text, env);
    expect(result.value).toBe(value);
    expect(result.missing).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  test('marks values that came from the environment', () => {
    expect(expandEnv('${HOST}', env).substituted).toBe(true);
    expect(expandEnv('${MISSING:-x}', env).substituted).toBe(true);
    expect(expandEnv('$$HOST', env).substituted).toBe(false);
  });

  test('lists unset variables without a default once each', () => {
    expect(expandEnv('${A}-${B}-${A}-${HOST}', env)).toEqual({
      value: '---pc.example.com',
      substituted: true,
      missing: ['A', 'B'],
      errors: [],
    });
  });

  test('reports malformed references without quoting the text around them', () => {
    const unterminated = expandEnv('s3cr3t${HOST', env);
    expect(unterminated.errors).toEqual(['unterminated "${" (write "$$" for a literal "$")']);
    const invalid = expandEnv('s3cr3t${1BAD}', env);
    expect(invalid.errors).toHaveLength(1);
    expect(invalid.errors[0]).toMatch(/^invalid "\$\{\.\.\.\}" reference/);
    expect([...unterminated.errors, ...invalid.errors].join()).not.toContain('s3cr3t');
  });
});
