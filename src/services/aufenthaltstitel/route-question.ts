/**
 * The first question, "Warum möchten Sie in Deutschland leben?": one answer per route, worded from the
 * applicant's situation, each with a one-line hint and the conditions it states as data (route-facts.ts).
 * Where the law draws a line between two answers, their conditions exclude each other: family of EU, EEA or
 * Swiss citizens (FreizügG/EU) against family of Germans or third-country nationals (§§ 27–36 AufenthG), and
 * changing a condition of a permit one holds (§ 12 Abs. 2, § 4a Abs. 3 AufenthG) or replacing only its card
 * (§ 45c AufenthV) against any new purpose of stay.
 */
import { msg, str } from '@lit/localize';
import type { ConditionContext, ContentBlock, ContentContext, Node, Text } from '../../engine/definition.js';
import { choices } from '../common/blocks.js';
import type { RouteFact } from './route-facts.js';

/** An answer fits when the situation has every fact of `all`, at least one of `any` (if given) and none of `none`. */
export interface RouteConditions {
  all?: readonly RouteFact[];
  any?: readonly RouteFact[];
  none?: readonly RouteFact[];
}

export interface RouteAnswer {
  route: string;
  label: Text;
  hint: Text;
  conditions: RouteConditions;
}

/** A person who only wants a condition changed or a new card, or an employer, has no new purpose of stay. */
const NO_NEW_PURPOSE: readonly RouteFact[] = ['wants-only-a-condition-changed', 'wants-only-a-new-card', 'employer-hiring-from-abroad'];
/** … and a person here because of their family takes a family answer, whatever else they do. */
const OWN_PURPOSE: readonly RouteFact[] = [...NO_NEW_PURPOSE, 'lives-with-family'];

export function fits(conditions: RouteConditions, facts: ReadonlySet<RouteFact>): boolean {
  const { all = [], any, none = [] } = conditions;
  return all.every((f) => facts.has(f)) && (!any || any.some((f) => facts.has(f))) && !none.some((f) => facts.has(f));
}

