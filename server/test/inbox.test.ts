/**
 * The clerks' inbox as a workspace (issue 11): the list filtered by a case's stage, its service and new answers
 * from the citizen, through the receiver's API and on the inbox page in Chromium (the filters in the address),
 * as a clerk signed in at the demo's identity provider. That nothing answers without a session is tested in
 * clerks.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_CLERKS } from '../../demo/idp.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { envelope, postJson, residencePermitEnvelope, startServerWithSignIn } from './helpers.js';

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

describe('inbox filters', () => {
  let server: Awaited<ReturnType<typeof startServerWithSignIn>>;
  let chromium: Browser;
  let clerk: Page;
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
    server = await startServerWithSignIn();
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

  after(async () => {
    await chromium?.close();
    await server?.close();
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
    await page.waitForFunction((ref) => [...document.querySelectorAll('#inbox-rows a')].map((a) => a.textContent).join() === ref, {}, cases.answered);
    assert.equal(new URL(page.url()).search, '?service=aufenthaltstitel&answer=new');
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
    await page.waitForFunction((ref) => [...document.querySelectorAll('#inbox-rows a')].map((a) => a.textContent).join() === ref, {}, cases.answered);
    assert.equal(await page.$eval('#filter-answer', (box) => (box as HTMLInputElement).checked), true, 'back restores the earlier filters');
  });
});
