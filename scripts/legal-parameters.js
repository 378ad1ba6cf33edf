/**
 * Warns when a dated legal parameter (src/rules/legal-parameters.ts) ends within 60 days or has ended, so a
 * release carries the next § 850c table, Regelbedarf or training need in time. It warns and never fails: the
 * forms keep working with the newest entry and say so, and an authority can supply the next one through
 * `config` (README, "Legal parameters"). Run by `npm run generate` (part of the build) and `npm run bench`.
 */
import { build } from 'esbuild';

const WARN_DAYS = 60;

export async function legalParameterWarnings(today = new Date().toISOString().slice(0, 10)) {
  const { outputFiles } = await build({
    entryPoints: ['src/rules/legal-parameters.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  const { expiringParameters } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
  return expiringParameters(today, WARN_DAYS).map(({ name, configKey, newest, daysLeft }) => {
    const when = daysLeft < 0 ? `ended on ${newest.validTo}, ${-daysLeft} days ago` : `ends on ${newest.validTo}, in ${daysLeft} days`;
    const remedy = configKey
      ? `Add the next entry to src/rules/legal-parameters.ts; authorities can set ${configKey}.`
      : 'Check whether the law has moved it and update src/rules/legal-parameters.ts.';
    return `legal parameter "${name}" ${when} (${newest.source}). ${remedy}`;
  });
}

export async function printLegalParameterWarnings() {
  for (const warning of await legalParameterWarnings()) console.warn(`⚠ efa-forms: ${warning}`);
}
