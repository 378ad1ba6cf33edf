import { css } from 'lit';

export const radioGroupStyles = css`
  :host([inline]) .choices {
    flex-direction: row;
    flex-wrap: wrap;
    column-gap: calc(var(--_space) * 1.5);
  }
`;
