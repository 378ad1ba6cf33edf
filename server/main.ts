/**
 * The one entry point: `node build/server/main.js` (built by `npm run build`), configured by environment
 * variables (config.ts). `npm start` runs it with the demo portal.
 */
import { buildApp, isLoopback, projectRoot, readConfig, LOG_SERIALIZERS } from './app.js';

const config = readConfig();
const exposed = !isLoopback(config.host);
const app = await buildApp({
  root: projectRoot(),
  dataDir: config.dataDir,
  databaseUrl: config.databaseUrl,
  limits: config.limits,
  lookupsPerMinute: config.lookupsPerMinute,
  clerkRoutes: exposed ? 'refused' : 'open',
  allowedHosts: config.allowedHosts,
  portalDir: config.portalDir,
  trustProxy: config.trustProxy,
  logger: { level: config.logLevel, serializers: LOG_SERIALIZERS },
});
if (exposed) {
  app.log.warn(
    `HOST=${config.host} makes this server reachable from the network. There is no sign-in for clerks yet, so the inbox and ` +
      'every route that reads submissions are REFUSED (403). Run on localhost, or put an authenticating proxy in front and keep HOST on loopback.',
  );
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
