export interface ClockState {
  running: boolean;
  /** Simulated seconds per real second. */
  speed: number;
}

const STEP_MS = 1000;

/** Drives the simulation from real time while running; stopped, only explicit ticks move it. */
export class SimClock {
  private timer: NodeJS.Timeout | undefined;
  private lastMs = 0;
  private current: ClockState;

  constructor(
    private readonly step: (simulatedSeconds: number) => void,
    initial: ClockState,
  ) {
    this.current = { ...initial };
    if (initial.running) this.startTimer();
  }

  state(): ClockState {
    return { ...this.current };
  }

  set(change: { running?: boolean | undefined; speed?: number | undefined }): ClockState {
    this.catchUp();
    if (change.speed !== undefined) this.current.speed = change.speed;
    if (change.running === true && !this.timer) this.startTimer();
    if (change.running === false) this.stopTimer();
    this.current.running = this.timer !== undefined;
    return this.state();
  }

  close(): void {
    this.stopTimer();
  }

  private startTimer(): void {
    this.lastMs = performance.now();
    // Unref'd: a running demo clock never keeps a process alive on its own.
    this.timer = setInterval(() => this.catchUp(), STEP_MS).unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Advances by the real time since the last step, at the current speed. */
  private catchUp(): void {
    if (!this.timer) return;
    const nowMs = performance.now();
    const seconds = ((nowMs - this.lastMs) / 1000) * this.current.speed;
    this.lastMs = nowMs;
    try {
      this.step(seconds);
    } catch (error) {
      console.error(`embedded control plane: simulation step failed: ${(error as Error).message}`);
    }
  }
}
