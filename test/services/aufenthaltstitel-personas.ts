/**
 * Applicants as they would describe themselves, in German and English, with the facts of their situation
 * (src/services/aufenthaltstitel/route-facts.ts) and the route the law sends them to. The first twelve were
 * written before the answers of the first question were reworded, without the new wording.
 */
import type { RouteFact } from '../../src/services/aufenthaltstitel/route-facts.js';

export interface Persona {
  id: string;
  de: string;
  en: string;
  facts: readonly RouteFact[];
  route: string;
}

export const PERSONAS: readonly Persona[] = [
  {
    id: 'turkish-wife-of-turkish-resident',
    de: 'Ayşe ist Türkin. Sie hat Mehmet geheiratet, einen Türken mit Niederlassungserlaubnis in Köln, und zieht zu ihm.',
    en: 'Ayşe is Turkish. She married Mehmet, a Turkish citizen with a settlement permit in Cologne, and is moving in with him.',
    facts: ['lives-with-family', 'family-member-third-country'],
    route: 'familie',
  },
  {
    id: 'nigerian-spouse-of-french-citizen',
    de: 'Chidi ist Nigerianer und mit Claire verheiratet, einer Französin, die in Hamburg arbeitet. Sie leben zusammen in Hamburg; Chidi hat dort auch einen Teilzeitjob.',
    en: 'Chidi is Nigerian and married to Claire, a French citizen working in Hamburg. They live together in Hamburg, where Chidi also has a part-time job.',
    facts: ['lives-with-family', 'family-member-eu-eea-swiss', 'works-or-has-job-offer'],
    route: 'aufenthaltskarte',
  },
  {
    id: 'brazilian-spouse-of-german',
    de: 'Ana ist Brasilianerin und hat Jonas geheiratet, einen Deutschen, der immer in Deutschland gelebt hat. Sie möchte bei ihm in Bremen wohnen.',
    en: 'Ana is Brazilian and married Jonas, a German who has always lived in Germany. She wants to live with him in Bremen.',
    facts: ['lives-with-family', 'family-member-german'],
    route: 'familie',
  },
  {
    id: 'student-wants-to-work-more',
    de: 'Li studiert mit einer Aufenthaltserlaubnis in Dresden und möchte neben dem Studium mehr arbeiten, als seine Erlaubnis zulässt.',
    en: 'Li studies in Dresden on a residence permit and wants to work more alongside his studies than his permit allows.',
    facts: ['holds-residence-title', 'studies-or-trains', 'works-or-has-job-offer', 'wants-only-a-condition-changed'],
    route: 'nebenbestimmungen',
  },
  {
    id: 'south-african-husband-of-german-returning-from-spain',
    de: 'Sipho ist Südafrikaner. Er hat mit seiner deutschen Frau Lena drei Jahre in Spanien gelebt, wo sie gearbeitet hat. Jetzt ziehen beide nach Leipzig.',
    en: 'Sipho is South African. He lived in Spain for three years with his German wife Lena, who worked there. Now they are both moving to Leipzig.',
    facts: ['lives-with-family', 'family-member-german', 'family-member-german-used-free-movement-with-applicant'],
    route: 'aufenthaltskarte',
  },
  {
    id: 'indian-engineer-with-job-offer',
    de: 'Priya ist Softwareingenieurin aus Indien mit Masterabschluss und hat eine Stelle in München angeboten bekommen.',
    en: 'Priya is a software engineer from India with a master’s degree and has been offered a job in Munich.',
    facts: ['works-or-has-job-offer'],
    route: 'erwerbstaetigkeit',
  },
  {
    id: 'ghanaian-student-admitted',
    de: 'Kwame aus Ghana ist für einen Masterstudiengang in Aachen zugelassen.',
    en: 'Kwame from Ghana has been admitted to a master’s programme in Aachen.',
    facts: ['studies-or-trains'],
    route: 'ausbildung',
  },
  {
    id: 'ukrainian-mother-fled-kharkiv',
    de: 'Olena ist im März 2022 mit ihren Kindern aus Charkiw geflohen und lebt seitdem in Rostock.',
    en: 'Olena fled Kharkiv with her children in March 2022 and has lived in Rostock since.',
    facts: ['fled-war-in-ukraine'],
    route: 'schutz-24',
  },
  {
    id: 'somali-with-duldung-and-bakery-job',
    de: 'Abdi aus Somalia hat eine Duldung. Eine Bäckerei möchte ihn einstellen; er braucht die Erlaubnis zu arbeiten.',
    en: 'Abdi from Somalia has a Duldung. A bakery wants to hire him; he needs permission to work.',
    facts: ['holds-duldung', 'works-or-has-job-offer', 'wants-only-a-condition-changed'],
    route: 'beschaeftigungserlaubnis',
  },
  {
    id: 'bakery-hiring-vietnamese-baker',
    de: 'Die Bäckerei Schulz in Kassel möchte einen ausgebildeten Bäcker aus Vietnam einstellen und das Visumverfahren beschleunigen.',
    en: 'Bäckerei Schulz in Kassel wants to hire a trained baker from Vietnam and speed up the visa procedure.',
    facts: ['employer-hiring-from-abroad'],
    route: 'beschleunigtes-fachkraefteverfahren',
  },
  {
    id: 'colombian-lost-card',
    de: 'Marta aus Kolumbien hat ihre Aufenthaltskarte verloren. Ihre Aufenthaltserlaubnis ist noch zwei Jahre gültig.',
    en: 'Marta from Colombia has lost her residence card. Her residence permit is valid for two more years.',
    facts: ['holds-residence-title', 'wants-only-a-new-card'],
    route: 'neue-karte',
  },
  {
    id: 'blue-card-holder-five-years',
    de: 'Rahul arbeitet seit fünf Jahren mit einer Blauen Karte EU in Stuttgart und möchte für immer bleiben.',
    en: 'Rahul has worked in Stuttgart on an EU Blue Card for five years and wants to stay for good.',
    facts: ['holds-residence-title', 'works-or-has-job-offer', 'wants-to-stay-permanently'],
    route: 'niederlassung',
  },
];
