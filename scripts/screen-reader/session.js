/**
 * A desktop for a screen reader, inside the private D-Bus session this process runs in (scripts/test-sr.sh starts
 * it under `dbus-run-session`): Xvfb, the AT-SPI bus, a window manager, Orca with a fresh profile and its debug log,
 * and Chromium with its accessibility tree on. What Orca says is read from its log: one `SPEECH OUTPUT` line per
 * utterance (speech-dispatcher is not needed; nothing is audible).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const here = fileURLToPath(new URL('.', import.meta.url));

export class Session {
  /** @param {string} dir a fresh folder for HOME, profiles and logs */
  constructor(dir) {
    this.dir = dir;
    this.children = [];
    this.env = {
      ...process.env,
      HOME: join(dir, 'home'),
      XDG_RUNTIME_DIR: join(dir, 'runtime'),
      XDG_CONFIG_HOME: join(dir, 'home', '.config'),
      GTK_MODULES: 'gail:atk-bridge',
      NO_AT_BRIDGE: '0',
      LANG: 'C.UTF-8',
    };
    mkdirSync(this.env.HOME, { recursive: true });
    mkdirSync(this.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  }

  start(name, command, args, options = {}) {
    const log = join(this.dir, `${name}.log`);
    const child = spawn(command, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('exit', () => writeFileSync(log, Buffer.concat(chunks)));
    child.output = () => Buffer.concat(chunks).toString('utf8');
    this.children.push(child);
    return child;
  }

  async startDesktop() {
    const xvfb = this.start('xvfb', 'Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {});
    const display = await until(() => /^(\d+)\s*$/m.exec(xvfb.output())?.[1], 10_000, 'Xvfb did not report a display');
    this.env.DISPLAY = `:${display}`;
    this.start('at-spi-bus', '/usr/libexec/at-spi-bus-launcher', ['--launch-immediately']);
    this.start('openbox', 'openbox', []);
    for (const [schema, key] of [
      ['org.gnome.desktop.interface', 'toolkit-accessibility'],
      ['org.gnome.desktop.a11y.applications', 'screen-reader-enabled'],
    ]) {
      const set = spawnSync('gsettings', ['set', schema, key, 'true'], { env: this.env, encoding: 'utf8' });
      if (set.status !== 0) throw new Error(`gsettings set ${schema} ${key} true failed: ${set.stderr}`);
    }
    // The AT-SPI bus has no ready signal to wait for; Orca's start below is waited for by what it says.
    await sleep(500);
  }

  async startOrca() {
    const prefs = join(this.dir, 'orca-prefs');
    mkdirSync(prefs, { recursive: true });
    // A fresh profile without echo of every key pressed, so the transcript holds what the page says.
    // Nor a reading of the whole page on load, which would hide whether something is a live region.
    const quiet = { enableKeyEcho: false, enableEchoByCharacter: false, enableEchoByWord: false, sayAllOnLoad: false };
    const profile = ['Default', 'default'];
    writeFileSync(
      join(prefs, 'user-settings.conf'),
      JSON.stringify({
        general: { ...quiet, profile, startingProfile: profile, activeProfile: profile },
        profiles: { default: { ...quiet, profile, pronunciations: {}, keybindings: {} } },
        pronunciations: {},
        keybindings: {},
      }),
    );
    this.orcaLog = join(this.dir, 'orca-debug.log');
    writeFileSync(this.orcaLog, '');
    this.orca = this.start('orca', '/usr/bin/python3', [join(here, 'run-orca.py'), prefs, this.orcaLog]);
    await until(
      () => {
        if (this.orca.exitCode !== null) {
          // Orca refuses to start while any other Orca of this user runs, in whatever session.
          throw new Error(`Orca exited: ${this.orca.output().trim().split('\n').slice(-2).join(' ')}`);
        }
        return /SPEECH OUTPUT: 'Screen reader on/.test(readFileSync(this.orcaLog, 'utf8')) || undefined;
      },
      30_000,
      'Orca did not say "Screen reader on" within 30 s',
    );
  }

  /** Chromium on `url`, with a fresh profile; returns what Orca said when it opened. */
  async openBrowser(url) {
    const previous = this.browser;
    if (previous && previous.exitCode === null) {
      const closed = new Promise((resolve) => previous.once('exit', resolve));
      previous.kill('SIGTERM');
      await closed;
    }
    const profile = join(this.dir, `chromium-${this.children.length}`);
    const heard = this.utterances().length;
    this.browser = this.start('chromium', process.env.CHROME_PATH || '/usr/bin/chromium', [
      '--force-renderer-accessibility',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1200,1000',
      `--user-data-dir=${profile}`,
      url,
    ]);
    // Orca speaks when the window appears; if it does not, the first key of the walk will tell.
    await until(() => (this.utterances().length > heard ? true : undefined), 30_000, '').catch(() => {});
    return this.quiet(heard);
  }

  /**
   * Presses keys (xdotool names: Tab, shift+Tab, Return, space, Down) and returns what Orca said until it was quiet
   * for a moment. `expect`: wait (up to 10 s) for an utterance that matches before waiting for quiet.
   */
  async press(keys, expect) {
    const heard = this.utterances().length;
    const run = spawnSync('xdotool', ['key', '--delay', '120', ...keys.split(' ')], { env: this.env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xdotool key ${keys} failed: ${run.stderr}`);
    if (expect) {
      await until(() => (this.utterances().slice(heard).some((u) => expect.test(u)) ? true : undefined), 10_000, '').catch(() => {});
    }
    return this.quiet(heard);
  }

  /** Types text into the focused input. */
  async type(text) {
    const heard = this.utterances().length;
    const run = spawnSync('xdotool', ['type', '--delay', '60', text], { env: this.env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xdotool type failed: ${run.stderr}`);
    return this.quiet(heard);
  }

  /** Waits until Orca has said nothing new for 0.9 s (at most 15 s); returns what it said after index `from`. */
  async quiet(from = 0) {
    let count = this.utterances().length;
    let still = Date.now();
    const deadline = Date.now() + 15_000;
    while (Date.now() - still < 900 && Date.now() < deadline) {
      await sleep(150);
      const now = this.utterances().length;
      if (now !== count) {
        count = now;
        still = Date.now();
      }
    }
    return this.utterances().slice(from);
  }

  /** Every utterance so far, in order. */
  utterances() {
    const text = existsSync(this.orcaLog) ? readFileSync(this.orcaLog, 'utf8') : '';
    // A multi-line utterance continues on lines indented by Orca's timestamp width.
    return text
      .replace(/\n {18}/g, '\n')
      .split(/\n(?=\d\d:\d\d:\d\d\.\d+ - )/)
      .flatMap((entry) => {
        // `SPEECH OUTPUT: 'text'`, then maybe the voice: ` voice=NAME` or a dict `{'established': False}`.
        const line = entry.replace(/\{[^{}]*\}\s*$/, '').replace(/ voice=\S+\s*$/, '');
        const match = /SPEECH OUTPUT: '([\s\S]*)'\s*$/.exec(line);
        return match ? [match[1].replace(/\s+/g, ' ').trim()] : [];
      })
      .filter(Boolean);
  }

  stop() {
    for (const child of this.children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  }
}

/** Polls `probe` until it returns something other than undefined. */
export async function until(probe, timeout, message) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(message);
    await sleep(100);
  }
}
