/**
 * The `event` adapter sends nothing itself: the element's `efa-submit` event carries the submission and a
 * `respondWith(promise)` the host page calls with its own sending — the promise resolves to a receipt
 * (`{ reference }`) or rejects with an error whose message the citizen may see.
 *
 * ```js
 * form.addEventListener('efa-submit', (event) => {
 *   event.detail.respondWith(myBackend.send(event.detail.submission).then((r) => ({ reference: r.id })));
 * });
 * ```
 */
import { SubmitError, type Adapter, type Receipt, type Submission, type SubmitOptions } from './adapter.js';
import { parseReceipt } from './receipt.js';

export interface EfaSubmitDetail {
  submission: Submission;
  files: ReadonlyMap<string, Blob>;
  /** Only for the `event` adapter: hand over the sending. Without it the submission goes nowhere. */
  respondWith?: (answer: Promise<Receipt>) => void;
}

export function eventAdapter(target: EventTarget): Adapter {
  return {
    ownsSubmitEvent: true,
    submit(submission: Submission, { files }: SubmitOptions): Promise<Receipt> {
      return new Promise((resolve, reject) => {
        let answered = false;
        const detail: EfaSubmitDetail = {
          submission,
          files,
          respondWith: (answer) => {
            answered = true;
            answer.then(
              (receipt) => {
                try {
                  resolve(parseReceipt(receipt));
                } catch (error) {
                  reject(error);
                }
              },
              (cause: unknown) =>
                reject(new SubmitError('host', cause instanceof Error ? cause.message : String(cause), { cause })),
            );
          },
        };
        const proceed = target.dispatchEvent(
          new CustomEvent('efa-submit', { detail, bubbles: true, composed: true, cancelable: true }),
        );
        if (!proceed) reject(new SubmitError('aborted', 'The host page cancelled the submission.'));
        else if (!answered) reject(new SubmitError('host', 'No listener answered the efa-submit event (adapter="event").'));
      });
    },
  };
}
