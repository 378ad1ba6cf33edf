/**
 * The demo portal of a fictional city (`npm start`): its pages embed the efa-forms elements from `dist/`, and
 * the reference receiver (`demo/receiver.js`) answers `/api/*`, storing in `demo/data/` so submissions
 * survive a restart. Builds first when `dist/` is missing or older than its sources.
 *
 * Environment: PORT (default 8000), HOST (default localhost: the clerks' inbox is not for the network).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from './csp.js';
import { createReceiver } from './receiver.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const demoDir = join(root, 'demo');
const port = Number(process.env.PORT || 8000);
const host = process.env.HOST || 'localhost';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** @param {string} dir @returns {Promise<number>} */
async function newestChange(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

async function bundleIsStale() {
  let built;
  try {
    built = (await stat(join(root, 'dist/efa-forms.js'))).mtimeMs;
  } catch {
    return true;
  }
  for (const dir of ['src', 'components', 'schemas']) {
    if ((await newestChange(join(root, dir))) > built) return true;
  }
  return false;
}

function build() {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(undefined) : fail(new Error(`npm run build failed (exit code ${code})`))));
  });
}

/** @param {string} segment */
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `relative` below `dir`, or undefined when it would leave it. @param {string} dir @param {string} relative */
function below(dir, relative) {
  const decoded = decode(relative);
  if (decoded === undefined || decoded.includes('\0')) return undefined;
  const path = resolve(dir, decoded);
  return path.startsWith(dir + sep) ? path : undefined;
}

/**
 * Only what a browser needs: the pages and their assets from demo/ (never the server's own code or its
 * data), the bundles in dist/, the published schemas.
 * @param {string} pathname
 */
function publicFile(pathname) {
  if (pathname === '/portal.css' || pathname === '/inbox.js' || /^\/themes\/[a-z0-9-]+\.css$/.test(pathname)) {
    return join(demoDir, pathname);
  }
  if (pathname.startsWith('/dist/')) return below(join(root, 'dist'), pathname.slice('/dist/'.length));
  if (pathname.startsWith('/schemas/')) return below(join(root, 'schemas'), pathname.slice('/schemas/'.length));
  return undefined;
}

/** A page of demo/pages/ for a path such as `/` or `/inbox.html`. */
function pageFile(pathname) {
  if (pathname === '/') return join(demoDir, 'pages', 'index.html');
  return /^\/[a-z0-9-]+\.html$/.test(pathname) ? join(demoDir, 'pages', pathname.slice(1)) : undefined;
}

/**
 * Every page shares one frame (demo/layout.html): a page file holds its own `<head>` lines, a line
 * `<!-- main -->`, then the content of `<main>`. The navigation marks the current page.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} path
 * @param {string} pathname
 */
async function sendPage(res, status, path, pathname) {
  const [head, main] = (await readFile(path, 'utf8')).split('<!-- main -->\n');
  const layout = await readFile(join(demoDir, 'layout.html'), 'utf8');
  const html = layout
    .replace('{{head}}', (head ?? '').trim())
    .replace('{{main}}', main ?? '')
    .replace(`<a href="${pathname}">`, `<a href="${pathname}" aria-current="page">`);
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, { 'Content-Type': TYPES['.html'], 'Content-Length': String(body.byteLength), 'Cache-Control': 'no-cache' });
  res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} path
 */
async function sendFile(res, status, path) {
  const body = await readFile(path);
  res.writeHead(status, {
    'Content-Type': TYPES[/** @type {keyof typeof TYPES} */ (extname(path))] ?? 'application/octet-stream',
    'Content-Length': String(body.byteLength),
    'Cache-Control': 'no-cache',
  });
  res.end(body);
}

/** @param {unknown} error */
function isMissing(error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

if (await bundleIsStale()) {
  console.log('dist/ is missing or older than its sources: running npm run build …');
  try {
    await build();
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    process.exit(1);
  }
}

const receiver = createReceiver({ dataDir: join(demoDir, 'data') });

const server = createServer(async (req, res) => {
  res.setHeader('Content-Security-Policy', STRICT_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  try {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname.startsWith('/api/')) return await receiver.handle(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Diese Methode ist hier nicht erlaubt.');
      return;
    }
    const file = publicFile(pathname);
    const page = pageFile(pathname);
    try {
      if (file) return await sendFile(res, 200, file);
      if (page) return await sendPage(res, 200, page, pathname);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    await sendPage(res, 404, join(demoDir, 'pages', '404.html'), pathname);
  } catch (error) {
    console.error(error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.');
  }
});

server.on('error', (error) => {
  console.error(`The demo portal could not start: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`efa-forms demo portal: http://${host}:${port}/`);
});
