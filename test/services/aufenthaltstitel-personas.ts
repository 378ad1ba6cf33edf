/**
 * Applicants as they would describe themselves, in German and English, with the facts of their situation
 * (src/services/aufenthaltstitel/route-facts.ts) and the route the law sends them to. The first twelve were
 * written (and committed) before the answers of the first question were reworded, without the new wording; the
 * others cover the remaining routes and more look-alikes.
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
  {
    id: 'syrian-recognised-refugee',
    de: 'Yusuf aus Syrien ist vom Bundesamt als Flüchtling anerkannt. Seine Aufenthaltserlaubnis läuft bald ab.',
    en: 'Yusuf from Syria was recognised as a refugee by the Federal Office. His residence permit expires soon.',
    facts: ['holds-residence-title', 'protection-or-cannot-return'],
    route: 'humanitaer',
  },
  {
    id: 'filipino-nurse-adaptation-course',
    de: 'Maria ist Pflegefachkraft aus den Philippinen. Für die Anerkennung muss sie einen Anpassungslehrgang machen; nebenher arbeitet sie als Pflegehelferin.',
    en: 'Maria is a nurse from the Philippines. For recognition she must take an adaptation course; meanwhile she works as a nursing assistant.',
    facts: ['qualification-being-recognised', 'works-or-has-job-offer'],
    route: 'anerkennung',
  },
  {
    id: 'brazilian-postdoc',
    de: 'Rafael aus Brasilien hat eine Aufnahmevereinbarung mit einem Max-Planck-Institut und forscht dort zwei Jahre.',
    en: 'Rafael from Brazil has a hosting agreement with a Max Planck Institute and will do research there for two years.',
    facts: ['researcher', 'works-or-has-job-offer'],
    route: 'forschung',
  },
  {
    id: 'indian-manager-transferred',
    de: 'Arjun leitet ein Team bei einem Konzern in Bangalore. Seine Firma schickt ihn für zwei Jahre in ihre Niederlassung in Frankfurt.',
    en: 'Arjun leads a team at a company in Bangalore. His company is sending him to its Frankfurt branch for two years.',
    facts: ['sent-by-employer-abroad', 'works-or-has-job-offer'],
    route: 'ict-karte',
  },
  {
    id: 'egyptian-graduate-job-search',
    de: 'Nour aus Ägypten hat gerade ihren Master in Berlin abgeschlossen und sucht jetzt eine Stelle. Sie hat noch ihre Aufenthaltserlaubnis zum Studium.',
    en: 'Nour from Egypt has just finished her master’s in Berlin and is now looking for a job. She still holds her residence permit for study.',
    facts: ['holds-residence-title', 'finished-qualification-in-germany', 'looking-for-work'],
    route: 'arbeitsplatzsuche',
  },
  {
    id: 'afghan-duldung-seven-years',
    de: 'Farid aus Afghanistan lebt seit sieben Jahren mit Duldung in Göttingen, arbeitet als Lagerist und spricht gut Deutsch. Er möchte eine Aufenthaltserlaubnis.',
    en: 'Farid from Afghanistan has lived in Göttingen with a Duldung for seven years, works in a warehouse and speaks good German. He wants a residence permit.',
    facts: ['holds-duldung', 'works-or-has-job-offer', 'integrated-after-years-with-duldung'],
    route: 'bleiberecht',
  },
  {
    id: 'vietnamese-trainee-hired-after-training',
    de: 'Thao aus Vietnam hat in Deutschland ihre Ausbildung zur Köchin abgeschlossen; ihr Betrieb stellt sie jetzt fest ein. Sie hat eine Aufenthaltserlaubnis zur Ausbildung.',
    en: 'Thao from Vietnam finished her training as a cook in Germany; her restaurant is now hiring her permanently. She holds a residence permit for training.',
    facts: ['holds-residence-title', 'finished-qualification-in-germany', 'works-or-has-job-offer'],
    route: 'erwerbstaetigkeit',
  },
  {
    id: 'ukrainian-wants-to-move-city',
    de: 'Iryna hat eine Aufenthaltserlaubnis nach § 24, weil sie aus der Ukraine geflohen ist. Sie möchte von Cottbus nach Berlin ziehen, wo ihre Schwester lebt.',
    en: 'Iryna holds a residence permit under section 24 because she fled Ukraine. She wants to move from Cottbus to Berlin, where her sister lives.',
    facts: ['holds-residence-title', 'fled-war-in-ukraine', 'wants-only-a-condition-changed'],
    route: 'nebenbestimmungen',
  },
  {
    id: 'moroccan-mother-of-german-child',
    de: 'Samira aus Marokko ist die Mutter eines deutschen Kindes und lebt mit ihm in Dortmund.',
    en: 'Samira from Morocco is the mother of a German child and lives with him in Dortmund.',
    facts: ['lives-with-family', 'family-member-german'],
    route: 'familie',
  },
  {
    id: 'serbian-child-of-croatian-father',
    de: 'Luka ist 12, serbischer Staatsangehöriger, und zieht zu seinem Vater, einem Kroaten, der in Nürnberg arbeitet.',
    en: 'Luka is 12, a Serbian citizen, and is moving in with his father, a Croatian who works in Nuremberg.',
    facts: ['lives-with-family', 'family-member-eu-eea-swiss'],
    route: 'aufenthaltskarte',
  },
  {
    id: 'afghan-gestattung-apprenticeship',
    de: 'Hamid hat eine Aufenthaltsgestattung, sein Asylverfahren läuft. Ein Elektrobetrieb bietet ihm eine Ausbildung an.',
    en: 'Hamid holds an Aufenthaltsgestattung while his asylum procedure runs. An electrical firm offers him an apprenticeship.',
    facts: ['holds-gestattung', 'studies-or-trains'],
    route: 'beschaeftigungserlaubnis',
  },
  {
    id: 'american-photographer-self-employed',
    de: 'Emily aus den USA möchte in Berlin ein eigenes Fotostudio eröffnen.',
    en: 'Emily from the USA wants to open her own photo studio in Berlin.',
    facts: ['self-employed'],
    route: 'erwerbstaetigkeit',
  },
  {
    id: 'colombian-engineer-opportunity-card',
    de: 'Andrés ist Ingenieur aus Kolumbien und möchte in Deutschland eine Stelle suchen; ein Angebot hat er noch nicht.',
    en: 'Andrés is an engineer from Colombia and wants to look for a job in Germany; he has no offer yet.',
    facts: ['looking-for-work'],
    route: 'erwerbstaetigkeit',
  },
  {
    id: 'japanese-language-course',
    de: 'Yuki aus Japan möchte ein Jahr lang in Heidelberg einen Deutschkurs besuchen.',
    en: 'Yuki from Japan wants to attend a German course in Heidelberg for a year.',
    facts: ['studies-or-trains'],
    route: 'ausbildung',
  },
];
