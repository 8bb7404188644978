/**
 * Addresses for servers: the three documentation ranges first (RFC 5737), then the benchmarking
 * range 198.18.0.0/15 (RFC 2544), which holds enough for the largest generated fleets.
 */
const DOCUMENTATION_PREFIXES = ['203.0.113', '198.51.100', '192.0.2'] as const;
const BENCHMARK_HOSTS = 2 * 256 * 254;

function* candidates(): Generator<string> {
  for (const prefix of DOCUMENTATION_PREFIXES) {
    for (let host = 1; host <= 254; host++) yield `${prefix}.${host}`;
  }
  for (let n = 0; n < BENCHMARK_HOSTS; n++) {
    const third = Math.floor(n / 254);
    yield `198.${18 + Math.floor(third / 256)}.${third % 256}.${(n % 254) + 1}`;
  }
}

/** Hands out addresses not in `used`, in a fixed order; remembers what it handed out. */
export class IpPool {
  private readonly source = candidates();

  constructor(private readonly used: Set<string> = new Set()) {}

  next(): string {
    for (let next = this.source.next(); !next.done; next = this.source.next()) {
      if (!this.used.has(next.value)) {
        this.used.add(next.value);
        return next.value;
      }
    }
    throw new Error('the simulated address pool is exhausted');
  }
}
