/**
 * The clerks' inbox (inbox.html): lists the submissions from the reference receiver and shows the chosen one
 * (`?vorgang=<reference>`) with its data as nested definition lists, its attachments under their purpose, a
 * JSON download, and the messages of the return channel with the citizen's answers (server/clerk-cases.ts).
 * Everything from the API is written with textContent or attributes, never parsed as HTML.
 */

const API = '/api/submissions';
const SERVICES = { verpflichtungserklaerung: 'Verpflichtungserklärung', aufenthaltstitel: 'Aufenthaltstitel' };
const DATE_TIME = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

/**
 * @typedef {{ reference: string, service: string, receivedAt: string, status: string }} Entry
 * @typedef {{ id: string, dateiname: string, mimeType: string, groesse: number, zweck?: string }} Attachment
 */

/** @param {string} id */
function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [text]
 */
function el(tag, text) {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** @param {string | Node} content */
function definition(content) {
  const dd = el('dd');
  dd.append(content);
  return dd;
}

/** @param {string} service */
function serviceName(service) {
  return SERVICES[/** @type {keyof typeof SERVICES} */ (service)] ?? service;
}

/** @param {string} iso */
function time(iso) {
  const element = el('time', DATE_TIME.format(new Date(iso)));
  element.dateTime = iso;
  return element;
}

/** @param {string} message */
function announce(message) {
  byId('inbox-status').textContent = message;
}

/** The server's refusal (403), in its own words: e.g. no inbox where no sign-in is set up. */
class Refused extends Error {}

/** The session ended (expired, signed out in another tab): sign in again and come back here. */
function signInAgain() {
  location.assign(`/clerks/login?return=${encodeURIComponent(location.pathname + location.search)}`);
}

/** @param {string} url */
async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    signInAgain();
    throw new Refused('Bitte melden Sie sich an.');
  }
  if (response.status === 403) throw new Refused((await response.json()).message);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/** @type {Promise<Map<string, string>> | undefined} */
let purposeList;

/** The German names of the document purposes (schemas/codelists/dokumentzweck.json), fetched once. */
function purposeLabels() {
  purposeList ??= getJson('/schemas/codelists/dokumentzweck.json').then(
    (/** @type {{ values: { code: string, de: string }[] }} */ list) => new Map(list.values.map((v) => [v.code, v.de])),
  );
  return purposeList;
}

/**
 * A value of the submission's data as readable HTML: objects become definition lists with their (German)
 * keys, arrays numbered lists.
 * @param {unknown} value
 * @returns {Node}
 */
function render(value) {
  if (Array.isArray(value)) {
    if (value.length === 0) return document.createTextNode('—');
    const list = el('ol');
    for (const item of value) {
      const li = el('li');
      li.append(render(item));
      list.append(li);
    }
    return list;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return document.createTextNode('—');
    const list = el('dl');
    for (const [key, child] of entries) list.append(el('dt', key), definition(render(child)));
    return list;
  }
  if (typeof value === 'boolean') return document.createTextNode(value ? 'ja' : 'nein');
  if (typeof value === 'number') return document.createTextNode(value.toLocaleString('de-DE'));
  if (value === null || value === '') return document.createTextNode('—');
  return document.createTextNode(String(value));
}

const MESSAGE_TYPES = {
  statusaenderung: 'Statusänderung',
  unterlagenanforderung: 'Anforderung von Unterlagen',
  terminangebot: 'Terminangebot',
  anhoerung: 'Anhörung',
  zahlungsaufforderung: 'Zahlungsaufforderung',
  unterlagennachreichung: 'Unterlagen nachgereicht',
  terminantwort: 'Antwort auf das Terminangebot',
  anhoerungsantwort: 'Äußerung zur Anhörung',
};

/**
 * The case's messages, oldest first: who sent what when, and its content.
 * @param {{ type: string, from: string, receivedAt: string, data: unknown }[]} messages
 */
function renderMessages(messages) {
  if (messages.length === 0) return el('p', 'Noch keine Nachrichten.');
  const list = el('ol');
  list.className = 'messages';
  for (const message of messages) {
    const item = el('li');
    const head = el('p');
    const kind = MESSAGE_TYPES[/** @type {keyof typeof MESSAGE_TYPES} */ (message.type)] ?? message.type;
    head.append(`${message.from === 'office' ? 'Behörde' : 'Antragsteller/in'}: ${kind}, `, time(message.receivedAt));
    item.append(head, render(message.data));
    list.append(item);
  }
  return list;
}

/** @param {number} bytes */
function size(bytes) {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('de-DE')} KB`
    : `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

