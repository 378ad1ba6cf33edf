/**
 * JSX typings of the efa elements for React 19, which sets a custom element's properties (objects too) and
 * listens to its events: `<efa-verpflichtungserklaerung endpoint="/api" config={…} onefa-submitted={(e) => …} />`.
 * Opt in with `/// <reference types="efa-forms/react" />` or `"types": ["efa-forms/react"]` in tsconfig.json.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { EfaElementProps, EfaElements } from './elements.js';

/** React 19 turns `on<event>` on a custom element into a listener for `<event>`, name as written. */
type ReactElements = {
  [T in keyof EfaElements]: DetailedHTMLProps<HTMLAttributes<EfaElements[T]>, EfaElements[T]> &
    EfaElementProps<EfaElements[T], 'on'>;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends ReactElements {}
  }
}
