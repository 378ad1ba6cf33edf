import { msg } from '@lit/localize';
import type { ServiceSpec } from '../service.js';
import { aufenthaltstitelStart } from './start.js';

export const aufenthaltstitel: ServiceSpec = {
  service: 'aufenthaltstitel',
  definition: aufenthaltstitelStart,
  loadDefinition: async () => (await import('./definition.js')).aufenthaltstitelDefinition,
  loadValidator: async () => (await import('../../schema/generated/aufenthaltstitel.js')).default,
  title: () => msg('Aufenthaltstitel'),
  nextSteps: (data) => {
    const items = [
      msg('Die Ausländerbehörde prüft Ihre Angaben und meldet sich bei Ihnen, wenn etwas fehlt.'),
      msg('Ihr Antrag ist mit dem Absenden gestellt; es zählt der Tag, an dem er bei der Ausländerbehörde eingegangen ist. Sie müssen ihn nicht noch einmal unterschreiben.'),
    ];
    if (data.route === 'beschleunigtes-fachkraefteverfahren') {
      items.push(
        msg('Die Ausländerbehörde schließt mit Ihnen als Arbeitgeber die Vereinbarung über das beschleunigte Fachkräfteverfahren (§ 81a AufenthG). Danach beantragt die Fachkraft das Visum bei der deutschen Auslandsvertretung; Fingerabdrücke und Lichtbild nimmt die Auslandsvertretung auf.'),
      );
    } else if (data.route === 'beschaeftigungserlaubnis') {
      items.push(
        msg('Wenn die Bundesagentur für Arbeit zustimmen muss, fragt die Ausländerbehörde sie. Die Erlaubnis wird in Ihre Duldung oder Aufenthaltsgestattung eingetragen; eine Karte, Fingerabdrücke oder ein Lichtbild brauchen Sie dafür nicht.'),
      );
    } else {
      items.push(
        msg('Wenn die Ausländerbehörde Sie persönlich braucht, lädt sie Sie ein, zum Beispiel für Ihre Fingerabdrücke und Ihre Unterschrift auf der Karte. Bringen Sie dann Ihren Pass und die Unterlagen mit, die Sie nicht hochgeladen haben.'),
        msg('Ein Lichtbild nimmt die Ausländerbehörde nur digital an: von einem Fotostudio elektronisch übermittelt oder in der Behörde aufgenommen (§ 60 AufenthV). Ein Papierfoto brauchen Sie nicht.'),
      );
      if (data.route !== 'neue-karte') {
        items.push(
          msg('Haben Sie den Antrag vor Ablauf Ihres Aufenthaltstitels gestellt, gilt er bis zur Entscheidung weiter (§ 81 Abs. 4 AufenthG); die Behörde sagt Ihnen, ob Sie eine Fiktionsbescheinigung bekommen.'),
        );
      }
    }
    return [{ kind: 'heading', text: msg('So geht es weiter') }, { kind: 'list', items }];
  },
};
