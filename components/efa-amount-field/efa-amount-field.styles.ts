import { css } from 'lit';

export const amountFieldStyles = css`
  .amount {
    display: flex;
    max-inline-size: 16em;
  }
  .amount input {
    flex: 1;
    min-inline-size: 0;
  }
  .currency {
    display: flex;
    align-items: center;
    padding-inline: calc(var(--_space) * 0.5);
    border: var(--_border-width) solid var(--_border);
    background: var(--_surface);
    font-weight: 700;
  }
  .currency:first-child {
    border-inline-end: 0;
  }
  .currency:last-child {
    border-inline-start: 0;
  }
  :host(:disabled) .currency {
    opacity: 0.6;
  }
`;
