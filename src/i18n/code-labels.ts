/**
 * Code-list labels in the user's language. The XÖV lists are German; for states and nationalities the
 * browser's own CLDR data names the country in any language, once the Destatis entry is matched to its ISO
 * 3166 code by its German name. Nothing extra is shipped. Entries without a country of today (Jugoslawien,
 * staatenlos, …) keep their official German label.
 */
import { msg } from '@lit/localize';
import type { CodeListName } from '../engine/codelists.js';

/** Destatis codes whose German label differs from the CLDR German name of the country. */
const ISO_BY_DESTATIS: Readonly<Record<string, string>> = {
  '146': 'MD', // Moldau
  '160': 'RU', // Russische Föderation
  '169': 'BY', // Weißrussland
  '245': 'CG', // Kongo
  '246': 'CD', // Kongo, Demokratische Republik
  '411': 'HK', // Hongkong
  '412': 'MO', // Macau
  '434': 'KP', // Korea, Demokratische Volksrepublik
  '459': 'PS', // Palästinensische Gebiete
  '467': 'KR', // Korea, Republik
};

let isoByGermanName: Map<string, string> | undefined;

function isoFor(code: string, germanLabel: string): string | undefined {
  if (ISO_BY_DESTATIS[code]) return ISO_BY_DESTATIS[code];
  if (!isoByGermanName) {
    const german = new Intl.DisplayNames(['de'], { type: 'region' });
    isoByGermanName = new Map();
    for (let first = 65; first <= 90; first += 1) {
      for (let second = 65; second <= 90; second += 1) {
        const iso = String.fromCharCode(first, second);
        const name = german.of(iso);
        if (name && name !== iso) isoByGermanName.set(name.toLowerCase(), iso);
      }
    }
  }
  return isoByGermanName.get(germanLabel.toLowerCase());
}

/** Labels of the small lists, translated like every other message (German is the official wording). */
const SMALL_LISTS: Partial<Record<CodeListName, Readonly<Record<string, () => string>>>> = {
  geschlecht: { d: () => msg('divers'), m: () => msg('männlich'), w: () => msg('weiblich'), x: () => msg('keine Angabe') },
  familienstand: {
    LD: () => msg('ledig'),
    VH: () => msg('verheiratet'),
    VW: () => msg('verwitwet'),
    GS: () => msg('geschieden'),
    EA: () => msg('Ehe aufgehoben'),
    LP: () => msg('in eingetragener Lebenspartnerschaft'),
    LV: () => msg('durch Tod aufgelöste Lebenspartnerschaft'),
    LA: () => msg('aufgehobene Lebenspartnerschaft'),
    LE: () => msg('durch Todeserklärung aufgelöste Lebenspartnerschaft'),
    NB: () => msg('nicht bekannt'),
  },
  identifikationsdokumente: {
    '01': () => msg('Nationaler Personalausweis'),
    '02': () => msg('Nationaler Reisepass'),
    '03': () => msg('Nationaler Aufenthaltstitel'),
  },
  augenfarbe: {
    '01': () => msg('Blau'),
    '03': () => msg('Blaugrau'),
    '06': () => msg('Braun'),
    '16': () => msg('Grau'),
    '19': () => msg('Graubraun'),
    '20': () => msg('Graugrün'),
    '21': () => msg('Grauschwarz'),
    '22': () => msg('Grün'),
    '35': () => msg('Schwarz'),
    '98': () => msg('Sonstige'),
    '99': () => msg('Unbekannt'),
  },
  verwandtschaftsverhaeltnis: {
    '001': () => msg('Ehegatte / Ehegattin'),
    '002': () => msg('Lebenspartner / Lebenspartnerin'),
    '003': () => msg('andere Person, die mit der wohngeldberechtigten Person in einer Verantwortungs- und Einstehensgemeinschaft lebt'),
    '004': () => msg('Großvater / Großmutter'),
    '005': () => msg('Vater / Mutter'),
    '006': () => msg('Kind'),
    '007': () => msg('Enkelkind'),
    '008': () => msg('Bruder / Schwester'),
    '009': () => msg('Onkel / Tante'),
    '010': () => msg('Neffe / Nichte'),
    '011': () => msg('Schwiegervater / Schwiegermutter'),
    '012': () => msg('Schwiegersohn / Schwiegertochter'),
    '013': () => msg('Stiefvater / Stiefmutter'),
    '014': () => msg('Stiefkind'),
    '015': () => msg('Schwager / Schwägerin'),
    '016': () => msg('Neffe oder Nichte des Ehegatten / der Ehegattin'),
    '017': () => msg('Neffe oder Nichte des Lebenspartners / der Lebenspartnerin'),
    '018': () => msg('Pflegekind (ohne Rücksicht auf das Alter)'),
    '019': () => msg('Pflegevater / Pflegemutter'),
    '020': () => msg('Kein Verwandtschaftsverhältnis'),
    '999': () => msg('Sonstiges'),
  },
};

/** The label of a code-list entry in `locale` (German labels are the official ones). */
export function codeLabelIn(list: CodeListName, code: string, germanLabel: string, locale: string): string {
  if (locale === 'de') return germanLabel;
  if (list === 'staat' || list === 'staatsangehoerigkeit') {
    const iso = isoFor(code, germanLabel);
    return iso ? (new Intl.DisplayNames([locale], { type: 'region' }).of(iso) ?? germanLabel) : germanLabel;
  }
  return SMALL_LISTS[list]?.[code]?.() ?? germanLabel;
}
