import os from 'node:os';
import type { BenchResult } from './types.js';

export interface Row extends BenchResult {
  benchmark: string;
}

export interface Failure {
  benchmark: string;
  message: string;
}

export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  node: string;
  load: string;
}

export function thisMachine(): Machine {
  return {
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    node: process.version,
    load: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
}

function shown(value: number | undefined, digits = 2): string {
  return value === undefined ? '' : String(Number(value.toFixed(digits)));
}

function verdict(pass: boolean | undefined): string {
  if (pass === undefined) return '';
  return pass ? 'pass' : '**FAIL**';
}

/** The whole BENCHMARKS.md: what ran where and when, one table row per figure, then any benchmark that broke. */
export function renderReport(
  rows: readonly Row[],
  failures: readonly Failure[],
  machine: Machine,
  date: Date,
): string {
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); run it again to refresh. Times are medians of interleaved rounds.',
    '',
    `- date: ${date.toISOString()}`,
    `- os: ${machine.os}`,
    `- cpu: ${machine.cpu}, ${machine.cores} cores (load average at start: ${machine.load})`,
    `- node: ${machine.node}`,
    '',
    '| benchmark | figure | value | unit | baseline | ratio | goal | pass |',
    '| --- | --- | ---: | --- | ---: | ---: | --- | --- |',
    ...rows
      .map((r) =>
        [
          r.benchmark,
          r.figure,
          shown(r.value),
          r.unit,
          shown(r.baseline),
          shown(r.ratio),
          r.goal ?? '',
          verdict(r.pass),
        ].join(' | '),
      )
      .map((cells) => `| ${cells} |`),
  ];
  if (failures.length) {
    lines.push(
      '',
      '## Benchmarks that did not finish',
      '',
      ...failures.map((f) => `- ${f.benchmark}: ${f.message}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
