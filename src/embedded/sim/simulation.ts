import type { Random } from '../fleet/random.js';
import type { Plane } from '../plane.js';
import { chargeForTime } from './billing.js';
import { expireLapsedServers } from './expiry.js';
import { advanceJobs } from './jobs.js';
import { moveTraffic } from './live-traffic.js';

/** Traffic moves in steps of at least this many simulated seconds: a big fleet costs a step every few seconds, not every tick. */
export const TRAFFIC_STEP_SECONDS = 5;

/**
 * Moves simulated time. Every step moves the deterministic part: jobs, the balance, test
 * periods ending. Only a `live` step (the clock is running) moves the random part: traffic,
 * latency jitter and auto upgrades. So while the clock is stopped, values set through `_sim/`
 * stay exactly as set, and `_sim/tick` moves jobs without perturbing traffic.
 */
export class Simulation {
  private pendingTrafficSeconds = 0;

  constructor(
    private readonly plane: Plane,
    private readonly random: Random = Math.random,
  ) {}

  advance(seconds: number, live: boolean): void {
    if (!(seconds > 0)) return;
    this.plane.db.transaction(() => {
      this.plane.time.advance(seconds);
      advanceJobs(this.plane);
      chargeForTime(this.plane, seconds);
      expireLapsedServers(this.plane);
      if (live) this.moveTrafficWhenDue(seconds);
    })();
  }

  private moveTrafficWhenDue(seconds: number): void {
    this.pendingTrafficSeconds += seconds;
    if (this.pendingTrafficSeconds < TRAFFIC_STEP_SECONDS) return;
    moveTraffic(this.plane, this.pendingTrafficSeconds, this.random);
    this.pendingTrafficSeconds = 0;
  }
}
