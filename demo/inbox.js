/**
 * The clerks' inbox (inbox.html): lists the submissions from the reference receiver, filtered by stage, service
 * and new answers (`?status=&service=&answer=new`, the receiver's own filters, kept in the page's address), and
 * shows the chosen one (`?vorgang=<reference>`) as the citizen read it before sending (server/readable.ts), its
 * attachments under their purpose, a JSON download and a PDF for the file, the messages of the return channel
 * with the citizen's answers (server/clerk-cases.ts), and a form that writes a new message to the citizen.
 * Everything from the API is written with textContent or attributes, never parsed as HTML.
 */

const API = '/api/submissions';
const SERVICES = { verpflichtungserklaerung: 'Verpflichtungserklärung', aufenthaltstitel: 'Aufenthaltstitel' };
const STATUSES = {
  eingegangen: 'Eingegangen',
  'in-bearbeitung': 'In Bearbeitung',
  'unterlagen-fehlen': 'Unterlagen fehlen',
  'termin-angeboten': 'Termin angeboten',
  'entscheidung-liegt-vor': 'Entscheidung liegt vor',
  abgeschlossen: 'Abgeschlossen',
};
/** The list's filters, named as the receiver's list takes them (server/clerk-cases.ts). */
const FILTERS = ['status', 'service', 'answer'];
const DATE_TIME = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

/**
 * @typedef {{ reference: string, service: string, receivedAt: string }} Entry
 * @typedef {Entry & { status: string, newAnswer: boolean }} ListEntry
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

/** @param {string} status */
function statusName(status) {
  return STATUSES[/** @type {keyof typeof STATUSES} */ (status)] ?? status;
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

/** The server's refusal (403, 400), in its own words: e.g. no inbox where no sign-in is set up, a filter it does not know. */
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
  if (response.status === 403 || response.status === 400) throw new Refused((await response.json()).message);
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

/**
 * The answers as the citizen read them before sending: per step its title, then the questions and answers
 * (server/readable.ts); what the form computed follows under its keys.
 * @param {{ steps: { title: string, sections: { heading?: string, rows: { label: string, value: string }[] }[] }[], computed: Record<string, unknown> }} submission
 */
function readable({ steps, computed }) {
  const part = document.createDocumentFragment();
  for (const step of steps) {
    part.append(el('h4', step.title));
    for (const section of step.sections) {
      if (section.heading) part.append(el('h5', section.heading));
      const list = el('dl');
      list.className = 'data';
      for (const row of section.rows) list.append(el('dt', row.label), definition(row.value));
      part.append(list);
    }
  }
  if (Object.keys(computed).length > 0) {
    part.append(el('h4', 'Vom Formular berechnet'));
    const data = render(computed);
    if (data instanceof HTMLElement) data.classList.add('data');
    part.append(data);
  }
  return part;
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

/**
 * The filters in the page's address (`?status=…&service=…&answer=new`), without empty ones.
 * @param {URLSearchParams} params
 */
function filtersOf(params) {
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters.set(name, value);
  }
  return filters;
}

/**
 * @param {ListEntry[]} entries
 * @param {string | null} chosen
 * @param {URLSearchParams} filters
 */
function showList(entries, chosen, filters) {
  const rows = /** @type {HTMLTableSectionElement} */ (byId('inbox-rows'));
  rows.replaceChildren();
  for (const entry of entries) {
    const row = rows.insertRow();
    const link = el('a', entry.reference);
    const target = new URLSearchParams(filters);
    target.set('vorgang', entry.reference);
    link.href = `?${target}`;
    if (entry.reference === chosen) link.setAttribute('aria-current', 'true');
    row.insertCell().append(link);
    row.insertCell().textContent = serviceName(entry.service);
    row.insertCell().append(time(entry.receivedAt));
    const stage = row.insertCell();
    stage.textContent = statusName(entry.status);
    if (entry.newAnswer) stage.append(el('br'), el('strong', 'Neue Antwort'));
  }
  byId('inbox-list').hidden = entries.length === 0;
  const count = entries.length === 1 ? 'Ein Antrag' : `${entries.length} Anträge`;
  if (filters.size > 0) announce(entries.length === 0 ? 'Kein Antrag entspricht dem Filter.' : `${count} ${entries.length === 1 ? 'entspricht' : 'entsprechen'} dem Filter.`);
  else if (entries.length === 0) announce('Es sind noch keine Anträge eingegangen.');
  else announce(`${count} ${entries.length === 1 ? 'ist' : 'sind'} eingegangen.`);
}

/** Counts the list's loads: an answer that a later load overtook is not shown. */
let listLoads = 0;

/**
 * Loads the list the page's address asks for and shows its filters in the form.
 * @param {string | null} chosen
 */
async function loadList(chosen) {
  const load = ++listLoads;
  const filters = filtersOf(new URLSearchParams(location.search));
  const form = /** @type {HTMLFormElement} */ (byId('filter'));
  for (const name of ['status', 'service']) /** @type {HTMLSelectElement} */ (form.elements.namedItem(name)).value = filters.get(name) ?? '';
  /** @type {HTMLInputElement} */ (form.elements.namedItem('answer')).checked = filters.get('answer') === 'new';
  const entries = await getJson(filters.size > 0 ? `${API}?${filters}` : API);
  if (load === listLoads) showList(entries, chosen, filters);
}

/**
 * Filtering puts the filters in the address (a reload or a bookmark keeps them) and loads the list again; the
 * chosen submission stays open.
 * @param {string | null} chosen
 */
function setUpFilter(chosen) {
  const form = /** @type {HTMLFormElement} */ (byId('filter'));
  const reload = () =>
    loadList(chosen).catch((error) => announce(error instanceof Refused ? error.message : 'Die Anträge konnten nicht geladen werden. Bitte laden Sie die Seite neu.'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = filtersOf(new URLSearchParams(/** @type {Record<string, string>} */ (Object.fromEntries(new FormData(form)))));
    if (chosen !== null) params.set('vorgang', chosen);
    history.pushState(null, '', `?${params}`);
    announce('Die Anträge werden geladen …');
    reload();
  });
  window.addEventListener('popstate', reload);
  form.hidden = false;
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
    ['Stand', statusName(status)],
    ['Behörde (AGS)', envelope.authority ?? '—'],
    ['Sprache', envelope.locale],
    ['Schema-Version', envelope.schemaVersion],
    ['Kennung der Einreichung', envelope.id],
  ];
  for (const [term, value] of facts) meta.append(el('dt', term), definition(value));

  byId('detail-data').replaceChildren(readable(await getJson(`${API}/${reference}/readable`)));

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
  /** @type {HTMLAnchorElement} */ (byId('detail-pdf')).href = `${API}/${reference}/pdf`;

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
  return csrfToken;
}

