import { css } from 'lit';

/** The shell: its surface, headings, error summary, repeated groups, review list, confirmation, print. */
export const formStyles = css`
  /* Light or dark token defaults: the reader's preference unless the page sets --efa-color-scheme. */
  /*
   * One screen high from the start, as the page reserved it before the element was defined (README, "Reserve
   * the form's place"): the first render, a text of a few lines until the first step comes, keeps that height,
   * so what follows the form is not pulled up and pushed down again. A page can set min-block-size on the element.
   */
  :host {
    display: block;
    min-block-size: 100vh;
    color-scheme: var(--efa-color-scheme, light dark);
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * The surface the form paints. What a host page sets on the element itself (a theme's * { font: 30px serif },
   * box-sizing: content-box, text-align: center, letter spacing) stops here; only the tokens, the colour scheme
   * and the direction come through. It is the query container of every step, so the layout
   * follows the column the element is placed in, not the viewport. Text hyphenates in the form's language (lang).
   */
  .form {
    all: initial;
    display: block;
    container-type: inline-size;
    color-scheme: inherit;
    box-sizing: border-box;
    padding: var(--_padding);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
    background: var(--_bg);
    hyphens: auto;
    /* The last resort where even hyphenation leaves a word too long (or the browser has no hyphenation data). */
    overflow-wrap: break-word;
  }
  h2 {
    font-family: var(--_heading-font);
    font-size: 1.5em;
    line-height: 1.25;
    margin-block: 0 var(--_space);
  }
  /* Long compound words in a narrow column: "Verpflichtungserklärung" needs 329 px at 1.5em. */
  @container (inline-size < 30em) {
    h2 {
      font-size: 1.25em;
    }
  }
  @container (inline-size < 20em) {
    h2,
    h3 {
      font-size: 1.125em;
    }
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
  }
  h3 {
    font-size: 1.2em;
    margin-block: calc(var(--_space) * 1.5) calc(var(--_space) * 0.5);
  }
  h4 {
    font-size: 1em;
    margin-block: var(--_space) calc(var(--_space) * 0.25);
  }
  p {
    margin-block: 0 var(--_space);
    max-inline-size: 40em;
  }
  .progress {
    font-size: 0.75em;
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    color: var(--_muted);
  }
  fieldset {
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    max-inline-size: 100%;
    font-weight: 700;
    font-size: 1.125em;
    padding: 0;
    margin-block-end: calc(var(--_space) * 0.5);
  }
  fieldset.item {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: var(--_space);
  }
  .error-summary {
    border: 5px solid var(--_error);
    padding: var(--_space);
    margin-block-end: calc(var(--_space) * 2);
  }
  .error-summary:focus-visible,
  .error-summary:focus {
    outline: var(--_focus-width) solid var(--_focus);
  }
  .error-summary h2 {
    font-size: 1.25em;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 0;
    list-style: none;
  }
  .error-summary li + li {
    margin-block-start: calc(var(--_space) * 0.5);
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  .notice {
    border-inline-start: 6px solid var(--_primary);
    background: var(--_surface);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }
  .notice p:last-child,
  .warning p {
    margin-block-end: 0;
  }
  .warning p {
    min-inline-size: 0;
  }
  .warning {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    font-weight: 700;
    margin-block-end: var(--_space);
  }
  .warning .icon {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 2em;
    block-size: 2em;
    border-radius: 50%;
    background: var(--_text);
    color: var(--_bg);
  }
  .summary-list {
    margin: 0 0 var(--_space);
  }
  .summary-list .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25) var(--_space);
    border-block-end: 1px solid var(--_border);
    padding-block: calc(var(--_space) * 0.5);
  }
  .summary-list dt {
    font-weight: 700;
    flex: 1 1 12em;
  }
  .summary-list dd {
    margin: 0;
    flex: 2 1 14em;
    overflow-wrap: anywhere;
  }
  .summary-list dd.change {
    flex: 0 0 auto;
  }
  /* In a narrow column question, answer and "Ändern" each take a line, so a long question keeps its words whole. */
  @container (inline-size < 30em) {
    .summary-list dt,
    .summary-list dd {
      flex-basis: 100%;
      min-inline-size: 0;
    }
  }
  .send-error {
    border: 5px solid var(--_error);
    padding: var(--_space);
  }
  .send-progress:empty {
    display: none;
  }
  .send-progress {
    font-weight: bold;
  }
  .confirmation .panel {
    background: var(--_success);
    color: var(--_on-primary);
    padding: calc(var(--_space) * 1.5);
    text-align: center;
    margin-block-end: calc(var(--_space) * 1.5);
  }
  .confirmation .panel h2 {
    color: inherit;
  }
  .reference,
  .access-code {
    font-size: 1.5em;
    letter-spacing: 0.05em;
  }
  .access-code {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  @media (forced-colors: active) {
    .error-summary,
    .send-error,
    .confirmation .panel {
      border: 3px solid CanvasText;
    }
    button.primary {
      border-color: ButtonText;
    }
  }
  .alongside {
    display: block;
    font-weight: 400;
    font-style: italic;
  }
  @media print {
    .form {
      color-scheme: light;
    }
    .actions,
    button {
      display: none !important;
    }
    .confirmation .panel {
      color: #000;
      background: none;
      border: 3px solid #000;
    }
  }
`;

/** The resume offer and the progress-file actions. */
export const draftStyles = css`
  .resume {
    margin-block-end: calc(var(--_space) * 1.5);
  }
  .resume .actions {
    margin-block: var(--_space) 0;
  }
  .drafts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: baseline;
    border-block-start: 1px solid var(--_border);
    padding-block-start: var(--_space);
  }
  .drafts-message {
    flex-basis: 100%;
    margin: 0;
  }
`;

/** The language switch and the binding-German-text note (language-choice.ts). */
export const languageStyles = css`
  .language {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    align-items: baseline;
    justify-content: flex-end;
    margin-block-end: var(--_space);
  }
  .language select {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em 0.5em;
  }
  .binding button {
    margin-block-start: calc(var(--_space) * 0.5);
  }
`;
