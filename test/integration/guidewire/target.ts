import type { TargetConfig } from '../../../src/config/types.js';
import { targetConfig } from '../../support/harness.js';

/** A target for tests: no auth, plain TLS defaults, short timeouts. */
export function testTarget(baseUrl: string, overrides: Partial<TargetConfig> = {}): TargetConfig {
  return targetConfig({ name: 'test', baseUrl, ...overrides });
}

/** A Guidewire single-type GET body. */
export function batchProcessBody(code: string, status: Record<string, unknown> = { opsCompleted: 1, failedOps: 0 }): unknown {
  return { data: { attributes: { type: { code, name: code }, distributed: true, status }, checksum: '0', links: {} } };
}

/** A list item of `GET /batch-processes`. */
export function listItem(code: string): unknown {
  return { attributes: { type: { code, name: `${code} name` }, distributed: false }, links: {} };
}
