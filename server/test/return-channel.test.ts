/**
 * The return channel end to end, as issue 11 says it is done: a clerk signs in (the demo's OpenID Connect
 * provider), opens a submission in the inbox (in the form's own words), asks for a missing document and offers two appointment slots; the
 * citizen opens `<efa-status>` on the portal's "Mein Antrag" page with reference and access code, uploads the
 * document and picks a slot; the clerk sees both. In Chromium, by keyboard where a citizen types, on the file
 * store and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_CLERKS } from '../../demo/idp.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { PDF, POSTGRES_SKIPPED, envelope, postJson, scratchDatabase, startServerWithSignIn } from './helpers.js';

const [USER, ACCOUNT] = Object.entries(DEMO_CLERKS)[0]!;

async function clerkSignsIn(page: Page, base: string, reference: string): Promise<void> {
  await page.goto(`${base}/inbox.html?vorgang=${reference}`);
  await page.waitForSelector('#username');
  await page.type('#username', USER);
  await page.type('#password', ACCOUNT.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await page.waitForFunction((ref) => document.getElementById('detail-heading')?.textContent === `Vorgang ${ref}`, {}, reference);
  await page.waitForSelector('#request-purposes input[value="reisepass"]');
}

async function clerkSends(page: Page, type: string, fill: (page: Page) => Promise<void>): Promise<void> {
  await page.select('#compose-type', type);
  await fill(page);
  await page.click('#compose button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('compose-status')!.textContent!.startsWith('Die Nachricht wurde gesendet'));
}

/** Text of `<efa-status>` (inside its shadow root). */
function statusText(page: Page): Promise<string> {
  return page.$eval('efa-status', (el) => el.shadowRoot!.textContent!.replace(/\s+/g, ' '));
}

for (const store of ['files', 'PostgreSQL'] as const) {
  describe(`return channel in the demo portal (${store})`, { skip: store === 'PostgreSQL' && POSTGRES_SKIPPED }, () => {
    let server: Awaited<ReturnType<typeof startServerWithSignIn>>;
    let database: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
    let chromium: Browser;

    before(async () => {
      database = store === 'PostgreSQL' ? await scratchDatabase() : undefined;
      server = await startServerWithSignIn({ databaseUrl: database?.url });
      chromium = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
    });

    after(async () => {
      await chromium?.close();
      await server?.close();
      await database?.drop();
    });

    it('a clerk asks for a document and offers two slots; the citizen uploads it and picks one; the clerk sees both', async () => {
      const created = await postJson(server.base, envelope());
      assert.equal(created.status, 201);
      const { reference, accessCode } = await created.json();

      const clerk = await (await chromium.createBrowserContext()).newPage();
      await clerkSignsIn(clerk, server.base, reference);
      // The submission as the citizen read it: the form's steps, labels and code-list names, not keys and codes.
      const shown = await clerk.$eval('#detail-data', (data) => [...data.querySelectorAll('h4, dt, dd')].map((e) => e.textContent));
      assert.ok(shown.includes('Angaben zu Ihrer Person'), 'step titles');
      const pair = (label: string) => shown[shown.indexOf(label) + 1];
      assert.equal(pair('Familienname'), 'Becker');
      assert.equal(pair('Geburtsdatum'), '17. Mai 1984');
      assert.equal(pair('Art des Dokuments'), 'Nationaler Personalausweis');
      assert.equal(pair('Staat'), 'Deutschland');
      await clerkSends(clerk, 'unterlagenanforderung', async (page) => {
        await page.click('#zweck-reisepass');
        await page.$eval('#request-frist', (input) => ((input as HTMLInputElement).value = '2026-12-20'));
      });
      await clerkSends(clerk, 'terminangebot', async (page) => {
        await page.$eval('#slot-1', (input) => ((input as HTMLInputElement).value = '2026-12-10T09:00'));
        await page.$eval('#slot-2', (input) => ((input as HTMLInputElement).value = '2026-12-11T14:00'));
      });

      const citizen = await (await chromium.createBrowserContext()).newPage();
      await citizen.goto(`${server.base}/mein-antrag.html`);
      await citizen.waitForFunction(() => document.querySelector('efa-status')?.shadowRoot?.querySelector('efa-text-field'));
      await citizen.evaluate(() => (document.querySelector('efa-status')!.shadowRoot!.querySelector('[name="reference"]') as HTMLElement).focus());
      await citizen.keyboard.type(reference);
      await citizen.keyboard.press('Tab');
      await citizen.keyboard.type(accessCode);
      await citizen.keyboard.press('Enter');
      await citizen.waitForFunction((ref) => document.querySelector('efa-status')!.shadowRoot!.querySelector('h2')!.textContent!.includes(ref), {}, reference);
      assert.match(await statusText(citizen), /Reisepass \(Seite mit Lichtbild\)/);
      assert.match(await statusText(citizen), /Donnerstag, 10\. Dezember 2026, 09:00 – 09:30/);

      const upload = await citizen.evaluateHandle(() =>
        document.querySelector('efa-status')!.shadowRoot!.querySelector('efa-file-upload')!.shadowRoot!.querySelector('input[type="file"]'),
      );
      const file = join(server.dataDir, 'Reisepass.pdf');
      writeFileSync(file, PDF);
      await (upload.asElement() as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
      await citizen.waitForFunction(() => {
        const field = document.querySelector('efa-status')!.shadowRoot!.querySelector('efa-file-upload') as unknown as { value?: File[] };
        return (field.value ?? []).length === 1;
      });
      const press = (label: string) =>
        citizen.evaluate((text) => {
          const button = [...document.querySelector('efa-status')!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
          button.focus();
        }, label).then(() => citizen.keyboard.press('Enter'));
      await press('Unterlagen senden');
      await citizen.waitForFunction(() => document.querySelector('efa-status')!.shadowRoot!.querySelectorAll('form.answer').length === 1);
      await citizen.evaluate(() => (document.querySelector('efa-status')!.shadowRoot!.querySelector('efa-radio-group') as HTMLElement).focus());
      await citizen.keyboard.press('Space');
      await press('Antwort senden');
      await citizen.waitForFunction(() => document.querySelector('efa-status')!.shadowRoot!.querySelectorAll('form.answer').length === 0);

      await clerk.reload();
      await clerk.waitForFunction(() => document.querySelectorAll('#detail-messages > ol > li').length === 4);
      const seen = await clerk.$$eval('#detail-messages > ol > li > p:first-child', (items) => items.map((item) => item.textContent!.split(',')[0]));
      assert.deepEqual(seen, [
        'Behörde: Anforderung von Unterlagen',
        'Behörde: Terminangebot',
        'Antragsteller/in: Unterlagen nachgereicht',
        'Antragsteller/in: Antwort auf das Terminangebot',
      ]);
      const messages = await clerk.evaluate(async (ref) => (await (await fetch(`/clerks/cases/${ref}/messages`)).json()).messages, reference);
      const offered = messages[1].data.termine[0].id;
      assert.equal(messages[2].data.anlagen[0].dateiname, 'Reisepass.pdf');
      assert.deepEqual(messages[3].data, { angebot: messages[1].id, antwort: 'angenommen', termin: offered });
    });
  });
}
