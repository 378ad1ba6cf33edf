import { css } from 'lit';

/** Label, hint, error and the common look of text-like controls, after the GOV.UK form patterns. */
export const fieldStyles = css`
  :host {
    margin-block-end: calc(var(--_space) * 1.5);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.25);
  }
  .field.invalid {
    border-inline-start: 5px solid var(--_error);
    padding-inline-start: calc(var(--_space) * 0.75);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  label,
  legend {
    font-weight: 700;
    padding: 0;
  }
  /* A legend is as wide as its longest word unless told otherwise; in a narrow column that word must break. */
  legend {
    max-inline-size: 100%;
  }
  .optional {
    font-weight: 400;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
  }
  .error {
    margin: 0;
    color: var(--_error);
    font-weight: 700;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.375) calc(var(--_space) * 0.5);
    inline-size: 100%;
    max-inline-size: var(--_input-width);
    min-block-size: 2.75em;
  }
  textarea {
    min-block-size: 7.5em;
    resize: vertical;
  }
  .invalid input,
  .invalid textarea,
  .invalid select {
    border-color: var(--_error);
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    box-shadow: inset 0 0 0 var(--_border-width) var(--_text);
  }
  input:read-only {
    background: var(--_surface);
    border-style: dashed;
  }
  :disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    .field.invalid {
      border-inline-start-color: Mark;
    }
    .error {
      color: Mark;
    }
  }
`;

/** Width hints for inputs whose expected length is known (GOV.UK "fixed width inputs"). */
export const widthStyles = css`
  input.short {
    max-inline-size: 8ch;
  }
  input.medium {
    max-inline-size: 20ch;
  }
`;
