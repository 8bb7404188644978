import { z } from 'zod';
import { GUIDANCE } from '../domain/capacity.js';
import { Severity } from './findings.js';

/**
 * A level is entered at `enter` and, once firing, left only below `exit`: the gap keeps an alert
 * from flapping around its threshold. A critical alert whose value falls below critical.exit drops
 * back to warning (it is still above warning.exit) instead of resolving.
 */
function band(enter: number, exit: number, unit: z.ZodNumber) {
  return z
    .strictObject({ enter: unit.default(enter), exit: unit.default(exit) })
    .refine((b) => b.exit <= b.enter, {
      message: 'exit must be at or below enter: it is the level a firing alert clears at',
      path: ['exit'],
    })
    .prefault({});
}

function levels(warning: [number, number], critical: [number, number], unit: z.ZodNumber) {
  return z
    .strictObject({ warning: band(...warning, unit), critical: band(...critical, unit) })
    .refine((l) => l.warning.enter <= l.critical.enter, {
      message: 'the warning level must start at or below the critical level',
      path: ['warning', 'enter'],
    })
    .refine((l) => l.warning.exit <= l.critical.exit, {
      message: 'warning.exit must be at or below critical.exit',
      path: ['warning', 'exit'],
    })
    .prefault({});
}

const percent = z.number().min(0).max(100);
const positive = z.number().positive();

const ExpiryStep = z.strictObject({ days: positive, severity: Severity });

const DEFAULT_EXPIRY_STEPS: z.infer<typeof ExpiryStep>[] = [
  { days: 14, severity: 'info' },
  { days: 7, severity: 'warning' },
  { days: 3, severity: 'warning' },
  { days: 1, severity: 'critical' },
];

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every threshold of the rules; any part may be overridden, the rest keeps its default. */
export const Thresholds = z.strictObject({
  /** Percent of a server's (or a cluster's combined) channels in use. */
  channels: levels([85, 75], [95, 90], percent),
  /** Percent of the CPS limit: an unclustered server's own, or a cluster's shared one. */
  cps: levels([85, 75], [95, 90], percent),
  advice: z
    .strictObject({
      maxChannels: positive.default(GUIDANCE.channels),
      maxCps: positive.default(GUIDANCE.cps),
      comfortablePercent: percent.default(GUIDANCE.comfortableShare * 100),
      /** "Most of the day": above comfortablePercent for more than this share of the window. */
      busyFraction: z.number().gt(0).lt(1).default(0.5),
      windowHours: positive.default(24),
      /** A usage sample stands for at most this long: gaps in the history (the bot was down) count as not busy. */
      sampleHoldMinutes: positive.default(15),
    })
    .prefault({}),
  expiry: z
    .strictObject({
      steps: z
        .array(ExpiryStep)
        .min(1)
        .refine((steps) => steps.every((s, i) => i === 0 || s.days < steps[i - 1]!.days), {
          message: 'list the steps from the most days left to the fewest, each day count once',
        })
        .default(() => DEFAULT_EXPIRY_STEPS.map((s) => ({ ...s }))),
    })
    .prefault({}),
  topup: z
    .strictObject({
      warningDays: positive.default(7),
      criticalDays: positive.default(2),
      /** "Add at least $X" restores this many days of runway. */
      targetDays: positive.default(7),
      /** The spending rate is measured over this much balance history. */
      windowDays: positive.default(7),
      /** Less history than this gives no rate (and no runway alert) yet. */
      minSpanHours: positive.default(1),
    })
    .refine((t) => t.criticalDays <= t.warningDays, {
      message: 'criticalDays must be at or below warningDays',
      path: ['criticalDays'],
    })
    .prefault({}),
  health: z
    .strictObject({
      sipLatencyMs: levels([250, 200], [1000, 800], z.number().positive()),
      /** A job is stuck after this many times its usual duration... */
      stuckFactor: z.number().min(1).default(3),
      /** ...and never sooner than this. */
      stuckMinMinutes: positive.default(10),
    })
    .prefault({}),
  /** Time zone of the dates written in messages ("Saturday 11:00 UTC"). */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'not a time zone: use an IANA name such as UTC or Europe/Amsterdam' })
    .default('UTC'),
});
export type Thresholds = z.infer<typeof Thresholds>;
export type ThresholdOverrides = z.input<typeof Thresholds>;
export type Levels = Thresholds['channels'];

export const DEFAULT_THRESHOLDS: Thresholds = Thresholds.parse({});

export type ThresholdsResult = { ok: true; thresholds: Thresholds } | { ok: false; problems: string[] };

/** Overrides merged onto the defaults; a bad one gives one line per problem, naming its path. */
export function parseThresholds(overrides: unknown): ThresholdsResult {
  const parsed = Thresholds.safeParse(overrides ?? {});
  if (parsed.success) return { ok: true, thresholds: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const path = issue.path.length ? issue.path.join('.') : 'thresholds';
      return `${path}: ${issue.message}`;
    }),
  };
}
