import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { SubmitError } from '../../src/adapters/adapter.js';
import { fitConnectAdapter } from '../../src/adapters/fit-connect.js';
import type { EncryptionJwk } from '../../src/adapters/jwe.js';
import { jwkThumbprint, UntrustedKeyError, verifyDestinationKey, type KeyTrust } from '../../src/adapters/key-trust.js';
import { setLocale } from '../../src/i18n/locale.js';
import { completeAnswers, engineTestSpec } from '../fixtures/engine-test-definition.js';
import { envelope, validData } from '../helpers/submission.js';
import { LOADING_MS } from '../helpers/timing.js';

// Certificates come from a test PKI the test server makes once per run (server/test-pki.ts), written by other
// code than the parser under test; OpenSSL reads them in server/test/test-pki.test.ts.
interface Issued {
  x5c: string[];
  anchor: string;
}
interface CertificateRequest {
  issuer: 'intermediate' | 'foreign-intermediate' | 'non-ca-intermediate';
  expired?: boolean;
  scheme?: 'rsa-pss-sha512' | 'rsa-pkcs1-sha256';
  withRoot?: boolean;
}

async function destinationKey(): Promise<EncryptionJwk> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['encrypt', 'decrypt'],
  );
  const { n, e } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty: 'RSA', kid: 'test-key-0001', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'], n, e };
}

function certificatesFor(key: EncryptionJwk, request: CertificateRequest): Promise<Issued> {
  return executeServerCommand('fit-connect-test-certificates', { n: key.n, e: key.e, ...request }) as Promise<Issued>;
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the key to be refused');
}

describe('key trust: the destination key is verified in the browser', function () {
  this.timeout(60_000);
  let key: EncryptionJwk;
  let otherKey: EncryptionJwk;
  let issued: Issued;
  before(async () => {
    [key, otherKey] = await Promise.all([destinationKey(), destinationKey()]);
    issued = await certificatesFor(key, { issuer: 'intermediate' });
  });
  const trust = (): KeyTrust => ({ anchors: [issued.anchor] });

  it('accepts a chain leaf → intermediate issued by the configured root (RSASSA-PSS, SHA-512)', async () => {
    await verifyDestinationKey({ ...key, x5c: issued.x5c }, trust());
  });

  it('accepts a chain that carries the root itself, and a leaf signed with RSASSA-PKCS1-v1_5 SHA-256', async () => {
    const { x5c } = await certificatesFor(key, { issuer: 'intermediate', scheme: 'rsa-pkcs1-sha256', withRoot: true });
    expect(x5c).to.have.length(3);
    await verifyDestinationKey({ ...key, x5c }, trust());
  });

  it('refuses a key without x5c', async () => {
    const error = await refusal(verifyDestinationKey(key, trust()));
    expect(error).to.be.instanceOf(UntrustedKeyError);
    expect(error.message).to.contain('no certificate chain');
  });

  it('refuses garbage in x5c', async () => {
    const notACertificate = btoa('this is not a certificate');
    expect((await refusal(verifyDestinationKey({ ...key, x5c: [notACertificate] }, trust()))).message).to.contain('x5c[0]');
    expect((await refusal(verifyDestinationKey({ ...key, x5c: ['%%%'] }, trust()))).message).to.contain('not base64');
    expect((await refusal(verifyDestinationKey({ ...key, x5c: [issued.x5c[0]!.slice(0, 400)] }, trust()))).message).to.contain('x5c[0]');
  });

  it('refuses a chain that leads to another root', async () => {
    const { x5c } = await certificatesFor(key, { issuer: 'foreign-intermediate' });
    expect((await refusal(verifyDestinationKey({ ...key, x5c }, trust()))).message).to.contain('does not lead to a configured trust anchor');
  });

  it('refuses a chain whose order or issuer does not fit', async () => {
    const reversed = [...issued.x5c].reverse();
    expect((await refusal(verifyDestinationKey({ ...key, x5c: reversed }, trust()))).message).to.match(/another key|did not issue/);
    const { x5c: foreign } = await certificatesFor(key, { issuer: 'foreign-intermediate' });
    // The foreign intermediate has the same name as ours: only the signature tells them apart.
    const mixed = [foreign[0]!, issued.x5c[1]!];
    expect((await refusal(verifyDestinationKey({ ...key, x5c: mixed }, trust()))).message).to.contain('signature of x5c[0] does not verify');
  });

  it('refuses an intermediate without the CA flag', async () => {
    const { x5c } = await certificatesFor(key, { issuer: 'non-ca-intermediate' });
    expect((await refusal(verifyDestinationKey({ ...key, x5c }, trust()))).message).to.contain('not a CA certificate');
  });

  it('refuses an expired certificate', async () => {
    const { x5c } = await certificatesFor(key, { issuer: 'intermediate', expired: true });
    expect((await refusal(verifyDestinationKey({ ...key, x5c }, trust()))).message).to.contain('x5c[0] has expired');
  });

  it('refuses a swapped key: a valid chain, but for another key', async () => {
    const error = await refusal(verifyDestinationKey({ ...otherKey, x5c: issued.x5c }, trust()));
    expect(error.message).to.contain('for another key');
  });

  it('refuses everything when the page configures no trust at all', async () => {
    expect((await refusal(verifyDestinationKey({ ...key, x5c: issued.x5c }, {}))).message).to.contain('No trust anchor');
  });

  it('computes the RFC 7638 thumbprint of the RFC\'s own example key', async () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    expect(await jwkThumbprint({ kty: 'RSA', n, e: 'AQAB', alg: 'RS256' })).to.equal('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('trusts a pinned thumbprint without x5c, and refuses another key under that pin', async () => {
    const pinned: KeyTrust = { thumbprints: [await jwkThumbprint(key)] };
    await verifyDestinationKey(key, pinned);
    expect((await refusal(verifyDestinationKey(otherKey, pinned))).message).to.contain('not the pinned one');
  });
});

