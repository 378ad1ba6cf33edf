/**
 * The clerks' inbox as a workspace (issue 11): the list filtered by a case's stage, its service and new answers
 * from the citizen, through the receiver's API and on the inbox page in Chromium (the filters in the address),
 * and a submission as a PDF for the file, read back with PDF.js; as a clerk signed in at the demo's identity
 * provider. That nothing answers without a session is tested in clerks.test.ts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_CLERKS } from '../../demo/idp.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readableSubmission } from '../readable.js';
import { submissionPdf, visualOrder } from '../submission-pdf.js';
import {
  PDF,
  POSTGRES_SKIPPED,
  envelope,
  pdfAttachment,
  postJson,
  postMultipart,
  residencePermitEnvelope,
  root,
  scratchDatabase,
  startServerWithSignIn,
  validData,
} from './helpers.js';

const [USER, ACCOUNT] = Object.entries(DEMO_CLERKS)[0]!;

/** Signs a clerk in at the identity provider, by the sign-in form, and lands on the inbox. */
async function clerkSignsIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/inbox.html`);
  await page.waitForSelector('#username');
  await page.type('#username', USER);
  await page.type('#password', ACCOUNT.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await page.waitForFunction(() => !document.getElementById('clerk')!.hidden);
}

/** A request of the signed-in clerk's page: its answer's status and JSON. */
function clerkFetch(page: Page, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async (url, body) => {
      const { csrfToken } = await (await fetch('/clerks/session')).json();
      const init =
        body === undefined
          ? {}
          : {
              method: 'POST',
              headers: {
                'Content-Type': 'application/json',
                'X-CSRF-Token': csrfToken,
              },
              body: JSON.stringify(body),
            };
      const response = await fetch(url, init);
      return { status: response.status, json: await response.json() };
    },
    url,
    body,
  );
}

/** The text of each page, and the roles of the structure tree's elements, as PDF.js reads them. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; roles: string[]; metadata: string }> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  const pages: string[] = [];
  const roles: string[] = [];
  const collect = (node: { role?: string; children?: unknown[] } | null): void => {
    if (!node) return;
    if (node.role) roles.push(node.role);
    for (const child of node.children ?? []) collect(child as typeof node);
  };
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
    collect(await page.getStructTree());
  }
  const metadata = (await pdf.getMetadata()).metadata?.getRaw() ?? '';
  await pdf.destroy();
  return { pages, roles, metadata: String(metadata) };
}

for (const store of ['files', 'PostgreSQL'] as const) {
  describe(`clerks’ inbox: filters, and a submission as a PDF (${store})`, { skip: store === 'PostgreSQL' && POSTGRES_SKIPPED }, () => {
    let server: Awaited<ReturnType<typeof startServerWithSignIn>>;
    let chromium: Browser;
    let clerk: Page;
    let database: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
    /** A declaration nobody wrote about; one in progress; an application whose hearing the citizen answered. */
    const cases = { fresh: '', inProgress: '', answered: '' };

    async function submit(sent: Record<string, unknown>): Promise<{ reference: string; accessCode: string }> {
      const response = await postJson(server.base, sent);
      assert.equal(response.status, 201);
      return response.json();
    }

    async function officeSends(reference: string, type: string, data: unknown): Promise<{ id: string }> {
      const { status, json } = await clerkFetch(clerk, `/clerks/cases/${reference}/messages`, { id: crypto.randomUUID(), type, data });
      assert.equal(status, 201, JSON.stringify(json));
      return json;
    }

    async function citizenAnswers({ reference, accessCode }: { reference: string; accessCode: string }, hearing: string): Promise<void> {
      const access = await fetch(`${server.base}/api/cases/access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reference, accessCode }),
      });
      const { token } = await access.json();
      const response = await fetch(`${server.base}/api/cases/${reference}/answers`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({
          id: crypto.randomUUID(),
          caseReference: reference,
          createdAt: new Date().toISOString(),
          from: 'citizen',
          type: 'anhoerungsantwort',
          data: {
            anhoerung: hearing,
            aeusserung: 'Ich habe seit November eine feste Stelle.',
          },
        }),
      });
      assert.equal(response.status, 201, await response.clone().text());
    }

    async function listed(query: string): Promise<string[]> {
      const { status, json } = await clerkFetch(clerk, `/api/submissions${query}`);
      assert.equal(status, 200, query);
      return json.map((entry: { reference: string }) => entry.reference).sort();
    }

    before(async () => {
      database = store === 'PostgreSQL' ? await scratchDatabase() : undefined;
      server = await startServerWithSignIn({ databaseUrl: database?.url });
      chromium = await puppeteer.launch({
        executablePath: chromePath(),
        headless: true,
        args: chromeArgs,
      });
      clerk = await chromium.newPage();
      await clerkSignsIn(clerk, server.base);
      cases.fresh = (await submit(envelope())).reference;
      cases.inProgress = (await submit(envelope())).reference;
      await officeSends(cases.inProgress, 'statusaenderung', {
        status: 'in-bearbeitung',
      });
      const application = await submit(residencePermitEnvelope());
      cases.answered = application.reference;
      const hearing = await officeSends(cases.answered, 'anhoerung', {
        gegenstand: 'Die Behörde beabsichtigt, den Antrag abzulehnen.',
        frist: '2026-12-31',
        rechtsgrundlage: '§ 28 Abs. 1 VwVfG',
      });
      await citizenAnswers(application, hearing.id);
    });

    /** The signed-in clerk's session, for requests from here. */
    async function session(): Promise<string> {
      return (await clerk.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    }

    after(async () => {
      await chromium?.close();
      await server?.close();
      await database?.drop();
    });

    it('lists each case with its stage and whether the citizen answered last', async () => {
      const { json: list } = await clerkFetch(clerk, '/api/submissions');
      const byReference = Object.fromEntries(list.map((entry: { reference: string }) => [entry.reference, entry]));
      assert.deepEqual(
        [cases.fresh, cases.inProgress, cases.answered].map((reference) => [byReference[reference].status, byReference[reference].newAnswer]),
        [
          ['eingegangen', false],
          ['in-bearbeitung', false],
          ['eingegangen', true],
        ],
      );
    });

    it('narrows the list by stage, service and new answers, each filter and together', async () => {
      const sorted = (...references: string[]) => references.sort();
      assert.deepEqual(await listed(''), sorted(cases.fresh, cases.inProgress, cases.answered));
      assert.deepEqual(await listed('?status=in-bearbeitung'), [cases.inProgress]);
      assert.deepEqual(await listed('?status=eingegangen'), sorted(cases.fresh, cases.answered));
      assert.deepEqual(await listed('?service=aufenthaltstitel'), [cases.answered]);
      assert.deepEqual(await listed('?service=verpflichtungserklaerung'), sorted(cases.fresh, cases.inProgress));
      assert.deepEqual(await listed('?answer=new'), [cases.answered]);
      assert.deepEqual(await listed('?status=eingegangen&service=verpflichtungserklaerung'), [cases.fresh]);
      assert.deepEqual(await listed('?status=abgeschlossen'), []);
      assert.deepEqual(
        await listed('?status=&service=&answer='),
        sorted(cases.fresh, cases.inProgress, cases.answered),
        'empty filters, as a form sends them',
      );
    });

    it('refuses a stage the return channel does not have', async () => {
      for (const query of ['?status=erledigt', '?answer=old']) {
        const { status, json } = await clerkFetch(clerk, `/api/submissions${query}`);
        assert.equal(status, 400, query);
        assert.equal(json.code, 'invalid-filter');
      }
    });

    it('filters by the form, keeps the filters in the address over a reload, and says how many match', async () => {
      const page = clerk;
      const shownReferences = () => page.$$eval('#inbox-rows tr a', (links) => links.map((a) => a.textContent!).sort());
      const announced = () => page.$eval('#inbox-status', (status) => status.textContent);

      await page.goto(`${server.base}/inbox.html?status=in-bearbeitung`);
      await page.waitForFunction(() => document.getElementById('inbox-status')!.textContent!.includes('Filter'));
      assert.deepEqual(await shownReferences(), [cases.inProgress]);
      assert.equal(await announced(), 'Ein Antrag entspricht dem Filter.');
      assert.equal(await page.$eval('#filter-status', (select) => (select as HTMLSelectElement).value), 'in-bearbeitung');
      assert.equal(await page.$eval('#inbox-rows tr td:last-child', (cell) => cell.textContent), 'In Bearbeitung');

      await page.select('#filter-status', '');
      await page.select('#filter-service', 'aufenthaltstitel');
      await page.click('#filter-answer');
      await page.click('#filter button[type="submit"]');
      await page.waitForFunction(
        (ref) => [...document.querySelectorAll('#inbox-rows a')].map((a) => a.textContent).join() === ref,
        {},
        cases.answered,
      );
      assert.equal(await page.evaluate(() => location.search), '?service=aufenthaltstitel&answer=new');
      assert.equal(await announced(), 'Ein Antrag entspricht dem Filter.');
      assert.equal(await page.$eval('#inbox-rows tr td:last-child', (cell) => cell.textContent), 'EingegangenNeue Antwort');
      const link = await page.$eval('#inbox-rows a', (a) => a.getAttribute('href'));
      assert.equal(link, `?service=aufenthaltstitel&answer=new&vorgang=${cases.answered}`, 'opening a case keeps the filters');

      await page.reload();
      await page.waitForFunction(() => document.getElementById('inbox-status')!.textContent!.includes('Filter'));
      assert.deepEqual(await shownReferences(), [cases.answered]);
      assert.equal(await page.$eval('#filter-service', (select) => (select as HTMLSelectElement).value), 'aufenthaltstitel');
      assert.equal(await page.$eval('#filter-answer', (box) => (box as HTMLInputElement).checked), true);

      await page.select('#filter-service', 'verpflichtungserklaerung');
      await page.click('#filter-answer');
      await page.select('#filter-status', 'abgeschlossen');
      await page.click('#filter button[type="submit"]');
      await page.waitForFunction(() => document.getElementById('inbox-status')!.textContent === 'Kein Antrag entspricht dem Filter.');
      assert.equal(await page.$eval('#inbox-list', (list) => (list as HTMLElement).hidden), true);

      await page.goBack();
      await page.waitForFunction(
        (ref) => [...document.querySelectorAll('#inbox-rows a')].map((a) => a.textContent).join() === ref,
        {},
        cases.answered,
      );
      assert.equal(await page.$eval('#filter-answer', (box) => (box as HTMLInputElement).checked), true, 'back restores the earlier filters');

      // A stage the receiver does not know (an old bookmark): its reason, and the form to choose another.
      await page.goto(`${server.base}/inbox.html?status=erledigt`);
      await page.waitForFunction(() => document.getElementById('inbox-status')!.textContent!.startsWith('Nach diesem Stand'));
      assert.equal(await page.$eval('#filter', (form) => (form as HTMLElement).hidden), false);

      // A case the filters hide stays open, with the PDF for the file beside the JSON download.
      await page.goto(`${server.base}/inbox.html?status=abgeschlossen&vorgang=${cases.fresh}`);
      await page.waitForFunction((ref) => document.getElementById('detail-heading')?.textContent === `Vorgang ${ref}` && !document.getElementById('detail')!.hidden, {}, cases.fresh);
      const pdfLink = await page.$eval('#detail-pdf', (a) => [a.textContent, a.getAttribute('href')]);
      assert.deepEqual(pdfLink, ['Als PDF für die Akte herunterladen', `/api/submissions/${cases.fresh}/pdf`]);
      const fetched = await page.evaluate(async (href) => {
        const response = await fetch(href);
        return { status: response.status, type: response.headers.get('content-type') };
      }, pdfLink[1]!);
      assert.deepEqual(fetched, { status: 200, type: 'application/pdf' });

      // axe on the page as a clerk uses it: the filters, the list and a case open.
      await page.setBypassCSP(true);
      await page.reload();
      await page.waitForFunction((ref) => document.getElementById('detail-heading')?.textContent === `Vorgang ${ref}` && document.querySelector('#request-purposes input') !== null, {}, cases.fresh);
      await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const { violations } = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, []);
    });

    it('gives a submission as a tagged PDF for the file: reference, time of receipt in Berlin, the readable view', async () => {
      const data = validData() as Record<string, any>;
      // Names in the form are in Latin letters (DIN 91379); free text, the address abroad and file names are not.
      data.erklaerender.person.beruf = 'Медсестра';
      data.gast.anschrift.strasse = 'شارع بغداد';
      data.gast.anschrift.ort = 'دمشق';
      const sent = envelope({ data, createdAt: '2026-12-03T08:00:00Z' });
      const passport = { ...pdfAttachment(PDF, 'Reisepass Шевченко.pdf'), zweck: 'reisepass' };
      sent.attachments = [passport];
      const created = await postMultipart(server.base, sent, { [passport.id]: new Blob([PDF], { type: 'application/pdf' }) });
      assert.equal(created.status, 201, await created.clone().text());
      const { reference, receivedAt } = await created.json();

      const response = await fetch(`${server.base}/api/submissions/${reference}/pdf`, { headers: { Cookie: await session() } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.equal(response.headers.get('content-disposition'), `attachment; filename="${reference}.pdf"`);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const { pages, roles, metadata } = await readPdf(new Uint8Array(await response.arrayBuffer()));
      const text = pages.join(' ');

      assert.match(pages[0]!, new RegExp(`^Vorgang ${reference} `));
    assert.ok(pages.length > 1);
    pages.forEach((page, index) => assert.ok(page.includes(`Vorgang ${reference} · Seite ${index + 1} von ${pages.length}`), `page ${index + 1}’s footer`));
      const berlin = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
        new Date(receivedAt),
      );
      assert.ok(text.includes(`Eingegangen am: ${berlin} Uhr (Europe/Berlin)`), 'the time of receipt in the office’s zone');
      assert.ok(text.includes('Leistung: Verpflichtungserklärung'));
      // The form's own step titles, labels and names of options and code-list values, not keys and codes.
      for (const expected of [
        'Angaben zu Ihrer Person',
        'Familienname: Becker',
        'Beruf: Медсестра',
        'Geburtsdatum: 17. Mai 1984',
        'Art des Dokuments: Nationaler Personalausweis',
      ]) {
        assert.ok(text.includes(expected), `${expected} in ${text}`);
      }
      for (const word of ['شارع', 'بغداد', 'دمشق']) assert.ok(text.includes(word), `the guest’s address in Arabic: ${word}`);
      assert.ok(text.includes('Reisepass (Seite mit Lichtbild): Reisepass Шевченко.pdf (PDF, 1 KB)'), 'the file under its purpose');
      assert.ok(!text.includes('listURI') && !text.includes('urn:de:'), 'no code-list keys');

      assert.ok(roles.includes('H1') && roles.includes('H2') && roles.includes('P'), 'headings and paragraphs in the structure tree');
      assert.match(metadata, /<pdfaid:part>2<\/pdfaid:part>/);
      assert.match(metadata, /<pdfaid:conformance>A<\/pdfaid:conformance>/);
    });

    it('refuses the PDF of an unknown reference', async () => {
      for (const reference of ['VE-2026-ZZZZZZ', 'nonsense']) {
        const response = await fetch(`${server.base}/api/submissions/${reference}/pdf`, { headers: { Cookie: await session() } });
        assert.equal(response.status, 404, reference);
        assert.equal((await response.json()).code, 'not-found');
      }
    });
  });
}

