/**
 * The receiver's check of an authenticated identity (identity.ts, issue 10) with real signed tokens: the portal's
 * ES256 key published as a JWKS by a server of its own, a receiver that takes that portal's tokens, and envelopes
 * of the eID Verpflichtungserklärung whose `authentifizierung` carries the token. Each refusal is a 403 problem
 * with its reason, stores nothing, and is logged without the person's data. Then the same person opening their
 * cases later with a fresh token from the portal (on both stores), and everyone else refused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import type { IdentityAttributes } from '../../src/services/common/identity.js';
import { fitConnectAdapter } from '../../src/adapters/fit-connect.js';
import type { Submission } from '../../src/adapters/adapter.js';
import { verpflichtungserklaerung } from '../../src/services/verpflichtungserklaerung/spec.js';
import { IDENTITY_PROBLEM, type IdentityIssuer } from '../identity.js';
import { POSTGRES_SKIPPED, envelope, postJson, residencePermitEnvelope, root, scratchDatabase, startServer, type TestServer } from './helpers.js';

const ISSUER = 'https://portal.musterstadt.example';
const AUDIENCE = 'https://antrag.musterstadt.example/api/submissions';
const KID = 'portal-2026';

/** The eID fixture's declaring person, as the portal's login stated it. */
const ANGABEN: IdentityAttributes = {
  vornamen: 'Katarzyna',
  familienname: 'Nowak',
  geburtsname: 'Wiśniewska',
  geburtsdatum: '1988-10-05',
  geburtsort: 'Wrocław',
  staatsangehoerigkeit: '152',
  anschrift: { strasse: 'Karl-Liebknecht-Straße', hausnummer: '77', postleitzahl: '04275', ort: 'Leipzig' },
  postfachHandle: '3f2c8e1a-7b4d-4e9f-a6c2-5d8b1e0f9a37',
};

function eidData(): Record<string, any> {
  return JSON.parse(readFileSync(join(root, 'test/fixtures/verpflichtungserklaerung/valid/eid.json'), 'utf8'));
}

/** An eID envelope whose `authentifizierung` carries `token`; `change` edits its data afterwards. */
function eidEnvelope(token: (id: string) => Promise<string>, change: (data: Record<string, any>) => void = () => {}) {
  return async () => {
    const env = envelope({ data: eidData() });
    env.data.authentifizierung = { ...env.data.authentifizierung, vertrauensniveau: 'hoch', token: await token(env.id) };
    change(env.data);
    return env;
  };
}

let portalKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: Server;
let jwksUrl: string;

/** A token as the portal signs it for submission `id`; `claims` and `key` change what a test needs. */
function token(id: string, claims: JWTPayload = {}, key: CryptoKey = portalKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'citizen-1',
    iat: now,
    exp: now + 600,
    nonce: id,
    vertrauensniveau: 'hoch',
    quelle: 'DeutschlandID',
    angaben: ANGABEN,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' })
    .sign(key);
}

/** The server's log lines, as pino writes them. */
function logCapture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

before(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  portalKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const published = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'ES256', use: 'sig' }] });
  jwks = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(published));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
});

