/**
 * The demo portal's citizen login on a form page and on "Mein Antrag" (server/portal-login.ts does the login itself,
 * server-side): shows "Mit DeutschlandID anmelden (Demo)" or who is signed in, hands the elements the identity
 * (attributes and level, no token), and answers their `efa-identity-request` with a token the portal signs for the
 * id it names (a form's submission; for `<efa-status>` the nonce of one opening of the person's cases).
 * The box's link works without this script too; the script only tells who is signed in and adds the sign-out.
 */
const box = document.querySelector('.portal-login');
const elements = document.querySelectorAll('efa-verpflichtungserklaerung, efa-status');
const LEVEL_NAMES = { hoch: 'hoch', substanziell: 'substanziell' };

/** The portal's session: { identity, csrfToken }; identity null when nobody is signed in, undefined when the login is not set up. */
async function portalSession() {
  const response = await fetch('/portal/identity', { headers: { Accept: 'application/json' } });
  if (!response.ok) return { identity: undefined, csrfToken: '' };
  return response.json();
}

const session = await portalSession();

/** The identity with a token for one submission or one opening of cases (its `nonce`), signed by the portal. */
async function identityFor(submissionId) {
  const response = await fetch('/portal/identity-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': session.csrfToken },
    body: JSON.stringify({ submissionId }),
  });
  if (!response.ok) throw new Error(`The portal gave no identity token (HTTP ${response.status}).`);
  return response.json();
}

async function signOut() {
  await fetch('/portal/logout', { method: 'POST', headers: { 'X-CSRF-Token': session.csrfToken } });
  window.location.reload();
}

function showSignedIn({ attributes = {}, trustLevel }) {
  const name = [attributes.vornamen, attributes.familienname].filter(Boolean).join(' ') || 'Unbekannt';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Abmelden';
  button.addEventListener('click', signOut);
  box.replaceChildren(`Angemeldet als ${name} (Vertrauensniveau ${LEVEL_NAMES[trustLevel]}) · `, button);
}

if (session.identity) {
  for (const element of elements) element.identity = session.identity;
  if (box) showSignedIn(session.identity);
  document.addEventListener('efa-identity-request', (event) => {
    event.detail.respondWith(identityFor(event.detail.submissionId));
  });
} else if (session.identity === undefined && box) {
  box.textContent = 'Die Anmeldung mit DeutschlandID ist in diesem Portal nicht eingerichtet.';
}
