import { z } from 'zod';

const Band = z
  .strictObject({ enter: z.number().min(0), exit: z.number().min(0) })
  .refine((band) => band.exit <= band.enter, {
    message: 'exit must be at or below enter: it is the level a firing alert clears at',
    path: ['exit'],
  });

const LevelPair = z
  .strictObject({ warning: Band, critical: Band })
  .refine((l) => l.warning.enter <= l.critical.enter && l.warning.exit <= l.critical.exit, {
    message: 'the warning band must sit at or below the critical band',
    path: ['warning'],
  });

/** Like the other rules' thresholds: a level is entered at `enter` and held down to `exit`. */
export const ProbeThresholds = z
  .strictObject({
    /** The rules look at this many latest probes of each port. */
    window: z.number().int().min(1).max(50).default(5),
    /** Unanswered probes among the window's. Warning from 3 (3 in a row always reach it); critical: none of 5 answered. */
    misses: LevelPair.default({ warning: { enter: 3, exit: 2 }, critical: { enter: 5, exit: 4 } }),
    /** Median round trip of the window's answers, like the control plane's own SIP latency rule. */
    latencyMs: LevelPair.default({
      warning: { enter: 250, exit: 200 },
      critical: { enter: 1000, exit: 800 },
    }),
  })
  .refine((t) => t.misses.critical.enter <= t.window, {
    message: 'misses.critical.enter must be at most window, or the level could never be reached',
    path: ['misses', 'critical', 'enter'],
  });
export type ProbeThresholds = z.infer<typeof ProbeThresholds>;

export const DEFAULT_PROBE_THRESHOLDS: ProbeThresholds = ProbeThresholds.parse({});
