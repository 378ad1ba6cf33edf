/**
 * JSX typings of the efa elements for Preact 11, which sets a custom element's properties (objects too)
 * when the element has them and listens to `on<event>` as written:
 * `<efa-verpflichtungserklaerung endpoint="/api" config={…} onefa-submitted={(e) => …} />`.
 * Opt in with `/// <reference types="efa-forms/preact" />` or `"types": ["efa-forms/preact"]` in tsconfig.json.
 */
import type { HTMLAttributes } from 'preact';
import type { EfaElementProps, EfaElements } from './elements.js';

type PreactElements = {
  [T in keyof EfaElements]: HTMLAttributes<EfaElements[T]> & EfaElementProps<EfaElements[T], 'on'>;
};

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements extends PreactElements {}
  }
}
