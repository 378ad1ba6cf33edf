import { expect } from '@open-wc/testing';
import validate from '../src/schema/generated/submission.js';
import dokumentzweck from '../schemas/codelists/dokumentzweck.json' with { type: 'json' };
import basis from '../schemas/common/basis.schema.json' with { type: 'json' };

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

  it('says what each attachment is with a code of the document-purpose list, and the schema knows exactly those codes', () => {
    const attachment = { id: '3f6c2a9e-1b4d-4c7a-9e2f-000000000001', dateiname: 'vertrag.pdf', mimeType: 'application/pdf', groesse: 1000 };
    expect(validate({ ...valid, attachments: [{ ...attachment, zweck: 'arbeitsvertrag' }] }), JSON.stringify(validate.errors)).to.equal(true);
    expect(validate({ ...valid, attachments: [attachment] }), 'no purpose (a service without named documents)').to.equal(true);
    expect(validate({ ...valid, attachments: [{ ...attachment, zweck: 'Arbeitsvertrag der Ehegattin' }] })).to.equal(false);
    expect(basis.$defs.dokumentzweck.enum).to.deep.equal(dokumentzweck.values.map((v) => v.code));
    for (const { code, de, en } of dokumentzweck.values) expect(de && en, code).to.be.a('string').and.not.equal('');
  });

  it('rejects a malformed id and an unknown service, naming both', () => {
    expect(validate({ ...valid, id: 'not-a-uuid', service: 'hundesteuer' })).to.equal(false);
    const keywords = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(keywords).to.include.members(['/id format', '/service enum']);
  });
});
