import { afterEach } from 'vitest';
import { createStaticModel, startSimulator, type RawBatchProcess, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/index.js';

/**
 * For one test file: a function that starts a simulator (an empty static model unless `options` says
 * otherwise), closed after the test that started it.
 */
export function simulatorPerTest(): (options?: Partial<SimulatorOptions>) => Promise<RunningSimulator> {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  return async (options = {}) => (sim = await startSimulator({ model: createStaticModel([]), ...options }));
}

export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

/** Fetches `url` and parses the JSON body (which every simulator answer has). */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<JsonReply> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
}

export const basicHeader = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** The three documented status shapes (from the Cloud API guide's ActivityEsc examples) plus just-started. */
export const documented = {
  completed: {
    dateCompleted: '2022-09-19T17:30:00.021Z',
    dateCreated: '2022-09-19T17:30:00.003Z',
    failedOps: 0,
    opsCompleted: 0,
    serverId: '55d109613ac9',
    startDate: '2022-09-19T17:30:00.011Z',
    type: 'ActivityEsc',
  },
  running: {
    dateCreated: '2022-09-19T17:30:00.003Z',
    failedOps: 0,
    opsCompleted: 0,
    opsExpected: 0,
    progress: '1 out of 3',
    serverId: '55d109613ac9',
    startDate: '2022-09-19T17:30:00.011Z',
    type: 'ActivityEsc',
  },
  neverRun: { failureReason: 'This batch process type has never run', type: 'ActivityEsc' },
  justStarted: { dateCreated: '2022-09-19T17:30:00.003Z', failedOps: 0, opsCompleted: 0, serverId: '55d109613ac9', type: 'ActivityEsc' },
} as const;

/** A non-distributed process with `status`. */
export function rawProcess(code: string, status: Record<string, unknown>, name = code): RawBatchProcess {
  return { type: { code, name }, distributed: false, status };
}
