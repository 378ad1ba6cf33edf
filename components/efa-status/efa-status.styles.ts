import { css } from 'lit';

/** The status element's surface, timeline and answer forms. */
export const statusStyles = css`
  .panel {
    all: initial;
    display: block;
    color-scheme: var(--efa-color-scheme, light dark);
    box-sizing: border-box;
    padding: var(--_padding);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
    background: var(--_bg);
    overflow-wrap: break-word;
  }
  h2,
  h3,
  h4 {
    font-family: var(--_heading-font);
    line-height: 1.25;
    margin-block: calc(var(--_space) * 1.5) calc(var(--_space) * 0.5);
  }
  h2 {
    font-size: 1.5em;
    margin-block-start: 0;
  }
  h3 {
    font-size: 1.25em;
  }
  h4 {
    font-size: 1.05em;
    margin-block-start: 0;
  }
  h2:focus,
  li:focus {
    outline: none;
  }
  h2:focus-visible,
  li:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
  }
  p {
    margin-block: 0 var(--_space);
  }
  .meta {
    color: var(--_muted);
  }
  .note {
    white-space: pre-line;
  }
  .timeline {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .timeline > li {
    border-inline-start: 0.25em solid var(--_border);
    padding-inline-start: var(--_space);
    margin-block-end: calc(var(--_space) * 1.5);
  }
  .timeline > li.office {
    border-inline-start-color: var(--_primary);
  }
  .cases {
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
  }
  .cases > li {
    margin-block-end: var(--_space);
  }
  .cases .meta {
    margin-block: calc(var(--_space) * 0.25) 0;
  }
  .identity,
  .answer {
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block-end: calc(var(--_space) * 1.5);
  }
  efa-text-field,
  efa-textarea,
  efa-radio-group,
  efa-file-upload {
    margin-block-end: var(--_space);
  }
  .failure {
    border: 5px solid var(--_error);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }
`;
