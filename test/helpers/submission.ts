/** Submissions for tests that talk to the reference receiver: a valid envelope around a valid fixture. */
import type { Submission } from '../../src/adapters/adapter.js';

export async function validData(): Promise<Record<string, unknown>> {
  const response = await fetch('/test/fixtures/verpflichtungserklaerung/valid/einfach.json');
  if (!response.ok) throw new Error(`fixture einfach.json: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

export function envelope(data: Record<string, unknown>, overrides: Partial<Submission> = {}): Submission {
  return {
    id: crypto.randomUUID(),
    service: 'verpflichtungserklaerung',
    schemaVersion: '1.0.0',
    createdAt: new Date().toISOString(),
    locale: 'de',
    authority: '09999000',
    data: structuredClone(data),
    attachments: [],
    ...overrides,
  };
}

/** Queues faults for this page's next posts (the test server's receiver has fault injection on). */
export function queueFaults(...next: string[]): Promise<Response> {
  return fetch('/api/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ next }) });
}