export const ROUTE_ANSWERS: readonly RouteAnswer[] = [
  {
    route: 'nebenbestimmungen',
    label: () => msg('Ich habe einen Aufenthaltstitel und möchte nur eine Auflage ändern lassen oder zusätzlich arbeiten dürfen'),
    hint: () => msg('Der Grund Ihres Aufenthalts bleibt derselbe, zum Beispiel mehr arbeiten neben dem Studium oder an einen anderen Ort ziehen.'),
    conditions: { all: ['holds-residence-title', 'wants-only-a-condition-changed'], none: ['holds-duldung', 'holds-gestattung', 'employer-hiring-from-abroad'] },
  },
  {
    route: 'neue-karte',
    label: () => msg('Mein Aufenthaltstitel bleibt gleich, ich brauche nur eine neue Karte'),
    hint: () => msg('Zum Beispiel wenn die Karte verloren oder kaputt ist, Sie einen neuen Pass haben oder sich Ihr Name geändert hat.'),
    conditions: { all: ['holds-residence-title', 'wants-only-a-new-card'], none: ['wants-only-a-condition-changed', 'employer-hiring-from-abroad'] },
  },
  {
    route: 'familie',
    label: () => msg('Ich lebe bei meiner Familie oder ziehe zu ihr, und sie ist deutsch oder kommt nicht aus der EU'),
    hint: () => msg('Zu Ehegatten, Eltern oder Kind mit deutscher Staatsangehörigkeit oder mit Aufenthaltstitel (§§ 27–36 AufenthG).'),
    conditions: {
      all: ['lives-with-family'],
      any: ['family-member-german', 'family-member-third-country'],
      none: [...NO_NEW_PURPOSE, 'family-member-eu-eea-swiss', 'family-member-german-used-free-movement-with-applicant'],
    },
  },
  {
    route: 'aufenthaltskarte',
    label: () => msg('Ich lebe bei meiner Familie oder ziehe zu ihr, und sie kommt aus einem anderen EU-Staat, Island, Liechtenstein, Norwegen oder der Schweiz'),
    hint: () => msg('Aufenthaltskarte nach dem Freizügigkeitsgesetz/EU, auch bei Deutschen, mit denen Sie zuvor in einem anderen EU-Staat gelebt haben.'),
    conditions: {
      all: ['lives-with-family'],
      any: ['family-member-eu-eea-swiss', 'family-member-german-used-free-movement-with-applicant'],
      none: NO_NEW_PURPOSE,
    },
  },
  {
    route: 'niederlassung',
    label: () => msg('Ich lebe schon länger mit Aufenthaltstitel hier und möchte unbefristet bleiben'),
    hint: () => msg('Niederlassungserlaubnis oder Erlaubnis zum Daueraufenthalt – EU.'),
    conditions: { all: ['holds-residence-title', 'wants-to-stay-permanently'], none: NO_NEW_PURPOSE },
  },
  {
    route: 'beschleunigtes-fachkraefteverfahren',
    label: () => msg('Ich bin Arbeitgeber und möchte eine Fachkraft aus dem Ausland einstellen'),
    hint: () => msg('Beschleunigtes Fachkräfteverfahren: Sie beantragen es mit Vollmacht der Fachkraft, bevor sie einreist (§ 81a AufenthG).'),
    conditions: { all: ['employer-hiring-from-abroad'] },
  },
  {
    route: 'ict-karte',
    label: () => msg('Meine Firma im Ausland schickt mich für einige Zeit zu ihrer Niederlassung in Deutschland'),
    hint: () => msg('ICT-Karte für Führungskräfte, Spezialisten und Trainees (§§ 19, 19b AufenthG).'),
    conditions: { all: ['sent-by-employer-abroad'], none: OWN_PURPOSE },
  },
  {
    route: 'forschung',
    label: () => msg('Ich forsche an einer Hochschule oder einem Forschungsinstitut'),
    hint: () => msg('Mit einem Vertrag oder einer Aufnahmevereinbarung der Forschungseinrichtung (§ 18d AufenthG).'),
    conditions: { all: ['researcher'], none: [...OWN_PURPOSE, 'sent-by-employer-abroad'] },
  },
  {
    route: 'anerkennung',
    label: () => msg('Mein Berufsabschluss aus dem Ausland soll in Deutschland anerkannt werden'),
    hint: () => msg('Für einen Kurs, eine Prüfung oder eine Arbeit, die zur Anerkennung führt (§ 16d AufenthG).'),
    conditions: { all: ['qualification-being-recognised'], none: OWN_PURPOSE },
  },
  {
    route: 'arbeitsplatzsuche',
    label: () => msg('Ich habe in Deutschland einen Abschluss gemacht und suche jetzt Arbeit'),
    hint: () => msg('Nach einem Studium, einer Berufsausbildung, einer Forschung oder einer Anerkennung in Deutschland (§ 20 AufenthG).'),
    conditions: { all: ['finished-qualification-in-germany', 'looking-for-work'], none: [...OWN_PURPOSE, 'works-or-has-job-offer'] },
  },
  {
    route: 'erwerbstaetigkeit',
    label: () => msg('Ich habe eine Arbeit oder ein Stellenangebot, bin selbstständig oder suche mit der Chancenkarte Arbeit'),
    hint: () => msg('Als Angestellte oder Angestellter, mit Blauer Karte EU, selbstständig oder mit Chancenkarte.'),
    conditions: {
      any: ['works-or-has-job-offer', 'self-employed', 'looking-for-work'],
      none: [...OWN_PURPOSE, 'holds-duldung', 'holds-gestattung', 'wants-to-stay-permanently', 'researcher', 'sent-by-employer-abroad', 'qualification-being-recognised', 'fled-war-in-ukraine', 'protection-or-cannot-return'],
    },
  },
  {
    route: 'ausbildung',
    label: () => msg('Ich mache eine Ausbildung, studiere, gehe zur Schule oder lerne Deutsch'),
    hint: () => msg('Auch wenn Sie einen Ausbildungs- oder Studienplatz suchen.'),
    conditions: { all: ['studies-or-trains'], none: [...OWN_PURPOSE, 'holds-duldung', 'holds-gestattung', 'qualification-being-recognised', 'fled-war-in-ukraine', 'protection-or-cannot-return'] },
  },
  {
    route: 'humanitaer',
    label: () => msg('Ich habe Schutz in Deutschland bekommen oder kann nicht zurück'),
    hint: () => msg('Zum Beispiel nach einer Anerkennung durch das Bundesamt für Migration und Flüchtlinge.'),
    conditions: { all: ['protection-or-cannot-return'], none: [...OWN_PURPOSE, 'fled-war-in-ukraine', 'holds-duldung', 'holds-gestattung'] },
  },
  {
    route: 'schutz-24',
    label: () => msg('Ich bin wegen des Krieges aus der Ukraine gekommen'),
    hint: () => msg('Vorübergehender Schutz nach § 24 Aufenthaltsgesetz.'),
    conditions: { all: ['fled-war-in-ukraine'], none: OWN_PURPOSE },
  },
  {
    route: 'bleiberecht',
    label: () => msg('Ich lebe seit Jahren mit einer Duldung hier und möchte eine Aufenthaltserlaubnis'),
    hint: () => msg('Für gut integrierte junge Menschen oder nach vielen Jahren mit Arbeit und Deutschkenntnissen (§§ 25a, 25b AufenthG).'),
    conditions: { all: ['holds-duldung', 'integrated-after-years-with-duldung'], none: ['wants-only-a-condition-changed', 'employer-hiring-from-abroad'] },
  },
  {
    route: 'beschaeftigungserlaubnis',
    label: () => msg('Ich habe eine Duldung oder Aufenthaltsgestattung und möchte arbeiten oder eine Ausbildung machen'),
    hint: () => msg('Sie beantragen nur die Erlaubnis zu arbeiten, keinen Aufenthaltstitel.'),
    conditions: {
      any: ['holds-duldung', 'holds-gestattung'],
      none: ['holds-residence-title', 'employer-hiring-from-abroad', 'integrated-after-years-with-duldung', 'wants-only-a-new-card'],
    },
  },
];

