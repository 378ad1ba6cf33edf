/**
 * The receiver over real HTTP (issue 17): bounded validation, changed resends, attachment checks, limits that
 * are told, and the demo hardening. The browser tests (test/receiver/) cover the ordinary contract.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PDF,
  envelope,
  oversizedUpload,
  pdfAttachment,
  postJson,
  postMultipart,
  residencePermitEnvelope,
  root,
  startServer,
  validData,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(() => server.close());

describe('bounded validation', () => {
  it('refuses 8,000 empty begleitpersonen with one maxItems error, small, while a valid submission is answered', async () => {
    const attack = postJson(server.base, envelope({ data: { ...validData(), begleitpersonen: Array.from({ length: 8000 }, () => ({})) } }));
    const valid = postJson(server.base, envelope());
    const [refused, accepted] = await Promise.all([attack, valid]);
    assert.equal(accepted.status, 201);
    assert.equal(refused.status, 422);
    const text = await refused.text();
    assert.ok(text.length < 100 * 1024, `answer of ${text.length} bytes`);
    assert.deepEqual(JSON.parse(text).errors, [{ instancePath: '/begleitpersonen', keyword: 'maxItems', params: { limit: 15 } }]);
  });

  it('stops at the first error of an item that fails through a $ref', async () => {
    const response = await postJson(server.base, envelope({ data: { ...validData(), begleitpersonen: Array.from({ length: 15 }, () => ({})) } }));
    assert.equal(response.status, 422);
    const { errors } = await response.json();
    assert.ok(errors.length >= 1 && errors.length <= 100, `${errors.length} errors`);
  });

  it('refuses nesting 100,000 deep before parsing it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = JSON.stringify(envelope({ data: { ...validData(), x: 'DEEP' } })).replace('"DEEP"', `[${deep},${deep}]`);
    const response = await postJson(server.base, body);
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors, [{ instancePath: '#envelope', keyword: 'maxDepth', params: { limit: 32 } }]);
  });

  it('refuses 10,000 tiny extra multipart parts by the part limit', async () => {
    const form = new FormData();
    form.append('submission', JSON.stringify(envelope()));
    for (let i = 0; i < 10_000; i += 1) form.append(`p${i}`, 'x');
    const response = await fetch(`${server.base}/api/submissions`, { method: 'POST', body: form });
    assert.equal(response.status, 413);
    const problem = await response.json();
    assert.equal(problem.type, 'urn:efa-forms:problem:too-many-parts');
    assert.equal(typeof problem.limit, 'number');
    assert.deepEqual(await readdir(join(server.dataDir, 'uploads')), []);
  });
});

describe('changed resend', () => {
  it('answers a repeat with the same id and a different body with 409 and the stored receipt', async () => {
    const sent = envelope();
    const first = await (await postJson(server.base, sent)).json();
    const same = await postJson(server.base, { ...sent, data: { ...sent.data } });
    assert.equal(same.status, 200);
    const changed = await postJson(server.base, { ...sent, locale: 'en' });
    assert.equal(changed.status, 409);
    assert.match(changed.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = await changed.json();
    assert.deepEqual(Object.keys(problem).sort(), ['receivedAt', 'reference', 'title', 'type']);
    assert.equal(problem.type, 'urn:efa-forms:problem:changed-resend');
    assert.equal(problem.reference, first.reference);
    assert.equal(problem.receivedAt, first.receivedAt);
    const stored = await (await fetch(`${server.base}/api/submissions/${first.reference}/data`)).json();
    assert.equal(stored.locale, sent.locale);
  });

  it('tells the same envelope with its keys in another order as the same', async () => {
    const sent = envelope();
    await postJson(server.base, sent);
    const reordered = Object.fromEntries(Object.entries(sent).reverse());
    assert.equal((await postJson(server.base, reordered)).status, 200);
  });
});

describe('attachments', () => {
  it('refuses HTML declared as PDF with a field error and stores nothing', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const attachment = pdfAttachment(html);
    const response = await postMultipart(server.base, envelope({ attachments: [attachment] }), {
      [attachment.id]: new Blob([html], { type: 'application/pdf' }),
    });
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors, [
      { instancePath: '#envelope/attachments/0', keyword: 'attachment', params: { id: attachment.id, problem: 'content', expected: 'application/pdf' } },
    ]);
    assert.deepEqual(await readdir(join(server.dataDir, 'uploads')), []);
  });

  it('strips bidi and control characters from names in storage and Content-Disposition, and stores by type', async () => {
    const attachment = pdfAttachment(PDF, 'Rechnung\u202Efdp.exe\u0007');
    const response = await postMultipart(server.base, envelope({ attachments: [attachment] }), {
      [attachment.id]: new Blob([PDF], { type: 'application/pdf' }),
    });
    assert.equal(response.status, 201);
    const { reference } = await response.json();
    const stored = await (await fetch(`${server.base}/api/submissions/${reference}/data`)).json();
    assert.equal(stored.attachments[0].dateiname, 'Rechnungfdp.exe.pdf');
    const file = await fetch(`${server.base}/api/submissions/${reference}/attachments/${attachment.id}`);
    assert.equal(file.headers.get('content-disposition'), `attachment; filename="Rechnungfdp.exe.pdf"; filename*=UTF-8''Rechnungfdp.exe.pdf`);
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PDF);
    assert.deepEqual(await readdir(join(server.dataDir, 'submissions', reference, 'attachments')), [`${attachment.id}.pdf`]);
  });
});

describe('limits told', () => {
  it('answers an oversized upload with a 413 the client reads (no reset connection)', async () => {
    const { status, body } = await oversizedUpload(server.base, 31 * 1024 * 1024);
    assert.equal(status, 413);
    assert.deepEqual(JSON.parse(body), {
      type: 'urn:efa-forms:problem:too-large',
      title: JSON.parse(body).title,
      limit: 30 * 1024 * 1024,
    });
    assert.deepEqual(await readdir(join(server.dataDir, 'uploads')), []);
  });

  it('refuses more concurrent uploads than allowed with 503 and Retry-After', async () => {
    const small = await startServer({ limits: { json: 1024 * 1024, multipart: 30 * 1024 * 1024, concurrentUploads: 1 } });
    try {
      const slow = oversizedUpload(small.base, 31 * 1024 * 1024);
      // The first upload is being received once its file appears in the upload folder.
      while ((await readdir(join(small.dataDir, 'uploads'))).length === 0) await new Promise((resolve) => setImmediate(resolve));
      const second = await postMultipart(small.base, envelope(), {});
      assert.equal(second.status, 503);
      assert.equal(second.headers.get('retry-after'), '5');
      assert.equal((await slow).status, 413);
    } finally {
      await small.close();
    }
  });
});

describe('demo hardening', () => {
  it('serves the portal’s pages, styles, themes and scripts, and none of its other files', async () => {
    const portal = await startServer({ portalDir: join(root, 'demo') });
    try {
      const status = async (path: string) => (await fetch(`${portal.base}${path}`)).status;
      for (const path of ['/verpflichtungserklaerung.html', '/portal.css', '/themes/musterstadt.css', '/themes/landkreis.css', '/portal-login.js']) {
        assert.equal(await status(path), 200, path);
      }
      for (const path of ['/layout.html', '/pages/theming.html', '/start.js', '/idp.js', '/themes/../layout.html']) {
        assert.equal(await status(path), 404, path);
      }
    } finally {
      await portal.close();
    }
  });

  it('answers only to allowed Host names', async () => {
    const guarded = await startServer({ allowedHosts: ['localhost', '127.0.0.1'] });
    try {
      const ok = await fetch(`${guarded.base}/health`);
      assert.equal(ok.status, 200);
      const status = await new Promise<number>((resolve, reject) => {
        request(`${guarded.base}/api/submissions`, { headers: { Host: 'attacker.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      assert.equal(status, 421);
    } finally {
      await guarded.close();
    }
  });

  it('refuses cross-site requests to the clerks’ routes', async () => {
    const list = `${server.base}/api/submissions`;
    assert.equal((await fetch(list, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status, 403);
    assert.equal((await fetch(list, { headers: { Origin: 'http://attacker.example' } })).status, 403);
    assert.equal((await fetch(list, { headers: { 'Sec-Fetch-Site': 'same-origin', Origin: server.base } })).status, 200);
  });

  it('refuses the clerks’ routes where no sign-in is set up, but takes submissions', async () => {
    const exposed = await startServer({ clerkRoutes: 'refused' });
    try {
      assert.equal((await fetch(`${exposed.base}/api/submissions`)).status, 403);
      const created = await postJson(exposed.base, envelope());
      assert.equal(created.status, 201);
      const { reference } = await created.json();
      assert.equal((await fetch(`${exposed.base}/api/submissions/${reference}/data`)).status, 403);
      assert.equal((await fetch(`${exposed.base}/api/submissions/${reference}`)).status, 200);
    } finally {
      await exposed.close();
    }
  });

  it('rate-limits look-ups by reference', async () => {
    const limited = await startServer({ lookupsPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await fetch(`${limited.base}/api/submissions/VE-2026-ZZZZZZ`)).status);
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('storage failures over HTTP', () => {
  it('keeps one copy under the citizen’s reference when the index write fails; the retry gets that reference', async () => {
    const failing = await startServer({
      beforeStoreStep: (step) => {
        if (step === 'index') throw new Error('injected: index write');
      },
    });
    try {
      const sent = envelope();
      const first = await postJson(failing.base, sent);
      assert.equal(first.status, 201);
      const { reference } = await first.json();
      const retry = await postJson(failing.base, sent);
      assert.equal(retry.status, 200);
      assert.equal((await retry.json()).reference, reference);
      assert.deepEqual(await readdir(join(failing.dataDir, 'submissions')), [reference]);
      const receipt = JSON.parse(await readFile(join(failing.dataDir, 'submissions', reference, 'receipt.json'), 'utf8'));
      assert.equal(receipt.id, sent.id);
    } finally {
      await failing.close();
    }
  });

  it('stores nothing when the commit fails; the retry stores once', async () => {
    let fail = true;
    const failing = await startServer({
      beforeStoreStep: (step) => {
        if (step === 'commit' && fail) throw new Error('injected: commit');
      },
    });
    try {
      const sent = envelope();
      assert.equal((await postJson(failing.base, sent)).status, 500);
      assert.deepEqual(await readdir(join(failing.dataDir, 'submissions')), []);
      fail = false;
      const retry = await postJson(failing.base, sent);
      assert.equal(retry.status, 201);
      assert.deepEqual(await readdir(join(failing.dataDir, 'submissions')), [(await retry.json()).reference]);
    } finally {
      await failing.close();
    }
  });

  it('answers /health', async () => {
    assert.deepEqual(await (await fetch(`${server.base}/health`)).json(), { status: 'ok' });
  });
});

describe('portals on other origins (CORS)', () => {
  const PORTAL = 'https://www.musterstadt.example';
  let cross: TestServer;
  before(async () => {
    cross = await startServer({ corsOrigins: [PORTAL] });
  });
  after(() => cross.close());

  const preflight = (origin: string, method = 'POST') =>
    fetch(`${cross.base}/api/submissions`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });

  it('answers a listed portal’s preflight with 204, its methods and headers', async () => {
    const response = await preflight(PORTAL);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), PORTAL);
    const list = (name: string) => response.headers.get(name)?.toLowerCase().split(',').map((v) => v.trim()).sort();
    assert.deepEqual(list('access-control-allow-methods'), ['delete', 'get', 'post']);
    assert.deepEqual(list('access-control-allow-headers'), ['accept', 'authorization', 'content-type', 'idempotency-key']);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  it('takes a listed portal’s submission and lets it read the receipt', async () => {
    const sent = envelope();
    const response = await postJson(cross.base, sent, { Origin: PORTAL, 'Idempotency-Key': sent.id });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /Location/);
  });

  it('refuses other origins, preflight or not, and stores nothing from them', async () => {
    const response = await preflight('https://attacker.example');
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const sent = envelope();
    const post = await postJson(cross.base, sent, { Origin: 'https://attacker.example' });
    assert.equal(post.status, 403);
    assert.equal((await post.json()).code, 'cross-origin');
    assert.equal(await cross.app.store.find(sent.id), undefined);
  });

  it('still takes its own origin’s submissions, and a listed portal cannot read the clerks’ routes', async () => {
    assert.equal((await postJson(cross.base, envelope(), { Origin: cross.base })).status, 201);
    assert.equal((await fetch(`${cross.base}/api/submissions`, { headers: { Origin: PORTAL } })).status, 403);
  });
});

describe('behind a proxy of the portal’s own site', () => {
  // The README's Apache and nginx snippets: the browser sends to the portal's origin, the proxy forwards to the
  // receiver's own address and names the portal's host in X-Forwarded-Host.
  const SITE = 'https://www.musterstadt.example';
  let proxied: TestServer;
  before(async () => {
    proxied = await startServer({ trustProxy: true });
  });
  after(() => proxied.close());

  it('takes the site’s submissions: their origin is the host the browser asked for', async () => {
    const sent = envelope();
    const response = await postJson(proxied.base, sent, { Origin: SITE, 'X-Forwarded-Host': 'www.musterstadt.example' });
    assert.equal(response.status, 201);
  });

  it('refuses a page of another site all the same', async () => {
    const response = await postJson(proxied.base, envelope(), { Origin: 'https://attacker.example', 'X-Forwarded-Host': 'www.musterstadt.example' });
    assert.equal(response.status, 403);
  });
});

describe('documents the authority requires (issue 18)', () => {
  const insurance = { ...pdfAttachment(PDF, 'versicherung.pdf'), zweck: 'krankenversicherung' };
  /** The Blue Card application with the authority's list and the insurance slot as the form showed it. */
  const required = (slot: unknown[] | undefined, pflichtdokumente = ['krankenversicherung', 'reisepass']) =>
    residencePermitEnvelope((data) => ({
      ...data,
      nachweise: { ...data.nachweise, pflichtdokumente, dokumente: slot === undefined ? {} : { krankenversicherung: slot } },
    }));

  it('refuses a required slot that the form showed and was left empty', async () => {
    const response = await postJson(server.base, required([]));
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors, [{ instancePath: '/nachweise/dokumente/krankenversicherung', keyword: 'minItems', params: { limit: 1 } }]);
  });

  it('refuses a missing passport when the authority requires it', async () => {
    const envelope = required([]);
    delete envelope.data.nachweise.reisepass;
    envelope.data.nachweise.dokumente.krankenversicherung = [insurance];
    envelope.attachments = [insurance];
    const response = await postMultipart(server.base, envelope, { [insurance.id]: new Blob([PDF], { type: 'application/pdf' }) });
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors, [{ instancePath: '/nachweise', keyword: 'required', params: { missingProperty: 'reisepass' } }]);
  });

  it('accepts the required documents uploaded, and a required slot that these answers do not call for', async () => {
    const filled = required([insurance]);
    filled.attachments = [insurance];
    const response = await postMultipart(server.base, filled, { [insurance.id]: new Blob([PDF], { type: 'application/pdf' }) });
    assert.equal(response.status, 201);
    const stored = await (await fetch(`${server.base}/api/submissions/${(await response.json()).reference}/data`)).json();
    assert.deepEqual(stored.data.nachweise.pflichtdokumente, ['krankenversicherung', 'reisepass']);
    // A Blue Card asks for no tenancy agreement: the form shows no slot, so there is nothing to require.
    assert.equal((await postJson(server.base, required(undefined, ['mietvertrag']))).status, 201);
  });
});

