// The Verpflichtungserklärung as one self-contained module.
import '../efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
