/**
 * `npm run test:cms` (after `npm run build`): the WordPress plugin (integrations/wordpress/efa-forms/) in
 * WordPress from Debian's packages, the form placed by an Author (issue 20: without the plugin it is lost on saving).
 *
 * Installs `wordpress mariadb-server apache2 libapache2-mod-php php-mysql nginx-light` when missing (sudo when
 * not root), runs MariaDB, the reference receiver and Apache on loopback with private data under a temp folder (Apache
 * proxies /api/ to the receiver: the README's snippet), installs WordPress through its own `wp_install()`,
 * activates the plugin with a bundled copy of dist/, and then drives Chromium:
 *  - the administrator saves the settings page (a bad authority is refused and the old value kept; the languages
 *    offered are the shipped locales);
 *  - an Author (no unfiltered_html) places the block in the block editor and the shortcode through the REST API,
 *    and both survive saving; the same Author's pasted <script type=module> and tag are stripped (so the plugin
 *    is what makes the difference), while the administrator's are kept;
 *  - a visitor sees both elements defined with their first step, and sends a declaration through Apache to the
 *    receiver, which stores it under the reference the form shows; with "Asset base URL" set, the element loads
 *    from the site's own copy of dist/ instead of the plugin's.
 * Then the same dist/ behind nginx (the README's nginx snippet) on a plain HTML page, sending through nginx.
 * Prints one line per check, exits 1 on any failure, and stops every process it started.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chrome.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const PLUGIN = join(root, 'integrations', 'wordpress', 'efa-forms');
const WORDPRESS = '/usr/share/wordpress';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const isRoot = process.getuid?.() === 0;
const AUTHORITY = '06414000';
const TIMEOUT_MS = 60_000;

const failures = [];
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail}` : ''}`);
  if (!ok) failures.push(what);
}

function sh(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** As root directly, else through sudo (as .ci/run installs chromium). */
function privileged(command, args, options) {
  return isRoot ? sh(command, args, options) : sh('sudo', [command, ...args], options);
}

function phpHasMysqli() {
  try {
    sh('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']);
    return true;
  } catch {
    return false;
  }
}

/** Debian's mod_php (libphp8.2.so in Debian 12), if installed. */
function apachePhpModule() {
  const file = existsSync(APACHE_MODULES) && readdirSync(APACHE_MODULES).find((name) => /^libphp[\d.]*\.so$/.test(name));
  return file ? join(APACHE_MODULES, file) : undefined;
}

