import { css } from 'lit';

/**
 * The design tokens. Every public token is a `--efa-*` custom property with a default here; components read
 * only the private `--_*` aliases, so a theme sets a token once on any ancestor and it crosses shadow roots.
 * The defaults meet WCAG 2.1 AA contrast (WCAG formula): on white text 17.2:1, hint 8.2:1, error 6.5:1,
 * primary 8.4:1, borders 6.4:1; white on success 6.6:1. The focus ring is yellow with a near-black outer ring
 * (11.9:1 between the two), so it shows on light and dark backgrounds.
 * The README documents every token in one table; keep the two in step.
 */
export const tokens = css`
  :host {
    --_font: var(--efa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    --_font-size: var(--efa-font-size, 1rem);
    --_line-height: var(--efa-line-height, 1.5);
    --_heading-font: var(--efa-heading-font-family, var(--_font));
    --_text: var(--efa-color-text, #1b1b1b);
    --_muted: var(--efa-color-text-muted, #4f4f4f);
    --_bg: var(--efa-color-background, #ffffff);
    --_surface: var(--efa-color-surface, #f3f3f3);
    --_border: var(--efa-color-border, #5f5f5f);
    --_primary: var(--efa-color-primary, #0b4f8a);
    --_on-primary: var(--efa-color-on-primary, #ffffff);
    --_error: var(--efa-color-error, #b3261e);
    --_success: var(--efa-color-success, #1e6b34);
    --_focus: var(--efa-color-focus, #ffbf47);
    --_focus-text: var(--efa-color-focus-text, #0b0c0c);
    --_space: var(--efa-space, 1rem);
    --_radius: var(--efa-radius, 0.25rem);
    --_border-width: var(--efa-border-width, 2px);
    --_focus-width: var(--efa-focus-width, 3px);
    --_input-width: var(--efa-input-max-width, 32rem);
  }
`;

/** Shared by every element: box model, the visually hidden helper, a focus ring that forced colours keep. */
export const base = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  :focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 calc(var(--_focus-width) * 2) var(--_focus-text);
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
      box-shadow: none;
    }
  }
`;
