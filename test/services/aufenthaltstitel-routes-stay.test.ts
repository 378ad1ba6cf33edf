import { walkRoutes } from '../helpers/aufenthaltstitel-walk.js';

describe('efa-aufenthaltstitel: further routes from the first question (Bleiberecht, permission to work, new card)', () => {
  walkRoutes(['bleiberecht', 'beschaeftigungserlaubnis', 'neue-karte']);
});