function installMissingPackages() {
  const needed = [
    ['wordpress', `${WORDPRESS}/wp-load.php`],
    ['mariadb-server', '/usr/sbin/mariadbd'],
    ['apache2', '/usr/sbin/apache2'],
    ['nginx-light', '/usr/sbin/nginx'],
  ].filter(([, file]) => !existsSync(file)).map(([name]) => name);
  if (!apachePhpModule()) needed.push('libapache2-mod-php');
  if (!phpHasMysqli()) needed.push('php-cli', 'php-mysql');
  if (needed.length === 0) return;
  console.log(`--- installing Debian's ${needed.join(' ')}`);
  privileged('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  privileged('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=600', ...needed], { stdio: 'inherit' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const children = [];
function start(name, command, args, options = {}) {
  // Its own process group: Apache signals its whole group when it stops.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const entry = { name, child, output: () => output, exited: new Promise((resolve) => child.on('exit', resolve)) };
  children.push(entry);
  return entry;
}

/** Polls `probe` until it is true; gives up when `started` (an entry of `start`) exits or the time is up. */
async function waitFor(what, probe, started) {
  const until = Date.now() + TIMEOUT_MS;
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited with code ${started.child.exitCode}`);
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${what} did not come up within ${TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let work;
let wordpressConfigFile;
async function cleanUp() {
  for (const { child, exited } of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
      if (!stopped) child.kill('SIGKILL');
    }
  }
  if (wordpressConfigFile) privileged('rm', ['-f', wordpressConfigFile]);
  if (work) rmSync(work, { recursive: true, force: true });
}

async function startMariaDb() {
  const dataDir = join(work, 'mariadb');
  const socket = join(dataDir, 'mariadb.sock'); // in the folder its user owns
  const asUser = isRoot ? ['--user=mysql'] : [];
  sh('mariadb-install-db', ['--no-defaults', `--datadir=${dataDir}`, ...asUser, '--auth-root-authentication-method=socket', '--skip-test-db']);
  chmodSync(dataDir, 0o755); // the web server's user reaches the socket in it
  const server = start('MariaDB', '/usr/sbin/mariadbd', [
    '--no-defaults', `--datadir=${dataDir}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${join(dataDir, 'mariadb.pid')}`, ...asUser,
  ]);
  const client = (sql) => sh('mariadb', ['--no-defaults', `--socket=${socket}`, '-u', isRoot ? 'root' : userInfo().username, '-e', sql]);
  await waitFor('MariaDB', () => {
    client('SELECT 1');
    return true;
  }, server);
  const password = randomBytes(12).toString('hex');
  client(`CREATE DATABASE efa_wp; CREATE USER 'efa_wp'@'localhost' IDENTIFIED BY '${password}'; GRANT ALL ON efa_wp.* TO 'efa_wp'@'localhost';`);
  return { socket, password, server };
}

async function startReceiver() {
  const port = await freePort();
  // The file store, which this test reads back, even where CI has set DATABASE_URL for the storage tests.
  const { DATABASE_URL: _postgres, ...env } = process.env;
  const receiver = start('receiver', process.execPath, [join(root, 'build', 'server', 'main.js')], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', EFA_DATA_DIR: join(work, 'receiver'), EFA_TRUST_PROXY: 'true', LOG_LEVEL: 'warn' },
  });
  await waitFor('the receiver', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, receiver);
  return { port, receiver };
}

/** A snippet of README "For webmasters", verbatim between its markers (indentation removed). */
function readmeSnippet(marker) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const found = readme.match(new RegExp(`<!-- ${marker} -->\\n( *)\`\`\`\\w*\\n([\\s\\S]*?)\\n *\`\`\`\\n *<!-- /${marker} -->`));
  if (!found) throw new Error(`README.md has no code block between <!-- ${marker} --> and <!-- /${marker} -->`);
  return found[2].split('\n').map((line) => line.slice(found[1].length)).join('\n');
}

async function startApache({ port, receiverPort, configName }) {
  const dir = join(work, 'apache');
  mkdirSync(dir);
  const proxy = readmeSnippet('apache-proxy').replaceAll('127.0.0.1:8000', `127.0.0.1:${receiverPort}`);
  // The least Apache that serves Debian's WordPress, plus README's proxy snippet.
  const config = `
ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir}
ErrorLog ${dir}/error.log
LogFormat "%h \\"%r\\" %>s %b" short
CustomLog ${dir}/access.log short
${isRoot ? 'User www-data\nGroup www-data' : ''}
${['mpm_prefork', 'authz_core', 'dir', 'mime', 'alias', 'env', 'proxy', 'proxy_http'].map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join('\n')}
LoadModule php_module ${apachePhpModule()}
TypesConfig /etc/mime.types
DirectoryIndex index.php index.html
<Directory />
  Require all denied
  AllowOverride None
</Directory>
DocumentRoot ${WORDPRESS}
<Directory ${WORDPRESS}>
  Options FollowSymLinks
  Require all granted
</Directory>
Alias /efa-forms ${work}/efa-forms
Alias /wp-content ${work}/wp-content
<Directory ${work}/efa-forms>
  Require all granted
</Directory>
<Directory ${work}/wp-content>
  Options FollowSymLinks
  Require all granted
</Directory>
<FilesMatch "\\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
SetEnv WORDPRESS_CONFIG ${configName}
${proxy}`;
  writeFileSync(join(dir, 'httpd.conf'), config);
  const apache = start('Apache', '/usr/sbin/apache2', ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND']);
  await waitFor('Apache', async () => (await fetch(`http://127.0.0.1:${port}/wp-includes/js/wp-embed.min.js`)).ok, apache);
  return apache;
}

function writeWordPressConfig({ configName, origin, db }) {
  wordpressConfigFile = `/etc/wordpress/config-${configName}.php`;
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  const php = `<?php
define('DB_NAME', 'efa_wp');
define('DB_USER', 'efa_wp');
define('DB_PASSWORD', '${db.password}');
define('DB_HOST', 'localhost:${db.socket}');
define('WP_HOME', '${origin}');
define('WP_SITEURL', '${origin}');
define('WP_CONTENT_DIR', '${work}/wp-content');
define('WP_CONTENT_URL', '${origin}/wp-content');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
${salts.map((key) => `define('${key}', '${randomBytes(24).toString('hex')}');`).join('\n')}
`;
  const temp = join(work, 'wordpress-config.php');
  writeFileSync(temp, php, { mode: 0o644 });
  privileged('cp', [temp, wordpressConfigFile]);
}

/** The plugin as a webmaster installs it: the folder, with a copy of the release files in assets/. */
function installPlugin() {
  const content = join(work, 'wp-content');
  const target = join(content, 'plugins', 'efa-forms');
  mkdirSync(join(content, 'plugins'), { recursive: true });
  symlinkSync(join(WORDPRESS, 'wp-content', 'themes'), join(content, 'themes'));
  cpSync(PLUGIN, target, { recursive: true, filter: (source) => !source.startsWith(join(PLUGIN, 'assets')) });
  cpSync(join(root, 'dist'), join(target, 'assets'), { recursive: true });
  cpSync(join(root, 'dist'), join(work, 'efa-forms'), { recursive: true }); // the site's own copy, for "Asset base URL"
}

function installWordPress({ configName, origin, adminPassword, authorPassword }) {
  const script = `<?php
$_SERVER['HTTP_HOST'] = '${new URL(origin).host}';
$_SERVER['WORDPRESS_CONFIG'] = '${configName}';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '${WORDPRESS}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_install('Stadt Musterstadt', 'admin', 'admin@example.org', false, '', '${adminPassword}');
$activated = activate_plugin('efa-forms/efa-forms.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
$author = wp_insert_user(array('user_login' => 'autorin', 'user_pass' => '${authorPassword}', 'user_email' => 'autorin@example.org', 'role' => 'author'));
if (is_wp_error($author)) { fwrite(STDERR, $author->get_error_message()); exit(1); }
echo json_encode(array(
  'authorUnfilteredHtml' => user_can($author, 'unfiltered_html'),
  'adminUnfilteredHtml' => user_can(1, 'unfiltered_html'),
  'activePlugins' => get_option('active_plugins'),
));
`;
  writeFileSync(join(work, 'install.php'), script);
  return JSON.parse(sh('php', [join(work, 'install.php')]));
}

async function newPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('favicon')) problems.push(`${response.status()} ${response.url()}`);
  });
  return { page, problems };
}