/** @param {Entry[]} entries @param {string | null} chosen */
function showList(entries, chosen) {
  const rows = /** @type {HTMLTableSectionElement} */ (byId('inbox-rows'));
  rows.replaceChildren();
  for (const entry of entries) {
    const row = rows.insertRow();
    const link = el('a', entry.reference);
    link.href = `?vorgang=${encodeURIComponent(entry.reference)}`;
    if (entry.reference === chosen) link.setAttribute('aria-current', 'true');
    row.insertCell().append(link);
    row.insertCell().textContent = serviceName(entry.service);
    row.insertCell().append(time(entry.receivedAt));
  }
  byId('inbox-list').hidden = entries.length === 0;
  if (entries.length === 0) announce('Es sind noch keine Anträge eingegangen.');
  else announce(entries.length === 1 ? 'Ein Antrag ist eingegangen.' : `${entries.length} Anträge sind eingegangen.`);
}

/** @param {Entry} entry */
async function showDetail(entry) {
  const reference = encodeURIComponent(entry.reference);
  const envelope = await getJson(`${API}/${reference}/data`);
  const { status, messages } = await getJson(`/clerks/cases/${reference}/messages`);

  const heading = byId('detail-heading');
  heading.textContent = `Vorgang ${entry.reference}`;
  document.title = `Vorgang ${entry.reference} – Posteingang – Stadt Musterstadt`;

  const meta = byId('detail-meta');
  meta.replaceChildren();
  /** @type {Array<[string, string | Node]>} */
  const facts = [
    ['Leistung', serviceName(entry.service)],
    ['Eingegangen am', time(entry.receivedAt)],
    ['Status', status],
    ['Behörde (AGS)', envelope.authority ?? '—'],
    ['Sprache', envelope.locale],
    ['Schema-Version', envelope.schemaVersion],
    ['Kennung der Einreichung', envelope.id],
  ];
  for (const [term, value] of facts) meta.append(el('dt', term), definition(value));

  byId('detail-data').replaceChildren(render(envelope.data));
  byId('detail-data').firstElementChild?.classList.add('data');

  /** @type {Attachment[]} */
  const attachments = envelope.attachments;
  const purposes = attachments.some((a) => a.zweck) ? await purposeLabels() : new Map();
  /** @type {Map<string, Attachment[]>} each purpose with its files, in the order the files came */
  const byPurpose = new Map();
  for (const attachment of attachments) {
    const purpose = attachment.zweck ? (purposes.get(attachment.zweck) ?? attachment.zweck) : 'Ohne Angabe des Zwecks';
    byPurpose.set(purpose, [...(byPurpose.get(purpose) ?? []), attachment]);
  }
  const list = el('dl');
  list.className = 'attachments';
  for (const [purpose, files] of byPurpose) {
    list.append(el('dt', purpose));
    for (const attachment of files) {
      const link = el('a', attachment.dateiname);
      link.href = `${API}/${reference}/attachments/${encodeURIComponent(attachment.id)}`;
      const type = attachment.mimeType.split('/')[1].toUpperCase();
      const item = definition(link);
      item.append(` (${type}, ${size(attachment.groesse)})`);
      list.append(item);
    }
  }
  byId('detail-attachments').replaceChildren(attachments.length > 0 ? list : el('p', 'Keine Anlagen.'));

  const download = /** @type {HTMLAnchorElement} */ (byId('detail-download'));
  download.href = `${API}/${reference}/data?download=1`;

  byId('detail-messages').replaceChildren(renderMessages(messages));

  byId('detail').hidden = false;
  heading.focus();
}

/** Who is signed in, and the sign-out form with its CSRF token. */
async function showClerk() {
  const { name, csrfToken } = await getJson('/clerks/session');
  byId('clerk-name').textContent = `Angemeldet als ${name}.`;
  /** @type {HTMLInputElement} */ (byId('clerk-csrf')).value = csrfToken;
  byId('clerk').hidden = false;
}

async function main() {
  const chosen = new URLSearchParams(location.search).get('vorgang');
  announce('Die Anträge werden geladen …');
  try {
    await showClerk();
  } catch (error) {
    announce(error instanceof Refused ? error.message : 'Die Anmeldung konnte nicht geprüft werden. Bitte laden Sie die Seite neu.');
    return;
  }
  /** @type {Entry[]} */
  let entries;
  try {
    entries = await getJson(API);
  } catch (error) {
    announce(error instanceof Refused ? error.message : 'Die Anträge konnten nicht geladen werden. Bitte laden Sie die Seite neu.');
    return;
  }
  showList(entries, chosen);
  if (chosen === null) return;
  const entry = entries.find((e) => e.reference === chosen);
  if (!entry) {
    announce(`Zur Vorgangsnummer ${chosen} gibt es keinen Antrag. Wählen Sie einen Antrag aus der Liste.`);
    return;
  }
  try {
    await showDetail(entry);
  } catch {
    announce(`Der Antrag ${chosen} konnte nicht geladen werden. Bitte laden Sie die Seite neu.`);
  }
}

main();
