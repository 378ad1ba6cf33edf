import { existsSync } from 'node:fs';

/** The Chromium the tests and the benchmark drive: `CHROME_PATH`, else Debian's chromium. */
export function chromePath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) {
    throw new Error('No Chromium found. Install Debian\'s "chromium" package or set CHROME_PATH to a Chrome/Chromium binary.');
  }
  return found;
}

// --no-sandbox: CI runs as root. The rest keeps a headless browser from calling out on a closed network.
export const chromeArgs = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
