import { css } from 'lit';

/**
 * Radios and checkboxes: native controls (so forced colours, zoom and assistive technology keep working),
 * enlarged, each with its label and optional hint beside it. The whole label is part of the touch target.
 */
export const choiceStyles = css`
  .choices {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
  }
  .choice {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: calc(var(--_space) * 0.5);
    align-items: start;
  }
  .choice input {
    /* field.styles gives every input the text-control look; a choice keeps the native one. */
    inline-size: 2em;
    block-size: 2em;
    min-block-size: 0;
    margin: 0;
    padding: 0;
    accent-color: var(--_primary);
    cursor: pointer;
  }
  /* A narrow column keeps its width for the label's long words; 1.5em is still above the 24 px target size. */
  @container (inline-size < 20em) {
    .choice input {
      inline-size: 1.5em;
      block-size: 1.5em;
    }
  }
  .choice input[type='radio'] {
    border-radius: 50%;
  }
  .choice input:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 calc(var(--_focus-width) * 2) var(--_focus-text);
  }
  .choice label {
    font-weight: 400;
    padding-block: 0.25em;
    cursor: pointer;
  }
  .choice .hint {
    grid-column: 2;
  }
  :host(:disabled) .choice label {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;
