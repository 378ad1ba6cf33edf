import { expect } from '@open-wc/testing';
import { FURTHER_ROUTES, atRouteQuestion, routeOptions, walkRoutes } from '../helpers/aufenthaltstitel-walk.js';

describe('efa-aufenthaltstitel: further routes from the first question', () => {
  for (const lang of ['de', 'en'] as const) {
    it(`offers every route in "${lang}" with an answer and a hint that no other answer repeats`, async () => {
      const form = await atRouteQuestion(lang);
      const options = routeOptions(form);
      for (const route of Object.keys(FURTHER_ROUTES)) expect(options.map((o) => o.value), route).to.include(route);
      expect(new Set(options.map((o) => o.label)).size, 'distinct answers').to.equal(options.length);
      expect(new Set(options.map((o) => o.hint)).size, 'distinct hints').to.equal(options.length);
      for (const { label, hint } of options) expect(label, hint).not.to.equal('');
      await expect(form).to.be.accessible();
    });
  }

  walkRoutes(['anerkennung', 'forschung']);
});
