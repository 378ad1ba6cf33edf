/**
 * Demo only: the page trusts the test root of the demo destination's key, which the Submission API stand-in behind
 * the demo's relay makes at each start (server/fit-connect.ts) and so cannot be written into this page beforehand.
 * A real page must not ask its relay which key to trust: the authority writes the Verwaltungs-PKI root (or the
 * key's pinned thumbprint) into the page itself, e.g. `key-trust='{"anchors":["MII…"]}'` or the element's
 * `keyTrust` property.
 */
const form = document.querySelector('efa-verpflichtungserklaerung[adapter="fit-connect"]');
const response = await fetch('/api/fit-connect/demo-trust-anchor');
if (form && response.ok) form.keyTrust = { anchors: [await response.text()] };
