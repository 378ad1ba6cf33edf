import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import { sendKeys } from '@web/test-runner-commands';
import { field, heading, next, tick } from '../helpers/form-driver.js';
import { queueFaults, validData } from '../helpers/submission.js';

const text = (form: EfaVerpflichtungserklaerung) => form.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const send = (form: EfaVerpflichtungserklaerung) => form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();

/**
 * Issue 17, end to end against the real receiver (server/): the first send is stored but its answer is lost;
 * the citizen corrects an answer and sends again with the same id. The receiver answers 409 with the earlier
 * reference, the citizen is told so in plain words, and the correction goes as a new submission.
 */
describe('a changed resend, end to end', () => {
  it('tells the citizen the earlier reference and sends the correction as a new submission', async function () {
    this.timeout(90_000);
    const { abgabeart: _byTheForm, warnhinweisBestaetigt: _onItsPage, ...answers } = await validData();
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung adapter="http" endpoint="/api/submissions" authority="09999000" .prefill=${answers}></efa-verpflichtungserklaerung>`,
    );
    while (!heading(form).includes('Prüfen Sie Ihre Angaben')) await next(form);
    await next(form);
    await tick(form, '/warnhinweisBestaetigt');

    // Stored, then the answer is lost (500), and every retry fails before storing.
    await queueFaults('fail-after-store', 'fail-before-store', 'fail-before-store', 'fail-before-store');
    send(form);
    await waitUntil(() => form.shadowRoot!.querySelector('.send-error'), 'the failed send is told', { timeout: 30_000 });

    // The citizen goes back and corrects the occupation.
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.secondary')!.click();
    await waitUntil(() => heading(form).includes('Prüfen Sie Ihre Angaben'), 'back on the review');
    const change = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('.change button')].find((b) => b.textContent!.includes('Beruf'))!;
    change.click();
    await waitUntil(() => !heading(form).includes('Prüfen Sie Ihre Angaben'), 'the step with the occupation');
    const input = field(form, '/erklaerender/person/beruf').shadowRoot!.querySelector('input')!;
    input.focus();
    input.select();
    await sendKeys({ type: 'Pflegedienstleiterin' });
    await next(form);
    await next(form);
    await tick(form, '/warnhinweisBestaetigt');
    send(form);
    await waitUntil(() => text(form).includes('Eine frühere Fassung ist schon angekommen'), 'the 409 is told', { timeout: 30_000 });
    const earlier = /Vorgangsnummer (\S+) eingegangen/.exec(text(form))?.[1];
    expect(earlier, text(form)).to.match(/^[A-Z0-9-]+$/);
    const stored = await (await fetch(`/api/submissions/${earlier}/data`)).json();
    expect(stored.data.erklaerender.person.beruf, 'the office holds the first version').to.equal('Krankenpflegerin');
    await expect(form).to.be.accessible();

    const correction = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.primary')].find((b) => b.textContent!.includes('Korrektur'))!;
    correction.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation of the correction', { timeout: 30_000 });
    const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    expect(reference).not.to.equal(earlier);
    const corrected = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(corrected.data.erklaerender.person.beruf).to.equal('Pflegedienstleiterin');
    expect(corrected.id, 'a new submission id').not.to.equal(stored.id);
  });
});