async function logIn(page, origin, user, password) {
  const response = await page.goto(`${origin}/wp-login.php`);
  if (!(await page.$('#user_login'))) throw new Error(`no login form (${response.status()}): ${(await page.$eval('body', (el) => el.innerText)).slice(0, 500)}`);
  await page.type('#user_login', user);
  await page.type('#user_pass', password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
}

/** Fills Settings → efa-forms with `values` (by setting key) and saves; returns the page's text after saving. */
async function saveSettingsForm(page, origin, values) {
  await page.goto(`${origin}/wp-admin/options-general.php?page=efa-forms`);
  for (const [key, value] of Object.entries(values)) {
    const selector = `#efa_forms_${key}`;
    if ((await page.$eval(selector, (el) => el.tagName)) === 'SELECT') await page.select(selector, value);
    else await page.$eval(selector, (el, v) => (el.value = v), value);
  }
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  return page.$eval('#wpbody-content', (el) => el.textContent.replace(/\s+/g, ' '));
}

/** As the administrator: a wrong authority is refused, then the real settings are saved. */
async function saveSettings(page, origin) {
  await page.goto(`${origin}/wp-admin/options-general.php?page=efa-forms`);
  const languages = await page.$$eval('#efa_forms_lang option', (options) => options.map((option) => option.value));
  const { sourceLocale, targetLocales } = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
  check(JSON.stringify(languages) === JSON.stringify(['', sourceLocale, ...targetLocales]), 'settings: the languages offered are the shipped locales (lit-localize.json)', languages.join(', '));
  const refused = await saveSettingsForm(page, origin, { authority: '0641400' });
  check(refused.includes('The authority must be an AGS (8 digits) or an ARS (12 digits)'), 'settings: a 7-digit authority is refused with a message', refused.slice(0, 300));
  check((await page.$eval('#efa_forms_authority', (el) => el.value)) === '', 'settings: the refused authority is not stored');
  const saved = await saveSettingsForm(page, origin, { endpoint: '/api/submissions', authority: AUTHORITY, lang: 'de', adapter: 'http', drafts: 'local', asset_base: '' });
  check(saved.includes('Settings saved.') && !saved.includes('must be'), 'settings: endpoint, authority, language, adapter and drafts saved', saved.slice(0, 300));
}

/** As the Author, in the block editor: the block is inserted and the post published, as the editor's buttons do. */
async function authorPlacesForms(page, origin) {
  await page.goto(`${origin}/wp-admin/post-new.php`);
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType('efa-forms/form') && window.wp.data.select('core/editor').getCurrentPostId());
  const block = await page.evaluate(async () => {
    const { dispatch, select } = window.wp.data;
    dispatch('core/editor').editPost({ title: 'Verpflichtungserklärung abgeben', status: 'publish' });
    dispatch('core/block-editor').insertBlocks([
      window.wp.blocks.createBlock('core/paragraph', { content: 'Hier geben Sie die Verpflichtungserklärung online ab.' }),
      window.wp.blocks.createBlock('efa-forms/form', { service: 'verpflichtungserklaerung' }),
    ]);
    await dispatch('core/editor').savePost();
    const id = select('core/editor').getCurrentPostId();
    return window.wp.apiFetch({ path: `/wp/v2/posts/${id}?context=edit` });
  });
  check(block.status === 'publish' && block.content.raw.includes('<!-- wp:efa-forms/form /-->'), 'Author: the block survives saving in the block editor', block.content?.raw);
  const placeholder = await page.$eval('.components-placeholder__label', (el) => el.textContent).catch(() => '');
  check(placeholder.includes('efa-forms: Verpflichtungserklärung'), 'Author: the editor shows the block with its choice of form', placeholder);

  const post = (content, title) =>
    page.evaluate((data) => window.wp.apiFetch({ path: '/wp/v2/posts', method: 'POST', data }), { title, content, status: 'publish' });
  const shortcode = await post('[efa_form service="aufenthaltstitel" route="familie"]', 'Aufenthaltstitel (Familie)');
  check(shortcode.content.raw === '[efa_form service="aufenthaltstitel" route="familie"]', 'Author: the shortcode survives saving', shortcode.content.raw);
  const pasted = `<!-- wp:html --><script type="module" src="${origin}/wp-content/plugins/efa-forms/assets/efa-verpflichtungserklaerung.js"></script><efa-verpflichtungserklaerung endpoint="/api/submissions" authority="${AUTHORITY}"></efa-verpflichtungserklaerung><!-- /wp:html -->`;
  const raw = await post(pasted, 'Eingefügt');
  check(!raw.content.raw.includes('<script') && !raw.content.raw.includes('<efa-'), 'Author: a pasted <script type=module> and tag are stripped on saving (why the plugin is needed)', raw.content.raw);
  return { block: block.link, shortcode: shortcode.link, pasted, raw: raw.link };
}

