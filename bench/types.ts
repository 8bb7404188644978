/** One measured figure. `baseline`, `ratio`, `goal` and `pass` are for figures compared with something. */
export interface BenchResult {
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** Human-readable, e.g. "≤ 1.3". */
  goal?: string;
  pass?: boolean;
}

/**
 * What every `bench/*.bench.ts` module exports as default. `npm run bench` finds and runs them all
 * (`npm run bench -- <word>` only those whose file or name contains the word).
 */
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult[]>;
}