describe('the inbox reads a submission in the form’s words (issue 11)', () => {
  it('gives each service’s answers by step under the form’s labels, with code lists and files named, and what the form set', async () => {
    for (const [sent, step, label, value] of [
      [envelope(), 'Angaben zu Ihrer Person', 'Staat', 'Deutschland'],
      [residencePermitEnvelope(), 'Unterlagen', 'Weitere Unterlagen', 'arbeitsvertrag.pdf, masterzeugnis.pdf'],
      [residencePermitEnvelope(), 'Angaben zu Ihrem Vorhaben', 'Name des Arbeitgebers', 'Isarsoft Systems GmbH'],
    ] as const) {
      const created = await postJson(server.base, sent);
      assert.equal(created.status, 201);
      const { reference } = await created.json();
      const readable = await (await fetch(`${server.base}/api/submissions/${reference}/readable`)).json();
      const titles = readable.steps.map((s: { title: string }) => s.title);
      assert.ok(titles.includes(step), `${sent.service}: ${titles.join(' | ')}`);
      const rows = readable.steps.flatMap((s: { sections: { rows: { label: string; value: string }[] }[] }) => s.sections.flatMap((section) => section.rows));
      const row = rows.find((r: { label: string }) => r.label === label);
      assert.ok(row, `${sent.service}: a row "${label}"`);
      assert.equal(row.value, value);
      assert.ok(!rows.some((r: { label: string }) => r.label.startsWith('/')), 'no pointers or keys as labels');
    }
    // Every top-level answer of this declaration stands under a question; what none asked would follow as `computed`.
    const declaration = await (await postJson(server.base, envelope())).json();
    const { computed } = await (await fetch(`${server.base}/api/submissions/${declaration.reference}/readable`)).json();
    assert.deepEqual(computed, {});
  });
});
