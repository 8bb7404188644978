import { GUIDANCE } from '../../domain/capacity.js';
import type { ServerType } from '../../domain/schemas.js';

export { defaultConfig } from '../../domain/server-defaults.js';

/** Dispatchers carry signalling only: no channels of their own, a higher CPS ceiling. */
export const DISPATCHER_CPS_MAX = 150;

export function defaultLimits(type: ServerType): { channels_max: number; cps_max: number } {
  return type === 'dispatcher'
    ? { channels_max: 0, cps_max: DISPATCHER_CPS_MAX }
    : { channels_max: GUIDANCE.channels, cps_max: GUIDANCE.cps };
}

/** Share of channels a new switch reaches at the daily peak once customers route to it. */
export const NEW_SERVER_PEAK_SHARE = 0.3;
