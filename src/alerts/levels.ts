import type { Severity } from './findings.js';
import type { Levels } from './thresholds.js';

/** The severities a threshold level can reach; info is for notes, never a level. */
export type Level = Exclude<Severity, 'info'>;

/**
 * The level a value holds given the level it held at the previous evaluation: a level is entered
 * at its `enter` and kept down to its `exit`. A critical value below critical.exit falls back to
 * warning while it stays at or above warning.exit; below warning.exit nothing holds.
 */
export function levelFor(value: number, previous: Severity | undefined, levels: Levels): Level | null {
  const wasFiring = previous === 'warning' || previous === 'critical';
  if (value >= levels.critical.enter) return 'critical';
  if (previous === 'critical' && value >= levels.critical.exit) return 'critical';
  if (value >= levels.warning.enter) return 'warning';
  if (wasFiring && value >= levels.warning.exit) return 'warning';
  return null;
}

/** Why a firing alert still holds although its value is under the level's entry, or null. */
export function heldNote(value: number, level: Level, levels: Levels, unit: string): string | null {
  const band = levels[level];
  if (value >= band.enter) return null;
  return `Below the ${band.enter}${unit} ${level} level, but it holds until it drops under ${band.exit}${unit}.`;
}

/**
 * The least value at which any level can hold, whatever held before: a value under it needs no
 * look at its previous level, and most of a fleet stops there.
 */
export function lowestHold(levels: Levels): number {
  return Math.min(levels.warning.enter, levels.warning.exit, levels.critical.enter, levels.critical.exit);
}
