import type { Db } from './database.js';

/**
 * Simulated time, kept in the database so a reopened fleet carries on where it stopped: time
 * does not pass while the control plane is down.
 */
export class SimTime {
  private nowMs: number;

  constructor(private readonly db: Db) {
    const stored = db.prepare("SELECT value FROM meta WHERE key = 'sim_now'").pluck().get() as
      | string
      | undefined;
    this.nowMs = stored === undefined ? Date.now() : Number(stored);
    if (stored === undefined) this.save();
  }

  now(): number {
    return this.nowMs;
  }

  iso(offsetSeconds = 0): string {
    return new Date(this.nowMs + offsetSeconds * 1000).toISOString();
  }

  advance(seconds: number): void {
    this.nowMs += seconds * 1000;
    this.save();
  }

  private save(): void {
    this.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES ('sim_now', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(String(this.nowMs));
  }
}