async function adminKeepsPastedHtml(page, pasted) {
  const kept = await page.evaluate(
    (content) => window.wp.apiFetch({ path: '/wp/v2/posts', method: 'POST', data: { title: 'Eingefügt (Administrator)', content, status: 'publish' } }),
    pasted,
  );
  check(kept.content.raw.includes('<script type="module"') && kept.content.raw.includes('<efa-verpflichtungserklaerung'), 'control: the administrator (unfiltered_html) keeps the same pasted HTML', kept.content.raw);
}

/** Waits for the element to be defined and to show its first step; returns that step's heading. */
async function firstStep(page, tag) {
  await page.waitForFunction((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.querySelector('h2')?.textContent.trim(), {}, tag);
  return page.$eval(tag, (el) => el.shadowRoot.querySelector('h2').textContent.replace(/\s+/g, ' ').trim());
}

/**
 * Sends a declaration from the page: a draft of a complete declaration (test/fixtures/…/einfach.json) is put in
 * the browser's storage as the form keeps it, the visitor resumes it, gives the confirmations of the last steps
 * by keyboard and sends. Returns the reference the confirmation shows.
 */
async function sendDeclaration(page, authority, who) {
  // Confirmations count only when given on their page, so the draft has none.
  const { belehrungen, warnhinweisBestaetigt, ...answers } = JSON.parse(
    readFileSync(join(root, 'test', 'fixtures', 'verpflichtungserklaerung', 'valid', 'einfach.json'), 'utf8'),
  );
  // The version drafts are written with (only its major must match): the service definition's.
  const definition = readFileSync(join(root, 'src', 'services', 'verpflichtungserklaerung', 'definition.ts'), 'utf8');
  const schemaVersion = definition.match(/schemaVersion: '([\d.]+)'/)[1];
  await page.evaluate(
    (draft, key) => localStorage.setItem(key, JSON.stringify(draft)),
    {
      format: 'efa-forms-draft',
      version: 1,
      service: 'verpflichtungserklaerung',
      schemaVersion,
      authority,
      savedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      stepId: 'abgabe',
      answers,
    },
    `efa-forms:draft:verpflichtungserklaerung:${authority}`,
  );
  await page.reload();
  const tag = 'efa-verpflichtungserklaerung';
  await firstStep(page, tag);
  const inForm = (fn, ...args) => page.$eval(tag, fn, ...args);
  const heading = () => inForm((el) => el.shadowRoot.querySelector('h2').textContent.replace(/\s+/g, ' ').trim());
  await page.waitForFunction((t) => document.querySelector(t).shadowRoot.querySelector('[part~="resume"] button.primary'), {}, tag);
  await inForm((el) => el.shadowRoot.querySelector('[part~="resume"] button.primary').click());
  await page.waitForFunction((t) => document.querySelector(t).shadowRoot.getElementById('f-belehrungen-haftungsumfang'), {}, tag);
  /** Ticks every confirmation whose answer is below `pointer` (field ids follow the JSON pointer). */
  const tickAll = async (pointer) => {
    const prefix = pointer.replace(/[^A-Za-z0-9]+/g, '-');
    const ids = await inForm(
      (el, p) => [...el.shadowRoot.querySelectorAll('[id]')].map((field) => field.id).filter((id) => new RegExp(`^f${p}(-[A-Za-z]+)?$`).test(id)),
      prefix,
    );
    for (const id of ids) {
      await inForm((el, i) => el.shadowRoot.getElementById(i).focus(), id);
      await page.keyboard.press('Space');
    }
    return ids.length;
  };
  const next = async () => {
    const before = await heading();
    await inForm((el) => el.shadowRoot.querySelector('button.primary').click());
    await page.waitForFunction(
      (t, b) => {
        const shadow = document.querySelector(t).shadowRoot;
        return shadow.querySelector('.error-summary') || shadow.querySelector('h2').textContent.replace(/\s+/g, ' ').trim() !== b;
      },
      {},
      tag,
      before,
    );
    const errors = await inForm((el) => el.shadowRoot.querySelector('.error-summary')?.textContent.replace(/\s+/g, ' ').trim());
    if (errors) throw new Error(`"${before}" was not accepted: ${errors}`);
  };
  check((await tickAll('/belehrungen')) > 0, `${who}: the resumed declaration is at its confirmations`);
  await next(); // the review
  await next(); // the warning before the binding send
  await tickAll('/warnhinweisBestaetigt');
  await inForm((el) => el.shadowRoot.querySelector('button.primary').click());
  await page.waitForFunction((t) => document.querySelector(t).shadowRoot.querySelector('.reference, .send-error'), {}, tag);
  const sendError = await inForm((el) => el.shadowRoot.querySelector('.send-error')?.textContent.trim());
  if (sendError) throw new Error(`the form could not send: ${sendError}`);
  return inForm((el) => el.shadowRoot.querySelector('.reference').textContent.trim());
}

/** The envelope the receiver's file store keeps under `reference` (server/storage/file-store.ts), if any. */
function storedSubmission(reference) {
  const file = join(work, 'receiver', 'submissions', reference, 'submission.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

async function visitorChecks(browser, links, settings) {
  const { page, problems } = await newPage(browser);
  await page.goto(links.block);
  const heading = await firstStep(page, 'efa-verpflichtungserklaerung');
  check(heading.includes('Verpflichtungserklärung abgeben'), `visitor: the block's element is defined and shows its first step ("${heading}")`);
  const attributes = await page.$eval('efa-verpflichtungserklaerung', (el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  check(JSON.stringify(attributes) === JSON.stringify(settings), 'visitor: the element carries the settings', JSON.stringify(attributes));
  const script = await page.$eval('script[src*="efa-verpflichtungserklaerung.js"]', (el) => el.outerHTML);
  check(/type="module"/.test(script) && script.includes('/wp-content/plugins/efa-forms/assets/'), 'visitor: the module script from the plugin\'s copy of dist/', script);
  const styles = await page.$$eval('style', (all) => all.map((style) => style.textContent).join('\n'));
  check(styles.includes('efa-verpflichtungserklaerung:not(:defined){display:block;min-block-size:100vh}'), 'visitor: the element\'s place is reserved until it is defined');

  const reference = await sendDeclaration(page, settings.authority, 'visitor');
  check(/^VE-\d{4}-[A-Z0-9]{6}$/.test(reference), `visitor: the declaration is sent through Apache's /api/ proxy (${reference})`);
  const stored = storedSubmission(reference);
  check(stored?.authority === settings.authority && stored?.locale === settings.lang, 'receiver: the submission is stored under that reference, for the authority and in the language of the settings', JSON.stringify(stored)?.slice(0, 300));
  check(problems.length === 0, 'visitor: no script error and no failed request on the block\'s page', problems.join('\n     '));

  const shortcode = await newPage(browser);
  await shortcode.page.goto(links.shortcode);
  const step = await firstStep(shortcode.page, 'efa-aufenthaltstitel');
  const route = await shortcode.page.$eval('efa-aufenthaltstitel', (el) => el.getAttribute('route'));
  check(route === 'familie' && step.length > 0, `visitor: the shortcode's element is defined with route="familie" and shows "${step}"`);
  check(shortcode.problems.length === 0, 'visitor: no script error and no failed request on the shortcode\'s page', shortcode.problems.join('\n     '));

  const raw = await newPage(browser);
  await raw.page.goto(links.raw);
  check((await raw.page.$('efa-verpflichtungserklaerung')) === null, 'visitor: the Author\'s pasted tag is not on the published page');
}

/** dist/ on a plain page behind nginx with README's nginx snippet and CSP line. */
async function startNginx(receiverPort) {
  const dir = join(work, 'nginx');
  const site = join(dir, 'site');
  mkdirSync(site, { recursive: true });
  cpSync(join(root, 'dist'), join(site, 'efa-forms'), { recursive: true });
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Musterstadt</title>
<script type="module" src="/efa-forms/efa-verpflichtungserklaerung.js"></script></head>
<body><main><h1>Verpflichtungserklärung</h1>
<efa-verpflichtungserklaerung endpoint="/api/submissions" authority="${AUTHORITY}" lang="de" drafts="local"></efa-verpflichtungserklaerung>
</main></body></html>`,
  );
  const csp = readmeSnippet('csp').replace(/^Content-Security-Policy: /, '').trim();
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join('\n  ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
${isRoot ? 'user www-data;' : ''}
events {}
http {
  include /etc/nginx/mime.types;
  access_log ${dir}/access.log;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    root ${site};
    add_header Content-Security-Policy "${csp}";
${readmeSnippet('nginx-proxy').replaceAll('127.0.0.1:8000', `127.0.0.1:${receiverPort}`)}
  }
}
`,
  );
  const nginx = start('nginx', '/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir]);
  const origin = `http://127.0.0.1:${port}`;
  await waitFor('nginx', async () => (await fetch(`${origin}/`)).ok, nginx);
  return { origin, csp };
}

async function nginxChecks(browser, receiverPort) {
  const { origin, csp } = await startNginx(receiverPort);
  const { page, problems } = await newPage(browser);
  await page.evaluateOnNewDocument(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(`${origin}/`);
  const heading = await firstStep(page, 'efa-verpflichtungserklaerung');
  check(heading.includes('Verpflichtungserklärung abgeben'), 'nginx: the plain page\'s element is defined and shows its first step');
  const reference = await sendDeclaration(page, AUTHORITY, 'nginx');
  check(/^VE-\d{4}-[A-Z0-9]{6}$/.test(reference) && storedSubmission(reference) !== undefined, `nginx: a declaration is sent through nginx's /api/ proxy and stored (${reference})`);
  const violations = await page.evaluate(() => window.cspViolations);
  check(violations.length === 0, `nginx: no violation of README's CSP line (${csp})`, violations.join('\n     '));
  check(problems.length === 0, 'nginx: no script error and no failed request', problems.join('\n     '));
}

/** "Asset base URL" set to the site's own copy of dist/ (README step 1) instead of the plugin's. */
async function assetBaseChecks(browser, adminPage, origin, link) {
  const saved = await saveSettingsForm(adminPage, origin, { asset_base: '/efa-forms' });
  check((await adminPage.$eval('#efa_forms_asset_base', (el) => el.value)) === '/efa-forms/' && saved.includes('Settings saved.'), 'settings: an asset base URL is saved (as a folder)');
  const { page, problems } = await newPage(browser);
  await page.goto(link);
  await firstStep(page, 'efa-aufenthaltstitel');
  const src = await page.$eval('script[src*="efa-aufenthaltstitel.js"]', (el) => el.getAttribute('src'));
  check(src.startsWith(`${origin}/efa-forms/efa-aufenthaltstitel.js`) && problems.length === 0, `visitor: the element loads from the asset base URL (${src})`, problems.join('\n     '));
}

async function main() {
  installMissingPackages();
  for (const file of ['dist/efa-verpflichtungserklaerung.js', 'build/server/main.js']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  const enums = JSON.parse(readFileSync(join(PLUGIN, 'block', 'block.json'), 'utf8')).attributes.route.enum;
  const schemaRoutes = JSON.parse(readFileSync(join(root, 'schemas', 'aufenthaltstitel.schema.json'), 'utf8')).properties.route.enum;
  check(JSON.stringify(enums) === JSON.stringify(['', ...schemaRoutes]), 'plugin: block.json offers exactly the routes of schemas/aufenthaltstitel.schema.json');

  work = mkdtempSync(join(tmpdir(), 'efa-cms-'));
  chmodSync(work, 0o755); // Apache's and MariaDB's users read below it
  const db = await startMariaDb();
  const { port: receiverPort } = await startReceiver();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const configName = `efa-forms-test-${process.pid}`;
  writeWordPressConfig({ configName, origin, db });
  installPlugin();
  const adminPassword = randomBytes(12).toString('hex');
  const authorPassword = randomBytes(12).toString('hex');
  const installed = installWordPress({ configName, origin, adminPassword, authorPassword });
  check(installed.activePlugins.includes('efa-forms/efa-forms.php'), 'WordPress installed from Debian\'s package, plugin activated');
  check(installed.authorUnfilteredHtml === false && installed.adminUnfilteredHtml === true, 'the Author lacks unfiltered_html, the administrator has it');
  await startApache({ port, receiverPort, configName });
  const version = sh('php', ['-r', `include '${WORDPRESS}/wp-includes/version.php'; echo $wp_version;`]).trim();
  console.log(`--- WordPress ${version} on ${origin}, receiver on 127.0.0.1:${receiverPort}`);

  const browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
  try {
    const admin = await newPage(browser);
    await logIn(admin.page, origin, 'admin', adminPassword);
    await saveSettings(admin.page, origin);

    const author = await newPage(browser);
    await logIn(author.page, origin, 'autorin', authorPassword);
    await author.page.goto(`${origin}/wp-admin/options-general.php?page=efa-forms`);
    check(!(await author.page.$('#efa_forms_authority')), 'Author: the settings page is not open to an Author');
    const links = await authorPlacesForms(author.page, origin);
    // WordPress 6.1's editor itself asks for the theme's templates, which an Author may not read (403): only
    // script errors and the plugin's own files count here.
    const editorProblems = author.problems.filter((problem) => problem.startsWith('page error') || problem.includes('/plugins/efa-forms/'));
    check(editorProblems.length === 0, 'Author: no script error in the editor and every file of the plugin loaded', editorProblems.join('\n     '));

    await admin.page.goto(`${origin}/wp-admin/post-new.php`);
    await admin.page.waitForFunction(() => window.wp?.apiFetch);
    await adminKeepsPastedHtml(admin.page, links.pasted);

    await visitorChecks(browser, links, { endpoint: '/api/submissions', adapter: 'http', authority: AUTHORITY, lang: 'de', drafts: 'local' });
    await assetBaseChecks(browser, admin.page, origin, links.shortcode);
    await nginxChecks(browser, receiverPort);
  } finally {
    await browser.close();
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`--- ${signal}: stopping what this test started`);
    cleanUp().finally(() => process.exit(1));
  });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  check(false, 'the CMS test ran to its end', error.stack);
  for (const { name, output } of children) console.log(`--- last output of ${name}:\n${output().slice(-3000)}`);
  const errorLog = work && join(work, 'apache', 'error.log');
  if (errorLog && existsSync(errorLog)) console.log(`--- Apache error.log:\n${readFileSync(errorLog, 'utf8').slice(-3000)}`);
} finally {
  await cleanUp();
}
if (failures.length > 0) exitCode = 1;
console.log(failures.length === 0 ? 'test:cms passed' : `test:cms FAILED: ${failures.length} check(s)\n- ${failures.join('\n- ')}`);
process.exit(exitCode);
