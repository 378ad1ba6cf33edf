import { define } from './define.js';
import { EfaTextField } from './efa-text-field/efa-text-field.js';

define('efa-text-field', EfaTextField);

declare global {
  interface HTMLElementTagNameMap {
    'efa-text-field': EfaTextField;
  }
}
