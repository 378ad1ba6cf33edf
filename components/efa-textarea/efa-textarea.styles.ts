import { css } from 'lit';

export const textareaStyles = css`
  textarea.over {
    border-color: var(--_error);
  }
  .count {
    margin: 0;
    color: var(--_muted);
  }
  .count.over {
    color: var(--_error);
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .count.over {
      color: Mark;
    }
  }
`;
