/**
 * JSX typings of the efa elements for Solid 1.x, which sets a custom element's props as properties (objects
 * too) and listens to `on:<event>` as written:
 * `<efa-verpflichtungserklaerung endpoint="/api" config={…} on:efa-submitted={(e) => …} />`.
 * Opt in with `/// <reference types="efa-forms/solid" />` or `"types": ["efa-forms/solid"]` in tsconfig.json.
 */
import type { JSX } from 'solid-js';
import type { EfaElementProps, EfaElements } from './elements.js';

type SolidElements = {
  [T in keyof EfaElements]: JSX.HTMLAttributes<EfaElements[T]> & EfaElementProps<EfaElements[T], 'on:'>;
};

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements extends SolidElements {}
  }
}
