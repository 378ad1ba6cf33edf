/**
 * The one entry point: `node build/server/main.js` (built by `npm run build`), configured by environment
 * variables (config.ts). `npm start` runs it with the demo portal.
 */
import { buildApp, mailLog, projectRoot, readConfig, LOG_SERIALIZERS } from './app.js';

const config = readConfig();
const app = await buildApp({
  root: projectRoot(),
  dataDir: config.dataDir,
  databaseUrl: config.databaseUrl,
  limits: config.limits,
  lookupsPerMinute: config.lookupsPerMinute,
  clerkRoutes: config.signIn ? 'sign-in' : 'refused',
  signIn: config.signIn,
  allowedHosts: config.allowedHosts,
  corsOrigins: config.corsOrigins,
  portalDir: config.portalDir,
  payment: config.payment,
  fitConnectDemo: config.fitConnectDemo,
  portalLogin: config.portalLogin,
  identityIssuer: config.identityIssuer,
  trustProxy: config.trustProxy,
  logger: { level: config.logLevel, serializers: LOG_SERIALIZERS },
  cases: config.mailLog ? { notices: mailLog(config.mailLog.path, config.mailLog.statusUrl) } : undefined,
});
if (!config.signIn) {
  app.log.warn('EFA_OIDC_ISSUER is not set: there is no sign-in for clerks, so the inbox and every route that reads submissions are refused (403).');
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error({ err: error }, 'the server could not start');
  process.exit(1);
}
