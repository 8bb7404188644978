import { type FormKey, SWITCH_KEYS } from '../../../core/config-form.js';

/** The ids the config modal is built with and read back by. */
export const CONFIG_FORM_ID = 'cx-config';
export const FIELD_ACTION = 'value';

const SWITCHES_BLOCK = `${CONFIG_FORM_ID}:switches`;

/** The input block a field lives in: all switches share one. */
export const blockOf = (key: FormKey): string =>
  (SWITCH_KEYS as readonly string[]).includes(key) ? SWITCHES_BLOCK : `${CONFIG_FORM_ID}:${key}`;