describe('refusals before anything is sent', function () {
  this.timeout(60_000);
  // The demo destination's key carries a chain to the stand-in's test root (server/fit-connect.ts); a page that
  // trusts another root must refuse it, as it would a key swapped in by the relay.
  const relay = '/api/fit-connect';
  let foreignAnchor: string;
  before(async () => {
    const { publicKey } = await (await fetch(`${relay}/destination?service=verpflichtungserklaerung`)).json();
    ({ anchor: foreignAnchor } = await certificatesFor(publicKey, { issuer: 'intermediate' }));
  });

  it('the adapter stops with `untrusted-key` before anything is encrypted or posted', async () => {
    const submission = envelope(await validData());
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return realFetch(input, init);
    };
    let error: Error;
    try {
      error = await refusal(fitConnectAdapter({ relay, trust: { anchors: [foreignAnchor] } }).submit(submission, { files: new Map() }));
    } finally {
      window.fetch = realFetch;
    }
    expect(error).to.be.instanceOf(SubmitError);
    expect((error as SubmitError).failure).to.equal('untrusted-key');
    expect(error.message).to.contain('does not lead to a configured trust anchor');
    expect(requests).to.deep.equal([`GET ${relay}/destination?service=verpflichtungserklaerung&region=09999000`]);
  });

  // Each refusal the relay cannot talk the form out of: a key the page does not trust, a service the destination
  // does not offer. The citizen reads which, in their language, and nothing is sent.
  const refusals = {
    'untrusted-key': {
      de: 'Der Schlüssel der Behörde konnte nicht überprüft werden.',
      en: "The office's key could not be verified.",
      // A pin of another key: the demo destination's key (with its valid chain) is not it.
      keyTrust: { thumbprints: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] },
      destination: (answer: Record<string, unknown>) => answer,
    },
    'service-not-offered': {
      de: 'Die Behörde nimmt diesen Antrag auf diesem Weg derzeit nicht an.',
      en: 'The office does not currently accept this application this way.',
      keyTrust: undefined,
      destination: (answer: Record<string, unknown>) => ({ ...answer, submissionSchemas: [{ schemaUri: 'urn:xoev-de:xauslaender:standard:xauslaender', mimeType: 'application/xml' }] }),
    },
  };

  for (const [failure, refusal] of Object.entries(refusals)) {
    for (const lang of ['de', 'en'] as const) {
      it(`the form says in "${lang}" why nothing was sent: ${failure}`, async () => {
        const keyTrust = refusal.keyTrust ?? { anchors: [await (await fetch(`${relay}/demo-trust-anchor`)).text()] };
        const el = await fixture<EfaForm>(
          html`<efa-form .spec=${engineTestSpec} adapter="fit-connect" endpoint=${relay} key-trust=${JSON.stringify(keyTrust)} authority="09999000" lang=${lang}></efa-form>`,
        );
        el.prefill = completeAnswers;
        await el.updateComplete;
        for (let step = 0; step < 2; step++) {
          el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
          await el.updateComplete;
        }
        const posts: string[] = [];
        const realFetch = window.fetch;
        window.fetch = async (input, init) => {
          if (init?.method === 'POST') posts.push(String(input));
          const response = await realFetch(input, init);
          if (!String(input).startsWith(`${relay}/destination`)) return response;
          return new Response(JSON.stringify(refusal.destination(await response.json())), { status: 200, headers: { 'Content-Type': 'application/json' } });
        };
        try {
          const failed = oneEvent(el, 'efa-submit-error');
          el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
          const { detail } = await failed;
          expect(detail.error.failure).to.equal(failure);
        } finally {
          window.fetch = realFetch;
        }
        expect(posts, 'nothing posted').to.deep.equal([]);
        await waitUntil(() => el.shadowRoot!.querySelector('.send-error'), 'the message appears', { timeout: LOADING_MS });
        expect(el.shadowRoot!.querySelector('.send-error')!.textContent).to.contain(refusal[lang]);
        expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.send-error'));
        await expect(el).to.be.accessible();
        setLocale('de');
      });
    }
  }
});
