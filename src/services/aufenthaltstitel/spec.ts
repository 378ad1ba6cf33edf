import { msg } from '@lit/localize';
import type { ServiceSpec } from '../service.js';
import { aufenthaltstitelDefinition } from './definition.js';

export const aufenthaltstitel: ServiceSpec = {
  service: 'aufenthaltstitel',
  definition: aufenthaltstitelDefinition,
  loadValidator: async () => (await import('../../schema/generated/aufenthaltstitel.js')).default,
  title: () => msg('Aufenthaltstitel'),
  nextSteps: () => [
    { kind: 'heading', text: msg('So geht es weiter') },
    {
      kind: 'list',
      items: [
        msg('Die Ausländerbehörde prüft Ihre Angaben und meldet sich bei Ihnen, wenn etwas fehlt.'),
        msg('Sie bekommen einen Termin. Dort unterschreiben Sie den Antrag und geben Ihre Fingerabdrücke; bringen Sie Ihren Pass, ein biometrisches Lichtbild und die Unterlagen mit, die Sie nicht hochgeladen haben.'),
        msg('Bis zur Entscheidung gilt Ihr bisheriges Aufenthaltsrecht in vielen Fällen fort; die Behörde sagt Ihnen, ob Sie eine Fiktionsbescheinigung bekommen.'),
      ],
    },
  ],
};
