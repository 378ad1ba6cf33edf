/**
 * The return channel over real HTTP (issue 11): the access code handed out once with the receipt, the case token
 * it opens, and who is refused — a wrong code, another citizen's reference, a token after sign-out or expiry,
 * too many guesses — plus the office's messages and the citizen's answers, checked against the schema.
 * Runs on the file store and, where DATABASE_URL is set, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_CODE_BITS } from '../cases.js';
import { mailLog } from '../notices.js';
import { PDF, POSTGRES_SKIPPED, envelope, pdfAttachment, postJson, scratchDatabase, startServer, type TestServer } from './helpers.js';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/;

interface Case {
  reference: string;
  accessCode: string;
}

/** Where a server stores: a fresh database (dropped by `drop`) or the file store in the server's own folder. */
const backends = [
  { name: 'file store', skip: false as const, database: async () => ({ url: undefined, drop: async () => {} }) },
  { name: 'PostgreSQL store', skip: POSTGRES_SKIPPED, database: scratchDatabase },
];

for (const backend of backends) {
  describe(`the citizen's case (${backend.name})`, { skip: backend.skip }, () => {
    let server: TestServer;
    /**
     * The server's clock: tests move it instead of waiting. It starts at the real time, and only moves forward:
     * PostgreSQL clears tokens that expired by its own clock.
     */
    let clock = Date.now();

    let drop: () => Promise<void>;
    let mailFile: string;
    const mails = (): { to: string; subject: string; text: string }[] =>
      existsSync(mailFile) ? readFileSync(mailFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];

    before(async () => {
      const database = await backend.database();
      drop = database.drop;
      mailFile = join(mkdtempSync(join(tmpdir(), 'efa-mail-')), 'mail.log');
      server = await startServer({
        databaseUrl: database.url,
        cases: {
          tokenMinutes: 30,
          attemptsPerReference: 5,
          attemptsPerClient: 1000,
          windowMinutes: 15,
          now: () => clock,
          notices: mailLog(mailFile, 'https://www.musterstadt.de/mein-antrag'),
        },
      });
    });
    after(async () => {
      await server.close();
      await drop();
    });

    async function submit(): Promise<Case> {
      const response = await postJson(server.base, envelope());
      assert.equal(response.status, 201);
      return response.json();
    }

    function access(reference: string, accessCode: unknown, headers: Record<string, string> = {}): Promise<Response> {
      return fetch(`${server.base}/api/cases/access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ reference, accessCode }),
      });
    }

    async function tokenFor({ reference, accessCode }: Case): Promise<string> {
      const response = await access(reference, accessCode);
      assert.equal(response.status, 201);
      return (await response.json()).token;
    }

    function messages(reference: string, token: string): Promise<Response> {
      return fetch(`${server.base}/api/cases/${reference}/messages`, { headers: { Authorization: `Bearer ${token}` } });
    }

    function answer(reference: string, token: string, message: unknown): Promise<Response> {
      return fetch(`${server.base}/api/cases/${reference}/answers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(message),
      });
    }

    /** The office's message through the clerks' API (open for tests here; access is tested in clerks.test.ts). */
    async function officeSends(reference: string, type: string, data: unknown): Promise<Record<string, any>> {
      const response = await fetch(`${server.base}/clerks/cases/${reference}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: crypto.randomUUID(), type, data }),
      });
      assert.equal(response.status, 201, await response.clone().text());
      return response.json();
    }

    it('hands out a typeable access code of at least 100 bits with the receipt, and a new one to a resend', async () => {
      assert.ok(ACCESS_CODE_BITS >= 100);
      const sent = envelope();
      const first = await (await postJson(server.base, sent)).json();
      assert.match(first.accessCode, CODE);
      const again = await postJson(server.base, sent);
      assert.equal(again.status, 200);
      const resent = await again.json();
      assert.deepEqual(Object.keys(resent).sort(), ['accessCode', 'receivedAt', 'reference']);
      assert.match(resent.accessCode, CODE);
      assert.equal((await access(first.reference, first.accessCode)).status, 403, 'the first code no longer opens the case');
      assert.equal((await access(first.reference, resent.accessCode)).status, 201, 'the new one does');
      const other = await submit();
      assert.notEqual(other.accessCode, first.accessCode);
      const stored = await server.app.store.accessHash(first.reference);
      assert.match(stored ?? '', /^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/, 'only a salted scrypt hash is stored');
      assert.ok(!stored!.includes(first.accessCode.replaceAll('-', '').slice(0, 8)));
    });

    it('opens the case with reference and code, also typed in lower case without dashes and with O for 0', async () => {
      const own = await submit();
      const typed = own.accessCode.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
      const response = await access(own.reference.toLowerCase(), typed);
      assert.equal(response.status, 201);
      const { reference, token, expiresAt } = await response.json();
      assert.equal(reference, own.reference);
      assert.equal(expiresAt, new Date(clock + 30 * 60_000).toISOString());
      const read = await messages(own.reference, token);
      assert.equal(read.status, 200);
      assert.deepEqual(await read.json(), { reference: own.reference, status: 'eingegangen', messages: [], notices: { offered: true } });
    });

    it('answers a wrong code and an unknown reference alike, in German, and gives no token', async () => {
      const own = await submit();
      const wrongCode = await access(own.reference, own.accessCode.replace(/^./, (c) => (c === '7' ? '8' : '7')));
      const unknown = await access('VE-2026-ZZZZZZ', own.accessCode);
      const garbage = await access(own.reference, { not: 'a code' });
      assert.equal(wrongCode.status, 403);
      const body = await wrongCode.json();
      assert.equal(body.code, 'access-denied');
      assert.match(body.message, /Zugangscode/);
      assert.equal(unknown.status, 403);
      assert.deepEqual(await unknown.json(), body);
      assert.equal(garbage.status, 403);
      assert.deepEqual(await garbage.json(), body);
    });

    it('does not open another citizen’s case with one’s own code or one’s own token', async () => {
      const mine = await submit();
      const theirs = await submit();
      assert.equal((await access(theirs.reference, mine.accessCode)).status, 403);
      const token = await tokenFor(mine);
      const read = await messages(theirs.reference, token);
      assert.equal(read.status, 401);
      assert.equal((await read.json()).code, 'case-token-invalid');
      assert.equal((await answer(theirs.reference, token, {})).status, 401);
      assert.equal((await messages(mine.reference, 'x'.repeat(43))).status, 401, 'a made-up token');
      assert.equal((await fetch(`${server.base}/api/cases/${mine.reference}/messages`)).status, 401, 'no token');
    });

    it('refuses a token replayed after signing out, and one that has expired', async () => {
      const own = await submit();
      const token = await tokenFor(own);
      const signOut = await fetch(`${server.base}/api/cases/token`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      assert.equal(signOut.status, 204);
      assert.equal((await messages(own.reference, token)).status, 401);

      const later = await tokenFor(own);
      assert.equal((await messages(own.reference, later)).status, 200);
      clock += 30 * 60_000;
      assert.equal((await messages(own.reference, later)).status, 401);
    });

    it('tells a citizen who left an address that the office wrote, without a word of the case, until withdrawn', async () => {
      const own = await submit();
      const token = await tokenFor(own);
      const notices = (method: string, body?: unknown, bearer = token) =>
        fetch(`${server.base}/api/cases/${own.reference}/notices`, {
          method,
          headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      assert.deepEqual((await (await messages(own.reference, token)).json()).notices, { offered: true });
      assert.equal((await notices('PUT', { address: 'keine adresse' })).status, 422);
      const other = await tokenFor(await submit());
      assert.equal((await notices('PUT', { address: 'anna@example.org' }, other)).status, 401, 'not with another case’s token');
      assert.equal((await notices('PUT', { address: ' anna@example.org ' })).status, 204);
      assert.deepEqual((await (await messages(own.reference, token)).json()).notices, { offered: true, address: 'anna@example.org' });

      const before = mails().length;
      await officeSends(own.reference, 'statusaenderung', { status: 'in-bearbeitung', hinweis: 'Geheimer Hinweis' });
      const sent = mails().slice(before);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.to, 'anna@example.org');
      assert.match(sent[0]!.text, /https:\/\/www\.musterstadt\.de\/mein-antrag/);
      for (const secret of [own.reference, 'Geheimer Hinweis', 'in-bearbeitung', 'Becker']) assert.ok(!JSON.stringify(sent[0]).includes(secret), `no "${secret}" in the notice`);

      assert.equal((await notices('DELETE')).status, 204);
      await officeSends(own.reference, 'statusaenderung', { status: 'abgeschlossen' });
      assert.equal(mails().length, before + 1, 'no notice once withdrawn');
    });

    it('limits guesses per reference, also when the right code comes after them, and says when to try again', async () => {
      const own = await submit();
      for (let i = 0; i < 5; i += 1) assert.equal((await access(own.reference, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA')).status, 403);
      const limited = await access(own.reference, own.accessCode);
      assert.equal(limited.status, 429);
      assert.equal((await limited.json()).code, 'rate-limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      const other = await submit();
      assert.equal((await access(other.reference, other.accessCode)).status, 201, 'another reference is not limited');
      clock += 15 * 60_000;
      assert.equal((await access(own.reference, own.accessCode)).status, 201, 'the next window');
    });

    it('takes an answer to an office message once, and refuses one the schema or the case does not allow', async () => {
      const own = await submit();
      const token = await tokenFor(own);
      const hearing = await officeSends(own.reference, 'anhoerung', {
        gegenstand: 'Die Behörde beabsichtigt, den Antrag abzulehnen.',
        frist: '2026-12-31',
        rechtsgrundlage: '§ 28 Abs. 1 VwVfG',
      });
      const reply = {
        id: crypto.randomUUID(),
        caseReference: own.reference,
        createdAt: new Date(clock).toISOString(),
        from: 'citizen',
        type: 'anhoerungsantwort',
        data: { anhoerung: hearing.id, aeusserung: 'Ich habe seit November eine feste Stelle.' },
      };
      const tooLong = await answer(own.reference, token, { ...reply, data: { ...reply.data, aeusserung: 'x'.repeat(10_001) } });
      assert.equal(tooLong.status, 422);
      assert.deepEqual((await tooLong.json()).errors[0], { instancePath: '/data/aeusserung', keyword: 'maxLength', params: { limit: 10000 } });
      const asOffice = await answer(own.reference, token, { ...reply, from: 'office' });
      assert.equal(asOffice.status, 422);
      const unknownHearing = await answer(own.reference, token, { ...reply, data: { ...reply.data, anhoerung: crypto.randomUUID() } });
      assert.equal(unknownHearing.status, 422);
      assert.equal((await unknownHearing.json()).errors[0].instancePath, '/data/anhoerung');

      assert.equal((await answer(own.reference, token, reply)).status, 201);
      assert.equal((await answer(own.reference, token, reply)).status, 200, 'the same id again');
      const read = await (await messages(own.reference, token)).json();
      assert.deepEqual(read.messages.map((m: { type: string }) => m.type), ['anhoerung', 'anhoerungsantwort']);
    });

    it('takes requested documents as files checked like a submission’s, and an accepted slot only among those offered', async () => {
      const own = await submit();
      const token = await tokenFor(own);
      await officeSends(own.reference, 'statusaenderung', { status: 'unterlagen-fehlen' });
      const request = await officeSends(own.reference, 'unterlagenanforderung', { unterlagen: [{ zweck: 'reisepass' }], frist: '2026-12-20' });
      const file = pdfAttachment(PDF, 'Pass.pdf');
      const supplied = {
        id: crypto.randomUUID(),
        caseReference: own.reference,
        createdAt: new Date(clock).toISOString(),
        from: 'citizen',
        type: 'unterlagennachreichung',
        data: { anforderung: request.id, anlagen: [{ ...file, zweck: 'reisepass' }] },
      };
      const send = (bytes: Uint8Array<ArrayBuffer>) => {
        const form = new FormData();
        form.append('message', JSON.stringify(supplied));
        form.append(file.id, new Blob([bytes], { type: 'application/pdf' }), 'Pass.pdf');
        return fetch(`${server.base}/api/cases/${own.reference}/answers`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      };
      const html = new TextEncoder().encode('<html>'.padEnd(PDF.byteLength, ' '));
      const disguised = await send(html);
      assert.equal(disguised.status, 422);
      assert.deepEqual((await disguised.json()).errors[0].params, { id: file.id, problem: 'content', expected: 'application/pdf' });
      assert.equal((await send(PDF)).status, 201);

      const offer = await officeSends(own.reference, 'terminangebot', {
        termine: [{ id: crypto.randomUUID(), beginn: '2026-12-10T09:00:00+01:00', ende: '2026-12-10T09:30:00+01:00', ort: 'Raum 2.14' }],
      });
      const pick = (termin: string) => ({
        id: crypto.randomUUID(),
        caseReference: own.reference,
        createdAt: new Date(clock).toISOString(),
        from: 'citizen',
        type: 'terminantwort',
        data: { angebot: offer.id, antwort: 'angenommen', termin },
      });
      assert.equal((await answer(own.reference, token, pick(crypto.randomUUID()))).status, 422);
      assert.equal((await answer(own.reference, token, pick(offer.data.termine[0].id))).status, 201);

      const read = await (await messages(own.reference, token)).json();
      assert.equal(read.status, 'unterlagen-fehlen');
      const clerkView = await (await fetch(`${server.base}/clerks/cases/${own.reference}/messages`)).json();
      assert.deepEqual(clerkView.messages.map((m: { type: string }) => m.type), ['statusaenderung', 'unterlagenanforderung', 'unterlagennachreichung', 'terminangebot', 'terminantwort']);
      const stored = await fetch(`${server.base}/api/submissions/${own.reference}/attachments/${file.id}`);
      assert.equal(stored.status, 200);
      assert.deepEqual(new Uint8Array(await stored.arrayBuffer()), PDF);
    });

    it('refuses an office message the schema does not allow, and one for an unknown case', async () => {
      const own = await submit();
      const send = (reference: string, body: unknown) =>
        fetch(`${server.base}/clerks/cases/${reference}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const sixSlots = Array.from({ length: 6 }, () => ({ id: crypto.randomUUID(), beginn: '2026-12-10T09:00:00Z', ende: '2026-12-10T09:30:00Z', ort: 'Raum 1' }));
      const refused = await send(own.reference, { id: crypto.randomUUID(), type: 'terminangebot', data: { termine: sixSlots } });
      assert.equal(refused.status, 422);
      assert.equal((await refused.json()).errors[0].keyword, 'maxItems');
      const answerAsOffice = await send(own.reference, { id: crypto.randomUUID(), type: 'anhoerungsantwort', data: { anhoerung: crypto.randomUUID(), aeusserung: 'x' } });
      assert.equal(answerAsOffice.status, 422);
      const amountAsNumber = await send(own.reference, {
        id: crypto.randomUUID(),
        type: 'zahlungsaufforderung',
        data: { betrag: 29, zweck: 'Gebühr', faelligAm: '2026-12-17', zahlungslink: 'https://zahlung.example.de/x' },
      });
      assert.equal(amountAsNumber.status, 422);
      assert.equal((await send('VE-2026-ZZZZZZ', { id: crypto.randomUUID(), type: 'statusaenderung', data: { status: 'abgeschlossen' } })).status, 404);

      const closing = { id: crypto.randomUUID(), type: 'statusaenderung', data: { status: 'abgeschlossen' } };
      const first = await send(own.reference, closing);
      assert.equal(first.status, 201);
      const again = await send(own.reference, closing);
      assert.equal(again.status, 200, 'a resent office message is stored once');
      assert.deepEqual(await again.json(), await first.json());
    });
  });
}

describe('guessing from one client', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ cases: { tokenMinutes: 30, attemptsPerReference: 100, attemptsPerClient: 3, windowMinutes: 15, now: Date.now } });
  });
  after(() => server.close());

  it('is limited across references, so trying many references does not get round the limit per reference', async () => {
    const guess = (reference: string) =>
      fetch(`${server.base}/api/cases/access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reference, accessCode: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' }),
      });
    for (const reference of ['VE-2026-AAAAAA', 'VE-2026-BBBBBB', 'VE-2026-CCCCCC']) assert.equal((await guess(reference)).status, 403);
    const limited = await guess('VE-2026-DDDDDD');
    assert.equal(limited.status, 429);
    assert.match((await limited.json()).message, /Zu viele Versuche/);
  });
});
