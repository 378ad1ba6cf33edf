import { css } from 'lit';

/**
 * The design tokens. Every public token is a `--efa-*` custom property with a default here; components read
 * only the private `--_*` aliases, so a theme sets a token once on any ancestor and it crosses shadow roots.
 *
 * Colours have a light and a dark default (`light-dark()`), chosen by the element's `color-scheme`: the form
 * follows the reader's `prefers-color-scheme` unless the page sets `--efa-color-scheme: light` or `dark`.
 * WCAG 2.1 AA contrast of the defaults (WCAG formula), light / dark: text on background 17.2:1 / 15.6:1,
 * hint 8.2:1 / 10.3:1, error 6.5:1 / 8.5:1, primary 8.4:1 / 9.5:1, borders 6.4:1 / 5.7:1; text on primary
 * and success at least 6.6:1 / 10.7:1. The focus ring is yellow with a near-black outer ring (11.9:1 between
 * the two), so it shows on light and dark backgrounds.
 *
 * Sizes are in `em` of the base size, never `rem`: a host page's root font size (`html { font-size: 62.5% }`)
 * does not change the form unless a token opts in (e.g. `--efa-font-size: 1rem`).
 * The README documents every token in one table; keep the two in step.
 */
export const tokens = css`
  :host {
    --_font: var(--efa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    --_font-size: var(--efa-font-size, medium);
    --_line-height: var(--efa-line-height, 1.5);
    --_heading-font: var(--efa-heading-font-family, var(--_font));
    --_text: var(--efa-color-text, light-dark(#1b1b1b, #f2f2f2));
    --_muted: var(--efa-color-text-muted, light-dark(#4f4f4f, #c7c7c7));
    --_bg: var(--efa-color-background, light-dark(#ffffff, #1a1a1a));
    --_surface: var(--efa-color-surface, light-dark(#f3f3f3, #2e2e2e));
    --_border: var(--efa-color-border, light-dark(#5f5f5f, #949494));
    --_primary: var(--efa-color-primary, light-dark(#0b4f8a, #8cc4ff));
    --_on-primary: var(--efa-color-on-primary, light-dark(#ffffff, #0b0c0c));
    --_error: var(--efa-color-error, light-dark(#b3261e, #ff9990));
    --_success: var(--efa-color-success, light-dark(#1e6b34, #8fd4a4));
    --_focus: var(--efa-color-focus, #ffbf47);
    --_focus-text: var(--efa-color-focus-text, #0b0c0c);
    --_space: var(--efa-space, 1em);
    --_padding: var(--efa-padding, clamp(0.25em, 1.5%, 1em));
    --_radius: var(--efa-radius, 0.25em);
    --_border-width: var(--efa-border-width, 2px);
    --_focus-width: var(--efa-focus-width, 3px);
    --_input-width: var(--efa-input-max-width, 32em);
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