/**
 * "Nicht sicher?": two concrete questions, answered in the form (radio fields whose answers only steer it and are
 * never submitted), after which it names the answer of the list that fits, with the reason; the citizen chooses
 * it, or another. Each answer's conditions are data like the list's own, so that a test checks that this path
 * leads where the list does.
 */
export interface NotSureAnswer {
  value: string;
  situation: Text;
  conditions: RouteConditions;
  /** The route this answer points to; without one the next question follows. */
  route?: string;
}

export interface NotSureStep {
  /** Where the answer is kept while the form is open (not submitted). */
  name: string;
  question: Text;
  answers: readonly NotSureAnswer[];
}

export const NOT_SURE: readonly NotSureStep[] = [
  {
    name: 'nichtSicher/titel',
    question: () => msg('1. Haben Sie schon einen deutschen Aufenthaltstitel, und bleibt der Grund Ihres Aufenthalts derselbe?'),
    answers: [
      { value: 'neue-karte', situation: () => msg('Ja, ich brauche nur eine neue Karte'), conditions: { all: ['holds-residence-title', 'wants-only-a-new-card'] }, route: 'neue-karte' },
      {
        value: 'auflage',
        situation: () => msg('Ja, es soll sich nur eine Auflage ändern oder ich möchte zusätzlich arbeiten'),
        conditions: { all: ['holds-residence-title', 'wants-only-a-condition-changed'] },
        route: 'nebenbestimmungen',
      },
      { value: 'nein', situation: () => msg('Nein, oder ich habe noch keinen: weiter mit Frage 2'), conditions: {} },
    ],
  },
  {
    name: 'nichtSicher/familie',
    question: () => msg('2. Leben Sie wegen Ihrer Familie in Deutschland? Welche Staatsangehörigkeit hat Ihr Familienangehöriger?'),
    answers: [
      {
        value: 'deutsch-freizuegigkeit',
        situation: () => msg('Deutsch, und wir haben zusammen in einem anderen EU-Staat gelebt, in dem er oder sie gearbeitet oder gewohnt hat'),
        conditions: { all: ['lives-with-family', 'family-member-german-used-free-movement-with-applicant'] },
        route: 'aufenthaltskarte',
      },
      {
        value: 'eu-ewr-schweiz',
        situation: () => msg('Die eines anderen EU-Staats, Islands, Liechtensteins, Norwegens oder der Schweiz'),
        conditions: { all: ['lives-with-family', 'family-member-eu-eea-swiss'] },
        route: 'aufenthaltskarte',
      },
      { value: 'deutsch', situation: () => msg('Deutsch'), conditions: { all: ['lives-with-family', 'family-member-german'] }, route: 'familie' },
      { value: 'andere', situation: () => msg('Eine andere'), conditions: { all: ['lives-with-family', 'family-member-third-country'] }, route: 'familie' },
      {
        value: 'nicht-familie',
        situation: () => msg('Ich lebe nicht wegen meiner Familie hier: Wählen Sie die Antwort, die Ihren Grund nennt, etwa Arbeit, Ausbildung oder Schutz'),
        conditions: {},
      },
    ],
  },
];

