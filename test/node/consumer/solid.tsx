// A Solid + TypeScript page using efa-forms as a consumer of the published package would.
// Type-checked by test/node/published-package.test.js against the packed package, not by `npm run typecheck`.
import { onMount } from 'solid-js';
import { EfaVerpflichtungserklaerung, type EfaSubmittedDetail, type SubmitFailure } from 'efa-forms/efa-verpflichtungserklaerung.js';
import 'efa-forms/efa-aufenthaltstitel.js';

export function Page() {
  let form!: EfaVerpflichtungserklaerung;
  onMount(() => form.addEventListener('efa-draft-saved', (event) => console.log(event.detail.expiresAt)));
  const done = (detail: EfaSubmittedDetail) => console.log(detail.receipt.reference, detail.submission.id);
  const failed = (failure: SubmitFailure) => console.log(failure);
  return (
    <main lang="de">
      <efa-verpflichtungserklaerung
        ref={form}
        endpoint="/api/submissions"
        authority="06414000"
        drafts="local"
        draftDays={3}
        config={{ gebuehr: 29 }}
        identity={{ trustLevel: 'hoch', token: 'opaque' }}
        class="form"
        on:efa-submitted={(event) => done(event.detail)}
        on:efa-submit-error={(event) => failed(event.detail.error.failure)}
        on:efa-step-change={(event) => console.log(event.detail.position + 1, event.detail.title)}
      />
      <efa-aufenthaltstitel route="familie" on:efa-submit={(event) => event.detail.respondWith?.(Promise.resolve({ reference: 'A-1' }))} />
      {/* @ts-expect-error drafts takes 'off', 'local' or 'file' */}
      <efa-aufenthaltstitel drafts="sometimes" />
      {/* @ts-expect-error draftDays is a number as a property */}
      <efa-aufenthaltstitel draftDays="3" />
      {/* @ts-expect-error the receipt has no such field: event details are typed, not `any` */}
      <efa-aufenthaltstitel on:efa-submitted={(event) => event.detail.receipt.nothing} />
      {/* @ts-expect-error not an efa element */}
      <efa-nonexistent />
    </main>
  );
}