after(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

describe('receiver: authenticated identity', () => {
  let server: TestServer;
  const log = logCapture();

  before(async () => {
    const identityIssuer: IdentityIssuer = { issuer: ISSUER, jwksUrl, audience: AUDIENCE };
    server = await startServer({ identityIssuer, fitConnectDemo: true, logger: { level: 'warn', stream: log.stream } });
  });
  after(() => server.close());

  /** Posts the envelope; asserts the refusal's shape, that nothing was stored, and answers the problem. */
  async function refused(make: () => Promise<Record<string, any>>) {
    const env = await make();
    const response = await postJson(server.base, env);
    assert.equal(response.status, 403);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = await response.json();
    assert.equal(problem.type, IDENTITY_PROBLEM);
    assert.match(problem.title, /\w+ \w+/);
    assert.equal(await server.app.store.find(env.id), undefined, 'nothing is stored');
    return problem;
  }

  it('takes a valid token for its submission, and a resend of it as the same submission, also where its token would no longer be taken', async () => {
    const env = await eidEnvelope((id) => token(id))();
    const first = await postJson(server.base, env);
    assert.equal(first.status, 201);
    const { reference } = await first.json();
    const again = await postJson(server.base, env);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).reference, reference);
    // The same store behind a receiver that takes no identity at all: the stored submission is answered from the store.
    const unconfigured = await startServer({ dataDir: server.dataDir });
    try {
      const resent = await postJson(unconfigured.base, env);
      assert.equal(resent.status, 200);
      assert.equal((await resent.json()).reference, reference);
    } finally {
      await unconfigured.close();
    }
  });

  it('checks an identity that came through FIT-Connect the same way: the subscriber stores it only when it holds', async () => {
    const relay = `${server.base}/api/fit-connect`;
    const trust = { anchors: [await (await fetch(`${relay}/demo-trust-anchor`)).text()] };
    const send = async (env: Record<string, any>) => {
      // The destination takes Fachdaten of the service's current schema version only.
      const current = { ...env, schemaVersion: verpflichtungserklaerung.definition.schemaVersion } as Submission;
      const receipt = await fitConnectAdapter({ relay, trust }).submit(current, { files: new Map() });
      return (await fetch(`${relay}/demo-cases/${receipt.reference}`)).json() as Promise<{ reference?: string; problems: string[] }>;
    };
    const forged = await eidEnvelope((id) => token(id, {}, otherKey))();
    const refused = await send(forged);
    assert.equal(refused.reference, undefined);
    assert.ok(refused.problems.some((problem) => problem.includes('unverifiable') || problem.includes('403')), refused.problems.join('; '));
    assert.equal(await server.app.store.find(forged.id), undefined);
    const taken = await send(await eidEnvelope((id) => token(id))());
    assert.match(taken.reference ?? '', /^VE-/, taken.problems.join('; '));
  });

  it('refuses a token signed with another key (forged signature)', async () => {
    const problem = await refused(eidEnvelope((id) => token(id, {}, otherKey)));
    assert.equal(problem.reason, 'unverifiable');
  });

  it('refuses a token for another audience, and one of another issuer', async () => {
    assert.equal((await refused(eidEnvelope((id) => token(id, { aud: 'https://other-receiver.example' })))).reason, 'unverifiable');
    assert.equal((await refused(eidEnvelope((id) => token(id, { iss: 'https://other-portal.example' })))).reason, 'unverifiable');
  });

  it('refuses an expired token, and one that would live longer than 15 minutes', async () => {
    const now = Math.floor(Date.now() / 1000);
    assert.equal((await refused(eidEnvelope((id) => token(id, { iat: now - 1200, exp: now - 600 })))).reason, 'expired');
    assert.equal((await refused(eidEnvelope((id) => token(id, { iat: now, exp: now + 16 * 60 })))).reason, 'unverifiable');
  });

  it('refuses a token replayed for another submission (nonce)', async () => {
    const problem = await refused(eidEnvelope(() => token(crypto.randomUUID())));
    assert.equal(problem.reason, 'wrong-submission');
  });

  it('refuses a token whose level is not the one the submission records', async () => {
    const problem = await refused(eidEnvelope((id) => token(id, { vertrauensniveau: 'substanziell' })));
    assert.equal(problem.reason, 'level');
  });

  it('refuses changed authenticated answers and names them, nationality by its code', async () => {
    const problem = await refused(
      eidEnvelope(
        (id) => token(id),
        (data) => {
          data.erklaerender.person.familienname = 'Kowalska';
          data.erklaerender.person.staatsangehoerigkeiten[0].code = '000';
        },
      ),
    );
    assert.equal(problem.reason, 'changed');
    assert.deepEqual(problem.fields, ['/erklaerender/person/familienname', '/erklaerender/person/staatsangehoerigkeiten/0']);
  });

  describe('residence permit', () => {
    /** The Blue Card fixture's applicant, as the portal's login stated it (an eAT's online ID function). */
    const APPLICANT: IdentityAttributes = {
      vornamen: 'Arjun',
      familienname: 'Raghunathan',
      geburtsdatum: '1991-11-04',
      geburtsort: 'Chennai',
      staatsangehoerigkeit: '436',
      anschrift: { strasse: 'Landsberger Straße', hausnummer: '110', postleitzahl: '80339', ort: 'München' },
    };
    const FILLED = [
      '/person/vornamen',
      '/person/familienname',
      '/person/geburtsdatum',
      '/person/geburtsort',
      '/person/staatsangehoerigkeiten/0',
      '/anschrift/strasse',
      '/anschrift/hausnummer',
      '/anschrift/postleitzahl',
      '/anschrift/ort',
    ];
    /** An application whose `authentifizierung` carries the applicant's token; `change` edits its data afterwards. */
    async function application(angaben: IdentityAttributes, change: (data: Record<string, any>) => void = () => {}) {
      const env = residencePermitEnvelope();
      env.data.authentifizierung = { vertrauensniveau: 'hoch', token: await token(env.id, { angaben }), quelle: 'DeutschlandID', angaben: FILLED };
      change(env.data);
      return env;
    }

    it('takes the applicant’s authenticated answers as the token states them', async () => {
      const response = await postJson(server.base, await application(APPLICANT));
      assert.equal(response.status, 201, JSON.stringify(await response.clone().json()));
    });

    it('refuses a changed authenticated answer of the applicant and names it', async () => {
      const problem = await refused(() =>
        application(APPLICANT, (data) => {
          data.person.familienname = 'Raghavan';
          data.anschrift.ort = 'Augsburg';
        }),
      );
      assert.equal(problem.reason, 'changed');
      assert.deepEqual(problem.fields, ['/person/familienname', '/anschrift/ort']);
    });

    it('compares nothing when a representative signed in: their identity is not the applicant’s', async () => {
      // A parent applies for their child of 17: the parent's identity (the eID declaration's person) fills nothing.
      const data = JSON.parse(readFileSync(join(root, 'test/fixtures/aufenthaltstitel/valid/ausbildung-minderjaehrig.json'), 'utf8'));
      data.person.geburtsdatum = `${new Date().getFullYear() - 17}-01-01`;
      const env = envelope({ service: 'aufenthaltstitel', schemaVersion: '2.0.0', data });
      env.data.authentifizierung = { vertrauensniveau: 'hoch', token: await token(env.id), angaben: [] };
      const response = await postJson(server.base, env);
      assert.equal(response.status, 201, JSON.stringify(await response.clone().json()));
    });
  });

  it('logs each refusal by reason, without the person’s data or the token', () => {
    const refusals = log.lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'identity refused');
    assert.deepEqual(new Set(refusals.map((entry) => entry.reason)), new Set(['unverifiable', 'expired', 'wrong-submission', 'level', 'changed']));
    const text = log.lines.join('\n');
    for (const personal of ['Nowak', 'Kowalska', 'Katarzyna', 'Leipzig', '1988-10-05', 'eyJ'])
      assert.ok(!text.includes(personal), `no "${personal}" in the log`);
  });
});

