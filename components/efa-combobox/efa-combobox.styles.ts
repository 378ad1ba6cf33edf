import { css } from 'lit';

export const comboboxStyles = css`
  .control {
    position: relative;
    max-inline-size: var(--_input-width);
  }
  input {
    padding-inline-end: 2.5em;
  }
  /* A drawn triangle says "there is a list here"; decorative, so clicks go to the input. */
  .control::after {
    content: '';
    position: absolute;
    inset-inline-end: 0.875em;
    inset-block-start: 50%;
    inline-size: 0.75em;
    block-size: 0.5em;
    transform: translateY(-50%);
    background: var(--_text);
    clip-path: polygon(0 0, 100% 0, 50% 100%);
    pointer-events: none;
  }
  .popup {
    position: absolute;
    z-index: 10;
    inset-inline: 0;
    inset-block-start: 100%;
    margin-block-start: 2px;
    display: flex;
    flex-direction: column;
    max-block-size: min(20em, 60vh);
    background: var(--_bg);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 8px rgb(0 0 0 / 0.2);
  }
  .popup[hidden],
  [role='listbox'][hidden] {
    display: none;
  }
  /* The listbox itself scrolls (not the popup), so it stays reachable through the combobox that controls it. */
  [role='listbox'] {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-y: auto;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [role='option'] {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-block-size: 2.75em;
    padding: calc(var(--_space) * 0.375) calc(var(--_space) * 0.75);
    border-block-end: 1px solid var(--_surface);
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  [role='option']:hover {
    background: var(--_surface);
  }
  [role='option'].active {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .chosen {
    font-weight: 700;
  }
  .check {
    margin-inline-start: auto;
  }
  .note {
    margin: 0;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    background: var(--_surface);
    color: var(--_text);
  }
  @media (forced-colors: active) {
    .popup {
      border-color: CanvasText;
    }
    .control::after {
      forced-color-adjust: none;
      background: CanvasText;
    }
    [role='option'].active {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
