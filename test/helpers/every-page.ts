/**
 * Steps a service element through every page it shows — each step, the review, an error summary, the
 * confirmation — with valid answers prefilled, and runs a check on each. For tests of how the form looks and
 * fits (themes, columns, host CSS) rather than how it is filled in: the keyboard walks are in test/services/.
 */
import { waitUntil } from '@open-wc/testing';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { answers } from './aufenthaltstitel.js';
import { heading, next, tick } from './form-driver.js';
import { validData } from './submission.js';

export type Service = 'verpflichtungserklaerung' | 'aufenthaltstitel';
export type PageCheck = (form: EfaForm, page: string) => Promise<void> | void;

/** The residence-permit route walked: the one with the most steps and the longest words. */
export const WALKED_ROUTE = 'erwerbstaetigkeit';

const REVIEW = { de: 'Prüfen Sie Ihre Angaben', en: 'Check your answers' };

/** Creates the service element (prefilled, sending to the test receiver) as the last child of `parent`. */
export async function placeForm(service: Service, lang: 'de' | 'en', parent: HTMLElement): Promise<EfaForm> {
  await setLocale(lang); // one active locale per page: a previous form's pending switch must not win the race
  const form = document.createElement(`efa-${service}`) as EfaForm;
  form.setAttribute('lang', lang);
  form.setAttribute('endpoint', '/api/submissions');
  form.setAttribute('authority', '09999000');
  if (service === 'verpflichtungserklaerung') {
    const { abgabeart: _chosenInTheForm, warnhinweisBestaetigt: _onItsOwnPage, ...prefill } = await validData();
    form.prefill = prefill;
  } else {
    const prefill = await answers(WALKED_ROUTE);
    form.setAttribute('route', WALKED_ROUTE);
    form.prefill = prefill;
  }
  parent.append(form);
  await waitUntil(() => heading(form) !== '', 'the first step shows');
  return form;
}

const send = (form: EfaForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();

/** Runs `check` on every page of `form` (just placed), from its first step to the confirmation. */
export async function checkEveryPage(form: EfaForm, lang: 'de' | 'en', check: PageCheck): Promise<void> {
  while (!heading(form).includes(REVIEW[lang])) {
    await check(form, heading(form));
    await next(form);
  }
  await check(form, heading(form));
  if (form.localName === 'efa-verpflichtungserklaerung') {
    await next(form); // the warning before sending, a step of its own
    await check(form, heading(form));
    send(form);
    await waitUntil(() => form.shadowRoot!.querySelector('.error-summary'), 'the unconfirmed warning is an error');
    await check(form, `${heading(form)} (error summary)`);
    await tick(form, '/warnhinweisBestaetigt');
  }
  send(form);
  const failure = () => form.shadowRoot!.querySelector('.send-error')?.textContent?.trim() ?? 'not sent yet';
  await waitUntil(() => form.shadowRoot!.querySelector('.reference'), `sent (${failure()})`, { timeout: 30_000 });
  await check(form, heading(form));
}
