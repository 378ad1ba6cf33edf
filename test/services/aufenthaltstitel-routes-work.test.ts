import { walkRoutes } from '../helpers/aufenthaltstitel-walk.js';

describe('efa-aufenthaltstitel: further routes from the first question (work: ICT, job search, accelerated procedure)', () => {
  walkRoutes(['ict-karte', 'arbeitsplatzsuche', 'beschleunigtes-fachkraefteverfahren']);
});