/** The route NOT_SURE leads to for these facts: the first answer, question by question, that fits. */
export function notSureRoute(facts: ReadonlySet<RouteFact>): string | undefined {
  for (const step of NOT_SURE) {
    const answer = step.answers.find((a) => fits(a.conditions, facts));
    if (answer?.route) return answer.route;
  }
  return undefined;
}

const routeAsked = ({ isFixed }: ConditionContext) => !isFixed('/route');

/** The answers given so far, question by question, up to the first that names a route. */
function notSureAnswers(get: ConditionContext['get']): NotSureAnswer[] {
  const given: NotSureAnswer[] = [];
  for (const step of NOT_SURE) {
    const answer = step.answers.find((a) => a.value === get(`/${step.name}`));
    if (!answer) break;
    given.push(answer);
    if (answer.route) break;
  }
  return given;
}

/** Question `index` is asked once every earlier one is answered without naming a route. */
const askedAfter =
  (index: number) =>
  (context: ConditionContext): boolean => {
    const earlier = notSureAnswers(context.get).slice(0, index);
    return routeAsked(context) && earlier.length === index && earlier.every((a) => !a.route);
  };

export const routeQuestion: Node = {
  type: 'field',
  kind: 'radio',
  name: 'route',
  label: () => msg('Warum möchten Sie in Deutschland leben?'),
  hint: () => msg('Wählen Sie die erste Antwort, die auf Sie zutrifft. Danach fragt das Formular nur, was dafür nötig ist.'),
  options: choices(ROUTE_ANSWERS.map(({ route, label, hint }) => [route, label, hint])),
  errors: { required: () => msg('Wählen Sie aus, warum Sie in Deutschland leben möchten.') },
};

/** Where the answer fits: the situation the citizen named, the answer of the list and its hint. */
function suggestion({ get }: ContentContext): ContentBlock[] {
  const given = notSureAnswers(get);
  const last = given.at(-1);
  if (!last || (!last.route && given.length < NOT_SURE.length)) return [];
  const answer = ROUTE_ANSWERS.find((a) => a.route === last.route);
  const text = answer
    ? msg(str`Sie haben geantwortet: „${last.situation()}“. Dazu passt oben die Antwort „${answer.label()}“. ${answer.hint()} Wählen Sie sie dort aus; passt eine andere besser, wählen Sie diese.`)
    : msg('Dann nennt eine andere Antwort oben Ihren Grund, etwa Arbeit, Ausbildung oder Schutz. Wählen Sie die erste, die auf Sie zutrifft.');
  return [{ kind: 'notice', live: true, text }];
}

/** "Nicht sicher?" below the list: the questions one after another, then the answer that fits. */
export const notSurePath: Node[] = [
  {
    type: 'content',
    when: routeAsked,
    blocks: () => [
      { kind: 'heading', text: msg('Nicht sicher? Zwei Fragen helfen') },
      { kind: 'paragraph', text: msg('Beantworten Sie sie, dann nennt Ihnen das Formular die passende Antwort. Diese zwei Antworten werden nicht gesendet.') },
    ],
  },
  ...NOT_SURE.map(
    (step, index): Node => ({
      type: 'field',
      kind: 'radio',
      name: step.name,
      notSubmitted: true,
      when: askedAfter(index),
      label: step.question,
      options: choices(step.answers.map(({ value, situation }) => [value, situation])),
    }),
  ),
  { type: 'content', when: routeAsked, blocks: suggestion },
];
