import { describe, expect, test } from 'vitest';
import { configError, parse, problems, target } from './helpers.js';

describe('YAML syntax', () => {
  test('a syntax error is reported with its position and stops validation', async () => {
    const err = await configError(parse('targets:', '  - name: "pc', '    base_url: 1'));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: '/etc/gwe/config.yml', path: '', line: 4, column: 1 });
    expect(err.problems[0]?.message).toMatch(/quote/);
  });

  test('bad indentation is located', async () => {
    const err = await configError(parse('targets:', '  - name: pc', '     base_url: x', '   oops'));
    expect(err.problems.length).toBeGreaterThan(0);
    expect(err.problems.every((p) => p.line !== undefined && p.path === '')).toBe(true);
  });

  test('a second document is refused', async () => {
    expect(await problems(parse(...target, '---', 'targets: []'))).toEqual([
      '4:1 : the file must contain a single YAML document (remove the second "---")',
    ]);
  });

  test('an empty file has no position', async () => {
    expect(await problems(parse('# nothing here'))).toEqual(['-:- : the file is empty; expected a map with "targets"']);
  });

  test('a document that is not a map', async () => {
    expect(await problems(parse('- a', '- b'))).toEqual(['1:1 : expected a map, got a list']);
  });

  test('duplicate keys point at the second occurrence and name the first', async () => {
    expect(await problems(parse(...target, '    poll_interval: 1m', '    poll_interval: 2m'))).toEqual([
      '5:5 targets[0].poll_interval: duplicate key "poll_interval" (first at line 4, column 5)',
    ]);
  });
});

describe('schema', () => {
  test('unknown keys point at the key and suggest the closest known one', async () => {
    expect(
      await problems(
        parse(
          'global:',
          '  polll_interval: 60s',
          ...target,
          '    oauth2:',
          '      token_url: https://hub.example.com/token',
          '      client_id: id',
          '      clientSecret: x',
          '    frobnicate: true',
          'extra: 1',
        ),
      ),
    ).toEqual([
      '2:3 global.polll_interval: unknown key "polll_interval" (did you mean "poll_interval"?)',
      '7:7 targets[0].oauth2: missing "client_secret" or "client_secret_file"',
      '9:7 targets[0].oauth2.clientSecret: unknown key "clientSecret" (did you mean "client_secret"?)',
      '10:5 targets[0].frobnicate: unknown key "frobnicate"',
      '11:1 extra: unknown key "extra"',
    ]);
  });

  test('missing required keys point at the parent object', async () => {
    expect(await problems(parse('global: {}'))).toEqual(['1:1 targets: missing required key "targets"']);
    expect(await problems(parse('targets:', '  - name: pc', '  - base_url: https://x.example.com/rest'))).toEqual([
      '2:5 targets[0].base_url: missing required key "base_url"',
      '3:5 targets[1].name: missing required key "name"',
    ]);
    expect(await problems(parse(...target, '    basic_auth:', '      password: p'))).toEqual([
      '5:7 targets[0].basic_auth.username: missing required key "username"',
    ]);
  });

  test('targets must be a non-empty list', async () => {
    expect(await problems(parse('targets: []'))).toEqual(['1:10 targets: must not be an empty list']);
    expect(await problems(parse('targets:'))).toEqual(['1:1 targets: expected a list, got null']);
  });

  test('wrong types say what was expected and what was found', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    poll_interval: abc',
          '    request_timeout: 0',
          '    concurrency: 0',
          '    stall_after: 90',
          '    max_staleness: 1.5h',
          '    tls_config: {insecure_skip_verify: yes}',
          '    batch_processes: {include: [], exclude: ["", 3]}',
          '    overrides: [{stall_after: 1m}]',
          '  - name: [a]',
          '    base_url: ftp://x.example.com/rest',
        ),
      ),
    ).toEqual([
      '4:20 targets[0].poll_interval: expected a duration like 30s or 1h30m, got "abc"',
      '5:22 targets[0].request_timeout: expected a duration greater than 0, like 30s or 1h30m, got 0',
      '6:18 targets[0].concurrency: expected an integer >= 1, got 0',
      '7:18 targets[0].stall_after: expected a duration like 30s or 1h30m, got 90',
      '8:20 targets[0].max_staleness: expected a duration like 30s or 1h30m, got "1.5h"',
      '9:40 targets[0].tls_config.insecure_skip_verify: expected true or false, got "yes"',
      '10:32 targets[0].batch_processes.include: must not be an empty list',
      '10:46 targets[0].batch_processes.exclude[0]: must not be empty',
      '10:50 targets[0].batch_processes.exclude[1]: expected a string, got a number',
      '11:17 targets[0].overrides[0].match: missing required key "match"',
      '12:11 targets[1].name: expected a string, got a list',
      '13:15 targets[1].base_url: expected an http:// or https:// URL, got "ftp://x.example.com/rest"',
    ]);
  });

  test('base_url rejects queries, fragments and credentials, without echoing credentials or a query (it may hold a key)', async () => {
    const lines = (url: string) => ['targets:', '  - name: pc', `    base_url: ${url}`];
    expect(await problems(parse(...lines('https://x.example.com/rest?a=1')))).toEqual([
      '3:15 targets[0].base_url: must not contain a query (?...)',
    ]);
    expect(await problems(parse(...lines('https://x.example.com/rest#top')))).toEqual([
      '3:15 targets[0].base_url: must not contain a fragment (#...), got "https://x.example.com/rest#top"',
    ]);
    const err = await configError(parse(...lines('https://admin:hunter2@x.example.com/rest')));
    expect(err.problems.map((p) => p.message)).toEqual([
      'must not contain credentials (user:password@); use basic_auth, authorization or oauth2',
    ]);
    expect(err.message).not.toContain('hunter2');
    expect(await problems(parse(...lines('not a url')))).toEqual([
      '3:15 targets[0].base_url: expected an absolute http:// or https:// URL, got "not a url"',
    ]);
  });

  test('authorization type Basic is refused in favour of basic_auth', async () => {
    expect(await problems(parse(...target, '    authorization: {type: basic, credentials: c}'))).toEqual([
      '4:27 targets[0].authorization.type: type "Basic" is not allowed here; use basic_auth',
    ]);
  });
});