describe('receiver without a configured identity issuer', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('refuses a submission that carries an identity as unverifiable, and takes one without', async () => {
    const env = await eidEnvelope((id) => token(id))();
    const response = await postJson(server.base, env);
    assert.equal(response.status, 403);
    assert.equal((await response.json()).reason, 'unverifiable');
    assert.equal((await postJson(server.base, envelope())).status, 201);
  });
});

const backends = [
  { name: 'file store', skip: false as const, database: async () => ({ url: undefined, drop: async () => {} }) },
  { name: 'PostgreSQL store', skip: POSTGRES_SKIPPED, database: scratchDatabase },
];

for (const backend of backends) {
  describe(`opening one's cases with the identity (${backend.name})`, { skip: backend.skip }, () => {
    let server: TestServer;
    let drop: () => Promise<void>;
    const log = logCapture();

    before(async () => {
      const database = await backend.database();
      drop = database.drop;
      server = await startServer({
        databaseUrl: database.url,
        identityIssuer: { issuer: ISSUER, jwksUrl, audience: AUDIENCE },
        logger: { level: 'warn', stream: log.stream },
      });
    });
    after(async () => {
      await server.close();
      await drop();
    });

    /** Submits an eID declaration whose token names `sub`; answers the receipt. */
    async function submittedBy(sub: string): Promise<{ reference: string; accessCode: string }> {
      const response = await postJson(server.base, await eidEnvelope((id) => token(id, { sub }))());
      assert.equal(response.status, 201);
      return response.json();
    }

    /** Asks to open the cases with a token the portal signed for `nonce` (a fresh one unless given). */
    async function openWith(tokenFor: (nonce: string) => Promise<string>, nonce: string = crypto.randomUUID()): Promise<Response> {
      return fetch(`${server.base}/api/cases/identity-access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: await tokenFor(nonce), nonce }),
      });
    }

    const messagesOf = (reference: string, caseToken: string) =>
      fetch(`${server.base}/api/cases/${reference}/messages`, { headers: { Authorization: `Bearer ${caseToken}` } });

    it('opens exactly the cases submitted with the same verified subject, newest first, and nothing else', async () => {
      const sub = `anna-${crypto.randomUUID()}`;
      const first = await submittedBy(sub);
      const second = await submittedBy(sub);
      const someoneElse = await submittedBy(`ben-${crypto.randomUUID()}`);
      const withoutIdentity = await (await postJson(server.base, envelope())).json();

      const answer = await openWith((nonce) => token(nonce, { sub, vertrauensniveau: 'substanziell', angaben: {} }));
      assert.equal(answer.status, 201);
      const { cases } = await answer.json();
      assert.deepEqual(
        cases.map((c: { reference: string }) => c.reference),
        [second.reference, first.reference],
      );
      assert.deepEqual(Object.keys(cases[0]).sort(), ['expiresAt', 'receivedAt', 'reference', 'service', 'status', 'token']);
      assert.equal(cases[0].status, 'eingegangen');
      const read = await messagesOf(first.reference, cases[1].token);
      assert.equal(read.status, 200);
      assert.equal((await read.json()).reference, first.reference);
      // A case token opens its own case only: not another person's, not one sent without an identity.
      for (const other of [someoneElse.reference, withoutIdentity.reference, second.reference]) {
        assert.equal((await messagesOf(other, cases[1].token)).status, 401, other);
      }
    });

    it("gives another person's token none of these cases, and a token of a person without identified cases none at all", async () => {
      const mine = await submittedBy(`carla-${crypto.randomUUID()}`);
      const answer = await openWith((nonce) => token(nonce, { sub: `dora-${crypto.randomUUID()}` }));
      assert.equal(answer.status, 201);
      const { cases } = await answer.json();
      assert.deepEqual(cases, []);
      assert.ok(!JSON.stringify(cases).includes(mine.reference));
    });

    it('refuses a forged, expired, foreign-issuer or other-audience token, one for another nonce, and one used before', async () => {
      const sub = `emil-${crypto.randomUUID()}`;
      const mine = await submittedBy(sub);
      const now = Math.floor(Date.now() / 1000);
      const refusals: Array<[string, Promise<Response>]> = [
        ['forged', openWith((nonce) => token(nonce, { sub }, otherKey))],
        ['expired', openWith((nonce) => token(nonce, { sub, iat: now - 1200, exp: now - 600 }))],
        ['longer than 15 minutes', openWith((nonce) => token(nonce, { sub, iat: now, exp: now + 16 * 60 }))],
        ['another issuer', openWith((nonce) => token(nonce, { sub, iss: 'https://other-portal.example' }))],
        ['another audience', openWith((nonce) => token(nonce, { sub, aud: 'https://other-receiver.example' }))],
        ['another nonce', openWith(() => token(crypto.randomUUID(), { sub }))],
        ['no token', openWith(async () => 'not-a-token')],
      ];
      for (const [why, pending] of refusals) {
        const answer = await pending;
        assert.equal(answer.status, 403, why);
        const body = await answer.json();
        assert.equal(body.code, 'identity-refused', why);
        assert.ok(!JSON.stringify(body).includes(mine.reference), why);
      }

      const nonce = crypto.randomUUID();
      const once = await token(nonce, { sub });
      const first = await openWith(async () => once, nonce);
      assert.equal(first.status, 201);
      assert.deepEqual((await first.json()).cases.map((c: { reference: string }) => c.reference), [mine.reference]);
      const replayed = await openWith(async () => once, nonce);
      assert.equal(replayed.status, 403, 'a token read off a request opens nothing again');
      assert.equal((await replayed.json()).code, 'identity-refused');
      const logged = log.lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'identity refused for opening cases');
      assert.ok(logged.length >= refusals.length + 1);
      assert.ok(!log.lines.join('\n').includes('eyJ'), 'no token in the log');
    });

    it('keeps the subject, not the name, with the case', async () => {
      const sub = `frida-${crypto.randomUUID()}`;
      const { reference } = await submittedBy(sub);
      const entries = await server.app.store.casesOf(sub);
      assert.deepEqual(entries.map((entry) => entry.reference), [reference]);
      assert.deepEqual(await server.app.store.casesOf('Nowak'), []);
    });
  });
}
