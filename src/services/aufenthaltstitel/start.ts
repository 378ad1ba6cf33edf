/**
 * The start page of the residence-permit application, and a definition of it alone: the element's entry carries
 * only this page, which shows at once; the rest of the definition (definition.ts) loads beside the validator and
 * the field kit, which the steps after it need anyway.
 */
import { msg } from '@lit/localize';
import type { FormDefinition, StepDef } from '../../engine/definition.js';
import { aufenthaltstitelDataProtectionBlocks } from './data-protection.js';

export const startStep: StepDef = {
  id: 'start',
  title: () => msg('Aufenthaltstitel beantragen'),
  children: [
    {
      type: 'content',
      blocks: (context) => [
        {
          kind: 'paragraph',
          text: msg(
            'Mit diesem Formular beantragen Sie einen Aufenthaltstitel oder seine Verlängerung. Wenn Sie es absenden, ist Ihr Antrag gestellt: Es zählt der Tag, an dem er bei der Ausländerbehörde eingeht. Eine Unterschrift auf Papier ist dafür nicht nötig. Die Ausländerbehörde lädt Sie ein, wenn sie Sie persönlich braucht, zum Beispiel für Fingerabdrücke und Ihre Unterschrift auf der Karte.',
          ),
        },
        { kind: 'heading', text: msg('Das brauchen Sie') },
        {
          kind: 'list',
          items: [
            msg('Ihren Reisepass'),
            msg('Ihren jetzigen Aufenthaltstitel oder Ihr Visum, wenn Sie eines haben'),
            msg('Unterlagen zu Ihrem Vorhaben, zum Beispiel Arbeitsvertrag, Zulassung oder Heiratsurkunde'),
          ],
        },
        {
          kind: 'paragraph',
          text: msg(
            'Möchten Sie Ihren Aufenthaltstitel verlängern? Senden Sie den Antrag ab, bevor er abläuft. Dann gilt Ihr Aufenthaltstitel bis zur Entscheidung weiter (§ 81 Abs. 4 AufenthG).',
          ),
        },
        {
          kind: 'paragraph',
          text: msg('Stellen Sie den Antrag für Ihr Kind oder eine andere Person, die Sie gesetzlich vertreten, geben Sie überall deren Angaben ein. Ihre eigenen Angaben fragt das Formular gesondert.'),
        },
        ...aufenthaltstitelDataProtectionBlocks(context),
      ],
    },
  ],
};

export const aufenthaltstitelStart: FormDefinition = { service: 'aufenthaltstitel', schemaVersion: '2.0.0', steps: [startStep] };
