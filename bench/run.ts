import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Failure, type Row, renderReport, thisMachine } from './report.js';
import type { Benchmark } from './types.js';

/** `npm run bench [-- word]`: runs every bench/*.bench.ts (or those matching the word), prints the table, writes BENCHMARKS.md. */

const BENCH_DIR = import.meta.dirname;
const REPORT_PATH = join(BENCH_DIR, '..', 'BENCHMARKS.md');

async function benchmarkFiles(filter: string | undefined): Promise<string[]> {
  const files = (await readdir(BENCH_DIR)).filter((file) => file.endsWith('.bench.ts')).sort();
  return filter ? files.filter((file) => file.includes(filter)) : files;
}

async function load(file: string): Promise<Benchmark> {
  const module = (await import(join(BENCH_DIR, file))) as { default?: Benchmark };
  const benchmark = module.default;
  if (typeof benchmark?.run !== 'function' || typeof benchmark.name !== 'string') {
    throw new Error(`${file} has no default export { name, run }`);
  }
  return benchmark;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const machine = thisMachine();
  const files = await benchmarkFiles(filter);
  if (files.length === 0) throw new Error(`no bench/*.bench.ts${filter ? ` matching "${filter}"` : ''}`);
  const rows: Row[] = [];
  const failures: Failure[] = [];
  for (const file of files) {
    let name = file;
    try {
      const benchmark = await load(file);
      name = benchmark.name;
      console.error(`running ${name} (${file})`);
      for (const result of await benchmark.run()) rows.push({ benchmark: name, ...result });
    } catch (error) {
      failures.push({ benchmark: name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const report = renderReport(rows, failures, machine, new Date());
  console.log(report);
  await writeFile(REPORT_PATH, report);
  console.error(`written to ${REPORT_PATH}`);
  if (failures.length || rows.some((row) => row.pass === false)) process.exitCode = 1;
}

await main();
