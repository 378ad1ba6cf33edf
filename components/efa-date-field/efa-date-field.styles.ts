import { css } from 'lit';

export const dateFieldStyles = css`
  .parts {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
  }
  .part {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.25);
  }
  .part label {
    font-weight: 400;
  }
  /* Room for 2 or 4 digits plus the padding and borders of the field look. */
  .part input {
    inline-size: calc(var(--_digits) * 1ch + var(--_space) + 2 * var(--_border-width) + 0.5ch);
  }
  .day,
  .month {
    --_digits: 2;
  }
  .year {
    --_digits: 4;
  }
`;
