import { msg, str } from '@lit/localize';
import type { ContentBlock } from '../../engine/definition.js';
import type { ServiceSpec } from '../service.js';
import { verpflichtungserklaerungDefinition } from './definition.js';
import { feeOf, type VerpflichtungserklaerungConfig } from './config.js';
import { selbstauskunftBonitaet, selfCheck } from './self-check.js';

function nextSteps(data: Readonly<Record<string, unknown>>, config: VerpflichtungserklaerungConfig | undefined): ContentBlock[] {
  const fee = feeOf(config);
  const common: ContentBlock[] = [
    { kind: 'heading', text: msg('So geht es weiter') },
  ];
  if (data.abgabeart === 'eid') {
    return [
      ...common,
      {
        kind: 'list',
        items: [
          msg('Die Ausländerbehörde prüft Ihre Angaben und Nachweise. Wenn etwas fehlt, meldet sie sich bei Ihnen.'),
          msg(str`Sie bezahlen die Gebühr von ${fee}. Die Behörde sagt Ihnen, wie.`),
          msg(
            'Wenn die Behörde Ihre Zahlungsfähigkeit bestätigt, schickt sie Ihnen die Verpflichtungserklärung. Eine Unterschrift brauchen Sie dafür nicht, weil Sie die Erklärung elektronisch abgegeben haben (§ 68 Abs. 2 AufenthG). Bestätigt sie sie nicht, teilt sie Ihnen das mit.',
          ),
          msg('Schicken Sie die Verpflichtungserklärung Ihrem Gast. Er legt sie mit seinem Visumantrag vor.'),
        ],
      },
    ];
  }
  return [
    ...common,
    {
      kind: 'list',
      items: [
        msg('Die Ausländerbehörde prüft Ihre Angaben und gibt Ihnen einen Termin.'),
        msg('Zum Termin unterschreiben Sie die Erklärung; die Behörde beglaubigt Ihre Unterschrift.'),
        msg('Schicken Sie die Verpflichtungserklärung danach Ihrem Gast. Er legt sie mit seinem Visumantrag vor.'),
      ],
    },
    { kind: 'heading', text: msg('Bringen Sie zum Termin mit') },
    {
      kind: 'list',
      items: [
        msg('Ihren Personalausweis, Reisepass oder elektronischen Aufenthaltstitel'),
        msg('die Nachweise, die Sie nicht hochgeladen haben'),
        msg('Ihre Vorgangsnummer'),
        msg(str`die Gebühr von ${fee}`),
      ],
    },
  ];
}

export const verpflichtungserklaerung: ServiceSpec<VerpflichtungserklaerungConfig> = {
  service: 'verpflichtungserklaerung',
  definition: verpflichtungserklaerungDefinition,
  loadValidator: async () => (await import('../../schema/generated/verpflichtungserklaerung.js')).default,
  title: () => msg('Verpflichtungserklärung'),
  derive: (data, config, today) => {
    const result = selfCheck(data, config, today);
    return result ? { ...data, selbstauskunftBonitaet: selbstauskunftBonitaet(result) } : data;
  },
  nextSteps: (data, _receipt, config) => nextSteps(data, config),
};
