// The Verpflichtungserklärung as one self-contained module.
export { EfaVerpflichtungserklaerung } from '../efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
export type * from '../public-types.js';
