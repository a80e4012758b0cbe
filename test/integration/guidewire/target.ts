import type { AuthConfig, TargetConfig } from '../../../src/config/types.js';

/** A target for tests: no auth, plain TLS defaults, short timeouts. */
export function testTarget(baseUrl: string, overrides: Partial<TargetConfig> = {}): TargetConfig {
  return {
    name: 'test',
    baseUrl,
    auth: { kind: 'none' } satisfies AuthConfig,
    tls: { insecureSkipVerify: false },
    pollIntervalMs: 60_000,
    requestTimeoutMs: 2_000,
    concurrency: 4,
    stallAfterMs: 1_800_000,
    maxStalenessMs: 300_000,
    include: ['*'],
    exclude: [],
    overrides: [],
    ...overrides,
  };
}

/** A Guidewire single-type GET body. */
export function batchProcessBody(code: string, status: Record<string, unknown> = { opsCompleted: 1, failedOps: 0 }): unknown {
  return { data: { attributes: { type: { code, name: code }, distributed: true, status }, checksum: '0', links: {} } };
}

/** A list item of `GET /batch-processes`. */
export function listItem(code: string): unknown {
  return { attributes: { type: { code, name: `${code} name` }, distributed: false }, links: {} };
}
