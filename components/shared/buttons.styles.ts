import { css } from 'lit';

/** The buttons and links of the forms and the status element: one look for every action. */
export const buttonStyles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin-block: calc(var(--_space) * 2) var(--_space);
  }
  button {
    max-inline-size: 100%;
    font: inherit;
    font-weight: 700;
    min-block-size: 2.75em;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-radius: var(--_radius);
    border: var(--_border-width) solid var(--_primary);
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.secondary {
    background: var(--_bg);
    color: var(--_primary);
  }
  button.link {
    border: 0;
    padding: 0;
    min-block-size: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    font-weight: 400;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  a {
    color: var(--_primary);
  }
`;