/**
 * @param {HTMLElement} scope
 * @param {string} name
 */
function valueOf(scope, name) {
  const control = /** @type {HTMLInputElement | null} */ (scope.querySelector(`[name="${name}"]`));
  return control?.value.trim() ?? '';
}

/**
 * Minutes east of UTC in the office's time zone at `instant`.
 * @param {Date} instant
 */
function officeOffset(instant) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(name) ?? ['', '+', '00', '00'];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/**
 * A time the clerk typed (`datetime-local`, `2026-12-10T09:00`) as the office's local time, plus `later`
 * minutes, with its offset (`2026-12-10T09:00:00+01:00`): the slot means the clock in the office, wherever the
 * clerk's computer thinks it is.
 * @param {string} local
 * @param {number} [later]
 */
function officeTime(local, later = 0) {
  const wall = Date.parse(`${local}:00Z`) + later * 60_000;
  const offset = officeOffset(new Date(wall - officeOffset(new Date(wall)) * 60_000));
  const pad = (/** @type {number} */ n) => String(Math.abs(n)).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  return `${new Date(wall).toISOString().slice(0, 19)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/**
 * The message the chosen part of the form describes, as `data` of schemas/return/nachricht.schema.json. Empty
 * optional fields are left out; whatever is missing or wrong the receiver names (422).
 * @param {string} type
 * @param {HTMLElement} part
 */
function messageData(type, part) {
  /** @type {Record<string, unknown>} */
  const data = {};
  const optional = (/** @type {string} */ name) => {
    const value = valueOf(part, name);
    if (value) data[name] = value;
  };
  switch (type) {
    case 'statusaenderung':
      data.status = valueOf(part, 'status');
      optional('hinweis');
      break;
    case 'unterlagenanforderung':
      data.unterlagen = [...part.querySelectorAll('input[name="zweck"]:checked')].map((box) => ({ zweck: /** @type {HTMLInputElement} */ (box).value }));
      optional('frist');
      optional('freitext');
      break;
    case 'terminangebot': {
      const minutes = Number(valueOf(part, 'dauer')) || 30;
      data.termine = [...part.querySelectorAll('input[name="beginn"]')]
        .map((input) => /** @type {HTMLInputElement} */ (input).value)
        .filter(Boolean)
        .map((local) => ({ id: crypto.randomUUID(), beginn: officeTime(local), ende: officeTime(local, minutes), ort: valueOf(part, 'ort') }));
      break;
    }
    case 'anhoerung':
      for (const name of ['gegenstand', 'frist', 'rechtsgrundlage']) optional(name);
      break;
    case 'zahlungsaufforderung': {
      // As a clerk types it ("29", "29,00", "1.250,50"), into the schema's decimal string ("1250.50").
      const typed = valueOf(part, 'betrag').replace(/[\s€]/g, '');
      const plain = typed.includes(',') ? typed.replace(/\./g, '').replace(',', '.') : typed;
      if (typed) data.betrag = /^\d+(\.\d{1,2})?$/.test(plain) ? Number(plain).toFixed(2) : typed;
      for (const name of ['zweck', 'faelligAm', 'zahlungslink']) optional(name);
      break;
    }
  }
  return data;
}

/**
 * The labels of the fields a 422 answer names, so the clerk reads which field to fix.
 * @param {HTMLElement} part
 * @param {{ instancePath: string, params: Record<string, unknown> }[]} errors
 */
function fieldsNamed(part, errors) {
  const labels = new Set();
  for (const error of errors) {
    const keys = error.instancePath.split('/').filter((key) => key && !/^\d+$/.test(key));
    const name = typeof error.params.missingProperty === 'string' ? error.params.missingProperty : keys.at(-1);
    const control = name === 'unterlagen' || name === 'zweck' ? part.querySelector('legend') : part.querySelector(`[name="${name === 'termine' ? 'beginn' : name}"]`);
    const label = control?.tagName === 'LEGEND' ? control : control && part.querySelector(`label[for="${control.id}"]`);
    if (label) labels.add(label.textContent);
  }
  return [...labels];
}

/**
 * The form that writes to the citizen: one fieldset per kind of message, only the chosen one shown. A message
 * keeps its id until it is stored, so sending again after a lost answer stores it once.
 * @param {string} reference
 * @param {string} csrfToken
 */
async function setUpCompose(reference, csrfToken) {
  const form = /** @type {HTMLFormElement} */ (byId('compose'));
  const type = /** @type {HTMLSelectElement} */ (byId('compose-type'));
  const parts = /** @type {HTMLFieldSetElement[]} */ ([...form.querySelectorAll(':scope > fieldset[data-type]')]);
  const show = () => parts.forEach((part) => (part.hidden = part.dataset.type !== type.value));
  type.addEventListener('change', show);
  show();

  const purposes = byId('request-purposes');
  for (const [code, label] of await purposeLabels()) {
    const box = el('input');
    box.type = 'checkbox';
    box.name = 'zweck';
    box.value = code;
    box.id = `zweck-${code}`;
    const text = el('label', label);
    text.htmlFor = box.id;
    const line = el('p');
    line.append(box, ' ', text);
    purposes.append(line);
  }

  let messageId = crypto.randomUUID();
  const status = byId('compose-status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const part = /** @type {HTMLFieldSetElement} */ (parts.find((p) => p.dataset.type === type.value));
    status.textContent = 'Die Nachricht wird gesendet …';
    const response = await fetch(`/clerks/cases/${encodeURIComponent(reference)}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ id: messageId, type: type.value, data: messageData(type.value, part) }),
    }).catch(() => undefined);
    if (response?.status === 401) return signInAgain();
    if (response?.status === 422) {
      const named = fieldsNamed(part, (await response.json()).errors ?? []);
      status.textContent = `Die Nachricht wurde nicht gesendet. Bitte prüfen Sie: ${named.length > 0 ? named.join(', ') : 'alle Angaben'}.`;
      return;
    }
    if (!response?.ok) {
      status.textContent = 'Die Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es noch einmal.';
      return;
    }
    messageId = crypto.randomUUID();
    for (const control of part.querySelectorAll('input:not([type="checkbox"]):not([name="dauer"]):not([name="ort"]):not([name="rechtsgrundlage"]), textarea')) {
      /** @type {HTMLInputElement} */ (control).value = '';
    }
    for (const box of part.querySelectorAll('input[type="checkbox"]')) /** @type {HTMLInputElement} */ (box).checked = false;
    const { messages } = await getJson(`/clerks/cases/${encodeURIComponent(reference)}/messages`);
    byId('detail-messages').replaceChildren(renderMessages(messages));
    status.textContent = 'Die Nachricht wurde gesendet. Die antragstellende Person sieht sie unter „Mein Antrag“.';
  });
}

