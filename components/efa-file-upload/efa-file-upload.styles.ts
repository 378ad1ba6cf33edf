import { css } from 'lit';

export const fileUploadStyles = css`
  /*
   * Only the button shows: the browser's "no file chosen" would contradict the list of added files below. Hidden
   * by colour, not by font-size 0, so the button keeps the form's size also when that is given in em.
   */
  input[type='file'] {
    color: transparent;
    inline-size: auto;
    max-inline-size: 100%;
    min-block-size: 0;
    padding: 0;
    border: 0;
    background: none;
  }
  input::file-selector-button {
    font: inherit;
    font-weight: 700;
    min-block-size: 2.75em;
    margin: 0;
    padding: calc(var(--_space) * 0.375) calc(var(--_space) * 0.75);
    color: var(--_text);
    background: var(--_surface);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
    max-inline-size: var(--_input-width);
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.25) calc(var(--_space) * 0.75);
    padding-block: calc(var(--_space) * 0.5);
    border-block-end: 1px solid var(--_border);
  }
  .name {
    flex: 1 1 10em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .size {
    color: var(--_muted);
  }
  .remove {
    font: inherit;
    min-block-size: 2.75em;
    padding: 0 calc(var(--_space) * 0.75);
    color: var(--_primary);
    background: var(--_bg);
    border: var(--_border-width) solid currentColor;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .remove:hover:not(:disabled) {
    background: var(--_surface);
  }
`;
