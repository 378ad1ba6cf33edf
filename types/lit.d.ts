// The few Lit types that the published declarations mention. Lit is bundled into dist/, so it is no dependency
// of the package; the declarations refer to this file instead, and TypeScript users need no copy of Lit.
export interface CSSResult {
  readonly cssText: string;
}
export interface TemplateResult<T extends number = number> {
  readonly ['_$litType$']: T;
  readonly strings: TemplateStringsArray;
  readonly values: unknown[];
}
export interface StrResult {
  readonly strTag: true;
  readonly strings: TemplateStringsArray;
  readonly values: readonly unknown[];
}
export declare const nothing: unique symbol;
export type PropertyValues<T = unknown> = T extends object ? Map<keyof T, unknown> : Map<PropertyKey, unknown>;
export interface ReactiveController {
  hostConnected?(): void;
  hostDisconnected?(): void;
  hostUpdate?(): void;
  hostUpdated?(): void;
}
export interface ReactiveControllerHost {
  addController(controller: ReactiveController): void;
  removeController(controller: ReactiveController): void;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}
export declare class LitElement extends HTMLElement {
  static shadowRootOptions: ShadowRootInit;
  /** Resolves when the element has rendered its current state. */
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
  addController(controller: ReactiveController): void;
  connectedCallback(): void;
  disconnectedCallback(): void;
}
