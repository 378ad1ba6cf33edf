import { expect } from '@open-wc/testing';
import validate from '../src/schema/generated/submission.js';

const valid = {
  id: '0b6f1a9e-3c1f-4d43-9a55-2f0f5f3d7c11',
  service: 'verpflichtungserklaerung',
  schemaVersion: '1.0.0',
  createdAt: '2026-11-24T10:15:00Z',
  locale: 'de',
  authority: '06414000',
  data: {},
  attachments: [],
};

describe('submission envelope schema', () => {
  it('accepts a complete envelope', () => {
    expect(validate(valid), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('rejects a malformed id and an unknown service, naming both', () => {
    expect(validate({ ...valid, id: 'not-a-uuid', service: 'hundesteuer' })).to.equal(false);
    const keywords = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(keywords).to.include.members(['/id format', '/service enum']);
  });
});
