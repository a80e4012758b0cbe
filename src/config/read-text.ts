/**
 * Reads the configuration file's text so that a reload can give up on it. A regular file goes through
 * the thread pool as usual (a read stuck in the kernel, as on a hung network mount, cannot be
 * cancelled: see `boundedLoader`). A FIFO or a socket (`--config.file=<(...)`, a named pipe) is opened
 * non-blocking and read as a stream on the event loop: without it, open() waits in a pool thread until
 * a writer comes, and even process exit waits for that thread.
 */
import { close, constants, fstat, open, readFile } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { ConfigError } from '../errors.js';

const openFd = promisify(open);
const fstatFd = promisify(fstat);
const closeFd = promisify(close);
const readFd = promisify(readFile);

/** The file's content as UTF-8. Rejects with the fs error (`code` set), or `signal`'s reason once it aborts. */
export async function readConfigText(file: string, signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted();
  const fd = await openFd(file, constants.O_RDONLY | constants.O_NONBLOCK);
  let stats;
  try {
    stats = await fstatFd(fd);
    // Opened read-only, a directory reads as empty instead of failing as readFile(path) does.
    if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR' });
  } catch (err) {
    await closeFd(fd);
    throw err;
  }
  // The socket owns the descriptor from here on and closes it.
  if (stats.isFIFO() || stats.isSocket()) return readStream(new Socket({ fd, readable: true, writable: false }), signal);
  try {
    return await readFd(fd, { encoding: 'utf8', ...(signal === undefined ? {} : { signal }) });
  } finally {
    await closeFd(fd);
  }
}

function readStream(socket: Socket, signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const abort = (): void => void socket.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', abort);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => {
      done();
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.once('error', (err) => {
      done();
      reject(err);
    });
  });
}

/** The `ConfigError` for a configuration file that could not be read (`err` from the fs call). */
export function unreadableFileError(file: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code ?? 'unknown error'})`;
  return new ConfigError([{ file, path: '', message: reason }], { cause: err });
}
