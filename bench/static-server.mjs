/* global process */
/**
 * The floor of the scrape comparison: a bare node:http server answering every request with a
 * pre-rendered Buffer of the exposition (pre-compressed when the client accepts gzip).
 * `node bench/static-server.mjs PLAIN_FILE GZIP_FILE`; prints `listening PORT` once bound to 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [plainFile, gzipFile] = process.argv.slice(2);
const plain = readFileSync(plainFile);
const gzipped = readFileSync(gzipFile);
const type = 'text/plain; version=0.0.4; charset=utf-8';

const server = createServer((req, res) => {
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? gzipped : plain;
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
