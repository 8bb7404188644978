/**
 * The ConnexCS zones the embedded plane offers, with what the simulation needs to know of them:
 * a short prefix for generated aliases, the local time offset that shapes the working day, and
 * the round trips the control plane (in the UK) sees.
 */
export interface ZoneFacts {
  name: string;
  prefix: string;
  utcOffsetHours: number;
  sipLatencyMs: number;
  icmpLatencyMs: number;
}

export const ZONES: readonly ZoneFacts[] = [
  { name: 'UK', prefix: 'lon', utcOffsetHours: 0, sipLatencyMs: 4, icmpLatencyMs: 2 },
  { name: 'USA East', prefix: 'nyc', utcOffsetHours: -5, sipLatencyMs: 72, icmpLatencyMs: 68 },
  { name: 'USA West', prefix: 'lax', utcOffsetHours: -8, sipLatencyMs: 140, icmpLatencyMs: 134 },
  { name: 'Germany', prefix: 'fra', utcOffsetHours: 1, sipLatencyMs: 6, icmpLatencyMs: 4 },
  { name: 'Amsterdam', prefix: 'ams', utcOffsetHours: 1, sipLatencyMs: 3, icmpLatencyMs: 2 },
  { name: 'Singapore', prefix: 'sgp', utcOffsetHours: 8, sipLatencyMs: 165, icmpLatencyMs: 160 },
];

const UNKNOWN_ZONE: ZoneFacts = {
  name: '',
  prefix: 'srv',
  utcOffsetHours: 0,
  sipLatencyMs: 50,
  icmpLatencyMs: 45,
};

const BY_NAME = new Map(ZONES.map((zone) => [zone.name.toLowerCase(), zone]));

export function zoneFacts(name: string): ZoneFacts {
  return BY_NAME.get(name.toLowerCase()) ?? UNKNOWN_ZONE;
}
