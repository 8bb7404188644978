/**
 * The traffic model, pure: each server drifts towards its share of the daily shape, with a
 * little noise, and never leaves 0..max. `noise` arguments are standard normal samples.
 */

const NIGHT_SHARE = 0.25;
const DAY_START_HOUR = 7;
const DAY_END_HOUR = 21;
/**
 * How fast load follows the time of day: two thirds of the way in two hours, so a demo fleet
 * keeps its character (a hot server stays hot) for a good while at real-time speed.
 */
const SETTLE_SECONDS = 7200;
/** One percent of capacity per minute of random walk. */
const WOBBLE_PER_MINUTE = 0.01;
/** CPS follows channels: calls last about this long on average. */
export const AVERAGE_CALL_SECONDS = 20;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function localHour(nowMs: number, utcOffsetHours: number): number {
  const hours = nowMs / 3_600_000 + utcOffsetHours;
  return ((hours % 24) + 24) % 24;
}

/** Share of the peak load at a local hour: quiet at night, busiest in the middle of the working day. */
export function dayShape(hour: number): number {
  if (hour < DAY_START_HOUR || hour >= DAY_END_HOUR) return NIGHT_SHARE;
  const daylight = (hour - DAY_START_HOUR) / (DAY_END_HOUR - DAY_START_HOUR);
  return NIGHT_SHARE + (1 - NIGHT_SHARE) * Math.sin(Math.PI * daylight);
}

export interface ChannelStep {
  channels: number;
  channelsMax: number;
  /** Where the load is heading, as a share of channelsMax. */
  targetShare: number;
  seconds: number;
  noise: number;
}

export function nextChannels(step: ChannelStep): number {
  const target = step.channelsMax * clamp(step.targetShare, 0, 1);
  const pull = 1 - Math.exp(-step.seconds / SETTLE_SECONDS);
  const wobble =
    step.noise * step.channelsMax * WOBBLE_PER_MINUTE * Math.min(1, Math.sqrt(step.seconds / 60));
  return clamp(Math.round(step.channels + (target - step.channels) * pull + wobble), 0, step.channelsMax);
}

export function nextCps(channels: number, cpsMax: number, noise: number): number {
  return clamp(Math.round((channels / AVERAGE_CALL_SECONDS) * (1 + 0.1 * noise)), 0, Math.floor(cpsMax));
}

/** A clustered CPS limit is shared: scale the members down when together they exceed it. */
export function shareLimit(values: readonly number[], limit: number): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total <= limit) return [...values];
  return values.map((value) => Math.floor((value * limit) / total));
}

export function jitterLatency(baseMs: number, noise: number): number {
  return Math.max(1, Math.round(baseMs * (1 + 0.15 * noise)));
}
