/**
 * Serves a portal's pages beside the API (`npm start`: the fictional city in demo/): only what a browser needs,
 * the pages and their assets, the bundles in dist/ and the published schemas, never server code or data.
 *
 * Every page shares one frame (`layout.html`): a page file in `pages/` holds its own `<head>` lines, a line
 * `<!-- main -->`, then the content of `<main>`. The navigation marks the current page.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClerkGuard } from './clerks.js';

export interface PortalOptions {
  portalDir: string;
  root: string;
  clerks: ClerkGuard;
}

/** The clerks' workspace: served to signed-in clerks only. */
const CLERK_PATHS = new Set(['/inbox.html', '/inbox.js']);

export async function portal(app: FastifyInstance, { portalDir, root, clerks }: PortalOptions): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (CLERK_PATHS.has(request.url.split('?')[0]!) && !(await clerks.page(request, reply))) return reply;
  });
  // Pages and assets go compressed (brotli, else gzip): the bundles shrink to about a quarter on the wire.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  const assets = { cacheControl: false, decorateReply: false, index: false, wildcard: true } as const;
  const noCache = (reply: FastifyReply): void => {
    reply.header('Cache-Control', 'no-cache');
  };
  // A chunk's name carries a hash of its content: the browser may keep it for good. Entries and pages keep their
  // names across releases, so they are checked each time (cheap with ETag).
  const hashedChunks = (reply: FastifyReply, path: string): void => {
    reply.header('Cache-Control', /[/\\]chunks[/\\][^/\\]+-[\w-]{8}\.js$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  await app.register(fastifyStatic, { ...assets, root: join(root, 'dist'), prefix: '/dist/', setHeaders: hashedChunks });
  await app.register(fastifyStatic, { ...assets, root: join(root, 'schemas'), prefix: '/schemas/', setHeaders: noCache });
  // Without a wildcard, a route per file of the portal folder (its subfolders too) is made at start; a second
  // registration for `/themes/` would lose to those routes, so the one list of what may be served names the themes.
  await app.register(fastifyStatic, {
    ...assets,
    root: portalDir,
    prefix: '/',
    wildcard: false,
    allowedPath: (path) => ['/portal.css', '/inbox.js', '/fit-connect-trust.js', '/portal-login.js'].includes(path) || path.startsWith('/themes/'),
    setHeaders: noCache,
  });

  async function sendPage(reply: FastifyReply, status: number, file: string, pathname: string) {
    const [head, main] = (await readFile(join(portalDir, 'pages', file), 'utf8')).split('<!-- main -->\n');
    const layout = await readFile(join(portalDir, 'layout.html'), 'utf8');
    const html = layout
      .replace('{{head}}', (head ?? '').trim())
      .replace('{{main}}', main ?? '')
      .replace(`<a href="${pathname}">`, `<a href="${pathname}" aria-current="page">`);
    return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html);
  }

  app.get('/', (_request, reply) => sendPage(reply, 200, 'index.html', '/'));
  app.get<{ Params: { page: string } }>('/:page', async (request, reply) => {
    const { page } = request.params;
    if (!/^[a-z0-9-]+\.html$/.test(page) || page === '404.html') return sendPage(reply, 404, '404.html', request.url);
    try {
      return await sendPage(reply, 200, page, `/${page}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return sendPage(reply, 404, '404.html', request.url);
    }
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(405).header('Allow', 'GET, HEAD').type('text/plain; charset=utf-8').send('Diese Methode ist hier nicht erlaubt.');
    }
    return sendPage(reply, 404, '404.html', request.url);
  });
}
