import { execFile, spawn, type ChildProcess, type ExecFileOptions, type SpawnOptions } from 'node:child_process';

export interface Result { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs a program to completion; a non-zero exit is a result, not an error. */
export function run(file: string, args: readonly string[], options: ExecFileOptions = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024, ...options }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout: String(stdout), stderr: String(stderr) }));
  });
}

export interface Started { readonly child: ChildProcess; readonly address: string; output(): string }

/** Spawns `command` and resolves with the address of its "exporter listening" JSON log line. */
export function startListening(command: string, args: readonly string[], options: SpawnOptions, timeoutMs = 20_000): Promise<Started> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    // A start that fails or never finishes must not leave the exporter running after the test.
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${reason}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`no "exporter listening" line within ${timeoutMs} ms`), timeoutMs);
    child.on('error', (err) => fail(err.message));
    child.on('exit', (code) => fail(`exited with ${code} before listening`));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').slice(0, -1).find((text) => text.includes('"exporter listening"'));
      if (line === undefined || listening) return;
      listening = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, address: String((JSON.parse(line) as { address: unknown }).address), output: () => output });
    });
  });
}

/** Sends SIGTERM and resolves with the exit code (null when killed by a signal). */
export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
