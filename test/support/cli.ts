import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Runs the built CLI to completion and returns its exit code and output. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the CLI as a long-running server and waits for its JSON log line matching `msg`. */
export function startCli(
  args: readonly string[],
  msg: string,
  timeoutMs = 15_000,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; line: Record<string, unknown>; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    // A start that never finishes must not leave the exporter running after the test.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${msg}" log line within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      pending += d.toString();
      // Only whole lines are JSON; a chunk may end mid-line.
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) {
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (line['msg'] === msg) {
          clearTimeout(timer);
          resolve({ child, line, output: () => output });
          return;
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before "${msg}":\n${output}`)));
  });
}

/** Sends SIGTERM and resolves with the exit code. */
export function terminate(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
