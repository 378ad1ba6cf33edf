// A React 19 + TypeScript page using efa-forms as a consumer of the published package would.
// Type-checked by test/node/published-package.test.js against the packed package, not by `npm run typecheck`.
import { useEffect, useRef } from 'react';
import { EfaVerpflichtungserklaerung, type EfaSubmittedDetail, type SubmitFailure } from 'efa-forms/efa-verpflichtungserklaerung.js';
import 'efa-forms/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from 'efa-forms';

export function Page() {
  const form = useRef<EfaVerpflichtungserklaerung>(null);
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    element.config = { gebuehr: 29 };
    element.identity = { trustLevel: 'hoch', token: 'opaque' };
    element.addEventListener('efa-submit-error', (event) => {
      const failure: SubmitFailure = event.detail.error.failure;
      console.log(failure, event.detail.error.details.limit);
    });
    // @ts-expect-error the receipt has no such field: event details are typed, not `any`
    element.addEventListener('efa-submitted', (event) => event.detail.receipt.nothing);
    document.addEventListener('efa-step-change', (event) => console.log(event.detail.position + 1, event.detail.title));
    const permit: EfaAufenthaltstitel | null = document.querySelector('efa-aufenthaltstitel');
    if (permit) permit.route = 'familie';
  }, []);
  const done = (detail: EfaSubmittedDetail) => console.log(detail.receipt.reference, detail.submission.id);
  return (
    <main lang="de">
      <efa-verpflichtungserklaerung
        ref={form}
        endpoint="/api/submissions"
        authority="06414000"
        drafts="local"
        draftDays={3}
        className="form"
        onefa-submitted={(event) => done(event.detail)}
        onefa-submit={(event) => event.detail.respondWith?.(Promise.resolve({ reference: 'A-1' }))}
        onefa-identity-request={(event) => event.detail.respondWith(Promise.resolve({ trustLevel: 'hoch', token: event.detail.submissionId }))}
      />
      {/* @ts-expect-error the identity request's detail is typed: no such field */}
      <efa-verpflichtungserklaerung onefa-identity-request={(event) => event.detail.nonce} />
      {/* @ts-expect-error drafts takes 'tab', 'local', 'file' or 'none' */}
      <efa-aufenthaltstitel drafts="sometimes" />
      {/* @ts-expect-error draft-days is a number as a property */}
      <efa-aufenthaltstitel draftDays="3" />
      {/* @ts-expect-error the receipt has no such field: JSX listeners are typed too */}
      <efa-aufenthaltstitel onefa-submitted={(event) => event.detail.receipt.nothing} />
      {/* @ts-expect-error not an efa element */}
      <efa-nonexistent />
    </main>
  );
}
