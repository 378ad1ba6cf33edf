import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import { paymentNavigation } from '../../components/efa-form/payment.js';
import { RETURN_PARAMETER, keepPaymentHandle, paymentApiOf } from '../../components/efa-form/payment-handle.js';
import { heading, next, tick } from '../helpers/form-driver.js';
import { envelope, validData } from '../helpers/submission.js';

/**
 * Paying the fee after the binding send (issue 10), in Chromium against a real receiver with payment
 * (`/paying-receiver/api/…`, web-test-runner.config.js) and the demo's XBezahldienste payment service. The page
 * cannot leave for the payment service in a test: the element's `navigate` is replaced, and the citizen's choice
 * on the service's page is posted the way its form posts it. Coming back is the page loaded again with the
 * return URL's parameter, a new form in the same tab.
 */
const API = '/paying-receiver/api';
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();
const $ = (form: EfaVerpflichtungserklaerung, selector: string) => form.shadowRoot!.querySelector<HTMLElement>(selector)!;
const buttons = (form: EfaVerpflichtungserklaerung) => [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('.payment button')];
const paymentHeading = (form: EfaVerpflichtungserklaerung) => form.shadowRoot!.querySelector('.payment h2')?.textContent?.trim();

const pageUrl = window.location.href;
const browserNavigation = paymentNavigation.to;
/** Where the form sent the browser to pay, in this test. */
let sentTo: string | undefined;
beforeEach(() => {
  sentTo = undefined;
  paymentNavigation.to = (url) => (sentTo = url);
});
afterEach(() => {
  paymentNavigation.to = browserNavigation;
  history.replaceState(null, '', pageUrl);
  keepPaymentHandle(undefined);
});

/** The citizen's choice on the payment service's page: its buttons post `choice` to the page's own address. */
async function choose(redirectUrl: string, choice: 'pay' | 'cancel' | 'fail'): Promise<void> {
  await fetch(redirectUrl, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ choice }) });
}

const post = (api: string, path: string, body: unknown, token?: string) =>
  fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }).then((r) => r.json());

/** A submission stored at the receiver under `api`, and its case opened, as the confirmation page does. */
async function openedCase(api: string): Promise<{ reference: string; token: string }> {
  const receipt = await post(api, '/submissions', envelope(await validData()));
  const { token } = await post(api, '/cases/access', { reference: receipt.reference, accessCode: receipt.accessCode });
  return { reference: receipt.reference, token };
}

/** A submission stored at the paying receiver, its case opened and a payment started, as the confirmation page does. */
async function startedPayment(): Promise<{ reference: string; transactionId: string; redirectUrl: string }> {
  const receipt = await openedCase(API);
  const token = receipt.token;
  const returnUrl = new URL(pageUrl);
  returnUrl.searchParams.set(RETURN_PARAMETER, receipt.reference);
  const started = await post(API, `/cases/${receipt.reference}/payment`, { returnUrl: returnUrl.href }, token);
  keepPaymentHandle({ reference: receipt.reference, token, api: API, transactionId: started.transactionId });
  return { reference: receipt.reference, transactionId: started.transactionId, redirectUrl: started.redirectUrl };
}

/** The page as the payment service sends the browser back to it. */
async function returned(reference: string, api = API): Promise<EfaVerpflichtungserklaerung> {
  const url = new URL(pageUrl);
  url.searchParams.set(RETURN_PARAMETER, reference);
  history.replaceState(null, '', url);
  const form = await fixture<EfaVerpflichtungserklaerung>(html`<efa-verpflichtungserklaerung adapter="http" endpoint="${api}/submissions" lang="de"></efa-verpflichtungserklaerung>`);
  await waitUntil(() => paymentHeading(form), 'the result', { timeout: 10_000 });
  return form;
}