describe('the PDF for the file', () => {
  it('names the identity the portal established and the online payment', async () => {
    const data = validData() as Record<string, any>;
    data.authentifizierung = { vertrauensniveau: 'hoch', quelle: 'DeutschlandID', token: 'eyJ…', angaben: ['/erklaerender/person/familienname'] };
    const readable = (await readableSubmission('verpflichtungserklaerung', data))!;
    const pdf = await submissionPdf({
      reference: 'VE-2026-ABC234',
      service: 'verpflichtungserklaerung',
      receivedAt: '2026-07-01T22:30:00Z',
      status: 'in-bearbeitung',
      envelope: { id: crypto.randomUUID(), authority: '09999000', locale: 'de', schemaVersion: '1.0.0', data },
      readable,
      attachments: { submitted: [], supplied: [{ dateiname: 'Nachweis.pdf', mimeType: 'application/pdf', groesse: 2048, zweck: 'reisepass' }] },
      payment: {
        reference: 'VE-2026-ABC234',
        submissionId: 'x',
        amount: 29,
        attempts: [
          {
            requestId: 'r',
            createdAt: '2026-07-01T22:31:00Z',
            transactionId: 't-1',
            redirectUrl: undefined,
            paymentInformation: {
              transactionId: 't-1',
              transactionReference: 'VE-2026-ABC234',
              paymentMethod: 'CREDITCARD',
              status: 'BOOKED',
              grossAmount: 29,
            },
          },
        ],
      },
    });
    const text = (await readPdf(new Uint8Array(pdf))).pages.join(' ');
    assert.ok(text.includes('Eingegangen am: 2. Juli 2026 um 00:30 Uhr (Europe/Berlin)'), 'summer time: UTC+2, the next day');
    assert.ok(text.includes('Stand: In Bearbeitung'));
    for (const expected of ['Festgestellt durch das Portal: DeutschlandID', 'Vertrauensniveau: hoch', 'Aus der Identität übernommen: Familienname']) {
      assert.ok(text.includes(expected), expected);
    }
    assert.ok(!text.includes('eyJ'), 'not the token');
    for (const expected of ['Gebühr: 29,00 €', 'Stand der Zahlung: bezahlt', 'Zahlungsart: CREDITCARD', 'Transaktionskennung: t-1']) {
      assert.ok(text.includes(expected), expected);
    }
    assert.ok(text.includes('Später nachgereicht Reisepass (Seite mit Lichtbild): Nachweis.pdf (PDF, 2 KB)'));
  });

  it('puts right-to-left words in reading order, and leaves other text as it is', () => {
    assert.equal(visualOrder('Олена Шевченко'), 'Олена Шевченко');
    assert.equal(visualOrder('محمد العلي'), 'العلي\u00a0محمد');
    assert.equal(visualOrder('شارع 5'), '5\u00a0شارع');
    assert.equal(visualOrder('Herr محمد العلي aus Damaskus'), 'Herr\u00a0العلي\u00a0محمد\u00a0aus\u00a0Damaskus');
  });
});
