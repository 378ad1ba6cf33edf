/**
 * What both benchmarks (`npm run bench`, `npm run bench:typing`) need: the repository root served on 127.0.0.1
 * under the strict CSP the elements ship under, and a build when dist/ is missing.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * A minimal static server for the repository root on an ephemeral port of 127.0.0.1, with the strict CSP the
 * elements ship under. Records every path asked for, so the report can say which scripts the page fetched.
 * @param {Map<string, string>} pages  path → HTML served from memory (the bench page; the floor once it is known)
 */
export async function startServer(pages) {
  const { STRICT_CSP } = await import('../build/server/app.js');
  /** @type {Set<string>} */
  const fetched = new Set();
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': STRICT_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    fetched.add(pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let body;
    let type;
    if (pages.has(pathname)) {
      body = Buffer.from(/** @type {string} */ (pages.get(pathname)));
      type = TYPES['.html'];
    } else {
      const path = fileBelowRoot(pathname);
      body = path && (await readFile(path).catch(() => undefined));
      type = path && (TYPES[/** @type {keyof typeof TYPES} */ (extname(path))] ?? 'application/octet-stream');
    }
    if (!body || !type) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => listening(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    fetched,
    close() {
      server.closeAllConnections();
      return new Promise((closed) => server.close(() => closed(undefined)));
    },
  };
}

/** @param {string} pathname */
function fileBelowRoot(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = resolve(root, `.${decoded}`);
  return path.startsWith(resolve(root) + sep) ? path : undefined;
}

/** `npm run build`, its output on stderr so that stdout stays the Markdown report. */
export function build() {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(undefined) : fail(new Error(`npm run build failed (exit code ${code}).`))));
  });
}