describe('paying the fee on the confirmation page', () => {
  it('offers paying now, later or the office’s way, by keyboard, and sends the browser to the payment service', async () => {
    const { abgabeart: _byTheForm, warnhinweisBestaetigt: _onItsPage, ...answers } = await validData();
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung adapter="http" endpoint="${API}/submissions" authority="09999000" lang="de" .prefill=${answers}></efa-verpflichtungserklaerung>`,
    );
    await waitUntil(() => heading(form).includes('Schritt'), 'the first step', { timeout: 10_000 });
    while (!heading(form).includes('Prüfen Sie Ihre Angaben')) await next(form);
    await next(form);
    await tick(form, '/warnhinweisBestaetigt');
    $(form, 'button.primary').click();
    await waitUntil(() => paymentHeading(form) === 'Gebühr bezahlen', 'the payment offer', { timeout: 10_000 });

    const reference = text($(form, '.confirmation .reference'));
    expect(text($(form, 'section.payment'))).to.contain('Die Gebühr beträgt 29,00 €.');
    expect(buttons(form).map(text)).to.deep.equal(['Jetzt online bezahlen', 'Später bezahlen', 'Auf anderem Weg bezahlen']);
    await expect(form).to.be.accessible();

    const [payNow, later, office] = buttons(form);
    later!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text($(form, '.payment [role="status"]')).includes('später bezahlen'), 'later explained');
    office!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => text($(form, '.payment [role="status"]')).includes('auf anderem Weg'), 'the office’s way explained');

    payNow!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sentTo, 'sent to the payment service');
    expect(new URL(sentTo!).pathname).to.match(/^\/paypage\/[\w-]+$/);
    const handle = JSON.parse(sessionStorage.getItem('efa-zahlung')!);
    expect(handle).to.include({ reference, api: API });
    expect(JSON.stringify(handle), 'the access code is not kept').not.to.contain(text($(form, '.access-code')));

    // Paid on the service's page; coming back shows it booked, with the reference to quote.
    await choose(sentTo!, 'pay');
    const back = await returned(reference);
    expect(paymentHeading(back)).to.equal('Gebühr bezahlt');
    await waitUntil(() => back.shadowRoot!.activeElement === back.shadowRoot!.querySelector('.payment h2'), 'the result is focused');
    expect(text($(back, '.payment .payment-reference'))).to.equal(reference);
    expect(text($(back, 'section.payment'))).to.contain('Sie haben die Gebühr von 29,00 € bezahlt.');
    expect(sessionStorage.getItem('efa-zahlung'), 'nothing left to pay').to.equal(null);
    await expect(back).to.be.accessible();
  });

  it('after a cancelled payment offers it again, and a new attempt goes to a new transaction', async () => {
    const { reference, transactionId, redirectUrl } = await startedPayment();
    await choose(redirectUrl, 'cancel');
    const back = await returned(reference);
    expect(paymentHeading(back)).to.equal('Zahlung abgebrochen');
    expect(text($(back, 'section.payment'))).to.contain('Ihre Angaben sind trotzdem übermittelt.');
    expect(buttons(back).map(text)).to.deep.equal(['Erneut online bezahlen', 'Später bezahlen', 'Auf anderem Weg bezahlen']);
    await expect(back).to.be.accessible();

    buttons(back)[0]!.click();
    await waitUntil(() => sentTo, 'sent to the payment service again');
    expect(sentTo).not.to.contain(transactionId);
  });

  it('says so when the payment failed, and the submission stays', async () => {
    const { reference, redirectUrl } = await startedPayment();
    await choose(redirectUrl, 'fail');
    const back = await returned(reference);
    expect(paymentHeading(back)).to.equal('Zahlung nicht gelungen');
    expect(text($(back, 'section.payment'))).to.contain(reference);
    expect((await fetch(`${API}/submissions/${reference}`)).status).to.equal(200);
  });

  it('reconciles a payment left open when the tab was closed on the service’s page', async () => {
    const { reference, redirectUrl } = await startedPayment();
    const back = await returned(reference);
    expect(paymentHeading(back)).to.equal('Zahlung noch nicht abgeschlossen');
    expect(buttons(back).map(text)).to.deep.equal(['Zahlung fortsetzen', 'Stand erneut abfragen']);
    await expect(back).to.be.accessible();

    // Meanwhile paid in the tab that was closed: asking again reads it from the payment service.
    await choose(redirectUrl, 'pay');
    buttons(back)[1]!.click();
    await waitUntil(() => paymentHeading(back) === 'Gebühr bezahlt', 'booked');
  });

  it('leaves the fee to the office where the receiver takes no payments', async () => {
    // The test server's own receiver (/api) has no payment service.
    const { reference, token } = await openedCase('/api');
    keepPaymentHandle({ reference, token, api: '/api', transactionId: 'none' });
    const page = await returned(reference, '/api');
    expect(paymentHeading(page)).to.equal('Gebühr');
    expect(text($(page, 'section.payment'))).to.contain('Die Behörde sagt Ihnen, wie hoch die Gebühr ist und wie Sie sie bezahlen.');
    expect(buttons(page)).to.deep.equal([]);
    await expect(page).to.be.accessible();
  });
});

describe('where the form finds the payment routes', () => {
  it('beside the receiver or the FIT-Connect relay, and nowhere for other adapters', () => {
    expect(paymentApiOf('', 'http')).to.equal('/api');
    expect(paymentApiOf('https://formulare.musterstadt.de/efa/api/submissions', 'http')).to.equal('https://formulare.musterstadt.de/efa/api');
    expect(paymentApiOf('', 'fit-connect')).to.equal('/api');
    expect(paymentApiOf('/relay/fit-connect/', 'fit-connect')).to.equal('/relay');
    expect(paymentApiOf('https://example.org/inbox', 'http'), 'a receiver of another kind').to.equal(undefined);
    expect(paymentApiOf('', 'event')).to.equal(undefined);
  });
});
