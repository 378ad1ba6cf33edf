import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { SubmitError } from '../../src/adapters/adapter.js';
import type { Text } from '../../src/engine/definition.js';
import { formatSize } from '../../src/adapters/limits.js';
import { getLocale } from '../../src/i18n/locale.js';

/** Why the last sending did not work; when it was too large, also the attachments to remove or shrink. */
export interface SendFailure {
  error: SubmitError;
  shrink: File[];
  /** When the receiver found authenticated answers changed: the labels of their fields. */
  changed: Text[];
}

export function renderSendFailure({ error, shrink, changed }: SendFailure): TemplateResult {
  const locale = getLocale();
  const earlier = error.details.earlier?.reference;
  return html`<div class="send-error" part="send-error" role="alert" tabindex="-1">
    ${error.failure === 'changed-resend'
      ? html`<h3>${msg('Eine frühere Fassung ist schon angekommen')}</h3>
          <p>
            ${earlier
              ? msg(str`Eine frühere Fassung Ihrer Angaben ist bei der Behörde unter der Vorgangsnummer ${earlier} eingegangen. Ihre Änderungen danach sind dort nicht angekommen.`)
              : msg('Eine frühere Fassung Ihrer Angaben ist bei der Behörde eingegangen. Ihre Änderungen danach sind dort nicht angekommen.')}
            ${msg('Ihre Angaben hier sind nicht verloren.')}
          </p>
          <p>
            ${msg('Wenn die Behörde Ihre geänderten Angaben bekommen soll, senden Sie sie als Korrektur. Die Korrektur bekommt eine eigene Vorgangsnummer; nennen Sie bei Rückfragen beide Nummern.')}
          </p>`
      : html`<h3>${msg('Das Senden hat nicht geklappt')}</h3>
          <p>${sendErrorText(error, locale)}</p>
          ${changed.length > 0 ? html`<ul class="changed">${changed.map((label) => html`<li>${label()}</li>`)}</ul>` : nothing}`}
    ${shrink.length > 0
      ? html`<p>${msg('Entfernen oder verkleinern Sie zum Beispiel diese Dateien (etwa mit geringerer Auflösung eingescannt):')}</p>
          <ul class="shrink">
            ${shrink.map((file) => html`<li>${file.name} (${formatSize(file.size, locale)})</li>`)}
          </ul>
          <p>${msg('Mit „Ändern“ bei der jeweiligen Angabe kommen Sie zu den Dateien.')}</p>`
      : nothing}
  </div>`;
}

function sendErrorText(error: SubmitError, locale: string): string {
  switch (error.failure) {
    case 'network':
      return msg('Die Verbindung zur Behörde ist gerade nicht möglich. Ihre Angaben sind nicht verloren. Prüfen Sie Ihre Internetverbindung und senden Sie dann erneut.');
    case 'timeout':
      return msg('Die Behörde hat nicht rechtzeitig geantwortet. Ihre Angaben sind nicht verloren. Senden Sie bitte erneut: Falls sie doch angekommen sind, kommen sie nicht doppelt an.');
    case 'server':
      return msg('Der Server der Behörde ist gerade nicht erreichbar. Ihre Angaben sind nicht verloren. Versuchen Sie es in einigen Minuten erneut.');
    case 'aborted':
      return msg('Das Senden wurde abgebrochen. Ihre Angaben sind nicht verloren. Falls sie doch schon angekommen sind, kommen sie beim erneuten Senden nicht doppelt an.');
    case 'insecure-context':
      return msg('Diese Seite ist nicht sicher verschlüsselt (ihre Adresse beginnt nicht mit „https://“). Ohne diese Verschlüsselung kann Ihr Browser Ihre Angaben nicht geschützt an die Behörde senden. Ihre Angaben sind nicht verloren. Öffnen Sie die Seite mit „https://“ am Anfang der Adresse oder wenden Sie sich an die Behörde.');
    case 'untrusted-key':
      return msg('Der Schlüssel der Behörde konnte nicht überprüft werden. Damit Ihre Angaben nur die Behörde lesen kann, wurde nichts gesendet. Ihre Angaben sind nicht verloren. Bitte wenden Sie sich an die Behörde.');
    case 'service-not-offered':
      return msg('Die Behörde nimmt diesen Antrag auf diesem Weg derzeit nicht an. Es wurde nichts gesendet. Ihre Angaben sind nicht verloren. Bitte wenden Sie sich an die Behörde.');
    case 'identity':
      switch (error.details.identity?.reason) {
        case 'changed':
          return msg('Diese Angaben stimmen nicht mit Ihrer Anmeldung im Portal überein. Ihre Angaben sind nicht verloren. Melden Sie sich im Portal bitte erneut an und senden Sie dann erneut.');
        case 'level':
          return msg('Für diese Abgabe verlangt die Behörde eine sicherere Anmeldung, zum Beispiel mit der Online-Ausweisfunktion Ihres Ausweises. Ihre Angaben sind nicht verloren. Melden Sie sich im Portal so an und senden Sie dann erneut, oder wenden Sie sich an die Behörde.');
        default:
          return msg('Ihre Anmeldung im Portal konnte nicht bestätigt werden, zum Beispiel weil sie abgelaufen ist. Ihre Angaben sind nicht verloren. Melden Sie sich im Portal bitte erneut an und senden Sie dann erneut.');
      }
    case 'too-large':
      return error.details.limit
        ? msg(str`Ihre Angaben sind mit allen Dateien zu groß zum Senden: Die Behörde nimmt höchstens ${formatSize(error.details.limit, locale)} an. Ihre Angaben sind nicht verloren.`)
        : msg('Ihre Angaben sind mit allen Dateien zu groß zum Senden. Ihre Angaben sind nicht verloren.');
    default:
      return msg('Ihre Angaben konnten nicht übermittelt werden. Ihre Angaben sind nicht verloren. Versuchen Sie es später erneut oder wenden Sie sich an die Behörde.');
  }
}
