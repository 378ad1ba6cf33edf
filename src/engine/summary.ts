/**
 * The answers as people read them: for the "check your answers" page and the printable summary. Values are
 * formatted in the active locale; option and code-list values show their labels.
 */
import { msg } from '@lit/localize';
import { codeLabel, codeOf } from './codelists.js';
import { euros } from './money.js';
import { codeLabelIn } from '../i18n/code-labels.js';
import { formatAmount, formatDate } from '../i18n/format.js';
import type { FieldDef } from './definition.js';
import type { AttachmentRef, FieldView, NodeView, StepView } from './form-engine.js';

export interface SummaryRow {
  /** The field to go back to. */
  pointer: string;
  label: string;
  value: string;
}

export interface SummarySection {
  heading?: string;
  rows: SummaryRow[];
}

function optionLabel(def: FieldDef, value: string): string {
  return def.options?.().find((o) => o.value === value)?.label() ?? value;
}

/** An answer as submitted (`FieldView.submitted`: trimmed, normalised, files as attachment references), for reading. */
export function formatValue(def: FieldDef, value: unknown, locale: string): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return msg('Keine Angabe');
  if (def.codelist) {
    const code = codeOf(value) ?? '';
    const german = codeLabel(def.codelist, code);
    return german === undefined ? code : codeLabelIn(def.codelist, code, german, locale);
  }
  switch (def.kind) {
    case 'date':
      return formatDate(String(value), locale);
    case 'amount': {
      const amount = euros(value);
      return amount === undefined ? String(value) : formatAmount(amount, locale);
    }
    case 'select':
    case 'radio':
      return optionLabel(def, String(value));
    case 'checkboxes':
      return (value as string[]).map((v) => optionLabel(def, v)).join(', ');
    case 'consent':
      return msg('Zur Kenntnis genommen');
    case 'yesno':
      return value === true ? msg('Ja') : msg('Nein');
    case 'file':
      return [value as AttachmentRef | AttachmentRef[]].flat().map((reference) => reference.dateiname).join(', ');
    default:
      return String(value);
  }
}

/** One section per group item or titled group, in the order of the step; each answer as the office receives it. */
export function summarize(step: StepView, locale: string): SummarySection[] {
  const sections: SummarySection[] = [{ rows: [] }];
  const row = (field: FieldView): SummaryRow => ({
    pointer: field.pointer,
    label: field.def.label(),
    value: formatValue(field.def, field.submitted, locale),
  });
  const visit = (nodes: readonly NodeView[], section: SummarySection): void => {
    for (const node of nodes) {
      if (node.kind === 'field') {
        if (!node.def.notSubmitted) section.rows.push(row(node));
      }
      else if (node.kind === 'group' && node.items) {
        for (const item of node.items) {
          const own: SummarySection = { heading: item.legend, rows: [] };
          sections.push(own);
          visit(item.children, own);
        }
      } else if (node.kind === 'group') {
        const own: SummarySection = { ...(node.def.legend ? { heading: node.def.legend() } : {}), rows: [] };
        sections.push(own);
        visit(node.children, own);
      }
    }
  };
  visit(step.children, sections[0]!);
  return sections.filter((s) => s.rows.length > 0);
}
