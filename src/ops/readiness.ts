/** True when the part it checks can do its work now. May be async (a probe); a throw counts as false. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface ReadinessReport {
  ready: boolean;
  /** Each registered check by name, in registration order. */
  checks: Record<string, boolean>;
}

/** How long one check may take before it counts as failed: a scraper must never hang on /readyz. */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * The named checks behind /readyz. Each part registers its own (`ready.register('slack', () =>
 * connected)`), so a new surface plugs in without changing the ops server.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly timeoutMs = CHECK_TIMEOUT_MS) {}

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`a readiness check named "${name}" is already registered`);
    this.checks.set(name, check);
  }

  /** Runs every check at once; ready when all pass (and vacuously with none registered). */
  async report(): Promise<ReadinessReport> {
    const entries = [...this.checks];
    const results = await Promise.all(entries.map(([, check]) => this.passes(check)));
    const checks = Object.fromEntries(entries.map(([name], i) => [name, results[i]!]));
    return { ready: results.every(Boolean), checks };
  }

  private async passes(check: ReadinessCheck): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    try {
      return (await Promise.race([Promise.resolve().then(check), late])) === true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
