/**
 * `npm start`: the demo portal of a fictional city. Builds first when dist/ or the server bundle is missing or
 * older than its sources, then runs the server (server/, bundled to build/server/) with the portal pages of
 * demo/ and the store in demo/data/, so submissions survive a restart. The clerks sign in at the demo's own
 * OpenID Connect provider (idp.js), started here on a free port of 127.0.0.1, the citizens at its "DeutschlandID
 * (Demo)" on another, whose identity tokens the receiver checks (EFA_IDENTITY_*), and fees are paid at the demo's
 * payment service (payment-provider.js), likewise. Every variable of
 * server/config.ts works here too (PORT, HOST, DATABASE_URL, EFA_OIDC_ISSUER for another provider, …).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function newestChange(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

async function modified(path) {
  try {
    return (await stat(join(root, path))).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether `output` is missing or older than a file in one of `sources`. */
async function isStale(output, sources) {
  const built = await modified(output);
  for (const dir of sources) {
    if ((await newestChange(join(root, dir))) > built) return true;
  }
  return false;
}

function run(...args) {
  return new Promise((done, fail) => {
    const child = spawn(args[0], args.slice(1), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(undefined) : fail(new Error(`${args.join(' ')} failed (exit code ${code})`))));
  });
}

try {
  if (await isStale('dist/efa-forms.js', ['src', 'components', 'schemas'])) {
    console.log('dist/ is missing or older than its sources: running npm run build …');
    await run('npm', 'run', 'build');
  } else if (await isStale('build/server/main.js', ['server', 'schemas'])) {
    console.log('build/server/ is missing or older than server/: bundling the server …');
    await run(process.execPath, 'scripts/build-server.js');
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
process.env.EFA_PORTAL ??= join(root, 'demo');
process.env.EFA_DATA_DIR ??= join(root, 'demo', 'data');
process.env.EFA_MAIL_LOG ??= join(process.env.EFA_DATA_DIR, 'mail.log');
process.env.EFA_STATUS_URL ??= `${process.env.EFA_PUBLIC_URL ?? `http://localhost:${process.env.PORT || 8000}`}/mein-antrag.html`;
// FIT-Connect's production path: the relay in front of the Submission API stand-in, and a demo subscriber.
process.env.EFA_FIT_CONNECT_DEMO ??= 'true';
if (!process.env.EFA_OIDC_ISSUER) {
  const { DEMO_CLERKS, startIdentityProvider } = await import('./idp.js');
  const publicUrl = (process.env.EFA_PUBLIC_URL ??= `http://localhost:${process.env.PORT || 8000}`);
  const idp = await startIdentityProvider({ redirectUri: new URL('/clerks/callback', publicUrl).toString() });
  Object.assign(process.env, {
    EFA_OIDC_ISSUER: idp.issuer,
    EFA_OIDC_CLIENT_ID: idp.clientId,
    EFA_OIDC_CLIENT_SECRET: idp.clientSecret,
    // A new key at each start: clerks sign in again after a restart.
    EFA_SESSION_KEY: process.env.EFA_SESSION_KEY || randomBytes(32).toString('hex'),
  });
  const accounts = Object.entries(DEMO_CLERKS).map(([user, { password }]) => `${user} / ${password}`).join(', ');
  console.log(`Inbox: ${publicUrl}/inbox.html — demo clerks (user / password): ${accounts}; identity provider ${idp.issuer}`);
}
if (!process.env.EFA_PAYMENT_URL) {
  const { startPaymentProvider } = await import('./payment-provider.js');
  const provider = await startPaymentProvider({ notifyUrl: `http://127.0.0.1:${process.env.PORT || 8000}/api/payments/notifications` });
  Object.assign(process.env, provider.env);
  console.log(`Payment: the demo payment service at ${provider.base} (no real money)`);
}
if (!process.env.EFA_CITIZEN_OIDC_ISSUER) {
  const { DEMO_CITIZENS, LOA_HIGH, startCitizenIdentityProvider } = await import('./idp.js');
  const publicUrl = (process.env.EFA_PUBLIC_URL ??= `http://localhost:${process.env.PORT || 8000}`);
  const idp = await startCitizenIdentityProvider({ redirectUri: new URL('/portal/callback', publicUrl).toString() });
  // The portal signs identity tokens for the receiver, which checks them against the portal's published key.
  const audience = new URL('/api/submissions', publicUrl).toString();
  Object.assign(process.env, {
    EFA_CITIZEN_OIDC_ISSUER: idp.issuer,
    EFA_CITIZEN_OIDC_CLIENT_ID: idp.clientId,
    EFA_CITIZEN_OIDC_CLIENT_SECRET: idp.clientSecret,
    EFA_CITIZEN_TOKEN_AUDIENCE: audience,
    EFA_IDENTITY_ISSUER: new URL(publicUrl).origin,
    EFA_IDENTITY_JWKS_URL: new URL('/portal/jwks.json', publicUrl).toString(),
    EFA_IDENTITY_AUDIENCE: audience,
    EFA_SESSION_KEY: process.env.EFA_SESSION_KEY || randomBytes(32).toString('hex'),
  });
  const accounts = Object.entries(DEMO_CITIZENS)
    .map(([user, { password, acr }]) => `${user} / ${password} (${acr === LOA_HIGH ? 'eID, Vertrauensniveau hoch' : 'Vertrauensniveau substanziell'})`)
    .join(', ');
  console.log(`Citizen login: ${publicUrl}/verpflichtungserklaerung.html — DeutschlandID (Demo) test users (user / password): ${accounts}; identity provider ${idp.issuer}`);
}
await import('../build/server/main.js');