async function main() {
  const chosen = new URLSearchParams(location.search).get('vorgang');
  announce('Die Anträge werden geladen …');
  let csrfToken;
  try {
    csrfToken = await showClerk();
  } catch (error) {
    announce(error instanceof Refused ? error.message : 'Die Anmeldung konnte nicht geprüft werden. Bitte laden Sie die Seite neu.');
    return;
  }
  // Before the list: a filter the receiver refuses (an old bookmark) is then changed in the form.
  setUpFilter(chosen);
  try {
    await loadList(chosen);
  } catch (error) {
    announce(error instanceof Refused ? error.message : 'Die Anträge konnten nicht geladen werden. Bitte laden Sie die Seite neu.');
    return;
  }
  if (chosen === null) return;
  // Looked up on its own: the chosen submission need not be among those the filters show.
  /** @type {Entry | undefined} */
  const entry = await getJson(`${API}/${encodeURIComponent(chosen)}`).catch(() => undefined);
  if (!entry) {
    announce(`Zur Vorgangsnummer ${chosen} gibt es keinen Antrag. Wählen Sie einen Antrag aus der Liste.`);
    return;
  }
  try {
    await showDetail(entry);
    await setUpCompose(entry.reference, csrfToken);
  } catch {
    announce(`Der Antrag ${chosen} konnte nicht geladen werden. Bitte laden Sie die Seite neu.`);
  }
}

main();
