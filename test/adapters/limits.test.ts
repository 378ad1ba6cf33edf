import { expect } from '@open-wc/testing';
import { MIB, attachmentsToShrink, formatSize } from '../../src/adapters/limits.js';

const file = (name: string, bytes: number) => new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });

describe('size limits', () => {
  const pass = file('pass.pdf', 2 * MIB);
  const bank = file('kontoauszug.pdf', 9 * MIB);
  const contract = file('arbeitsvertrag.pdf', 6 * MIB);
  const all = [pass, bank, contract];

  it('names no file when the request fits', () => {
    expect(attachmentsToShrink(all, 17 * MIB, 30 * MIB)).to.deep.equal([]);
  });

  it('names the fewest files, largest first, that bring the request within the limit', () => {
    expect(attachmentsToShrink(all, 17 * MIB, 10 * MIB).map((f) => f.name)).to.deep.equal(['kontoauszug.pdf']);
    expect(attachmentsToShrink(all, 17 * MIB, 3 * MIB).map((f) => f.name)).to.deep.equal(['kontoauszug.pdf', 'arbeitsvertrag.pdf']);
  });

  it('names every file when even that is not enough', () => {
    expect(attachmentsToShrink(all, 17 * MIB, 1000)).to.have.length(3);
  });

  it('writes sizes as people read them, in their language', () => {
    expect(formatSize(12.44 * MIB, 'de')).to.equal('12,4 MB');
    expect(formatSize(12.44 * MIB, 'en')).to.equal('12.4 MB');
    expect(formatSize(350 * 1024, 'de')).to.equal('350 kB');
    expect(formatSize(10, 'de'), 'never "0 kB"').to.equal('1 kB');
  });
});
