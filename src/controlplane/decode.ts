import { z } from 'zod';
import { ControlPlaneError } from './errors.js';
import type { RequestLine } from './failures.js';
import type { Answer } from './http.js';

/**
 * A response schema of src/domain/schemas.ts, compiled once with zod's ahead-of-time fast path
 * (a valid payload of 10,000 servers parses several times faster; an invalid one falls back to
 * the regular parser, so issues stay exact), and the name field paths start with in messages.
 */
export interface ResponseShape<S extends z.ZodType> {
  schema: S;
  label: string;
}

export function responseShape<S extends z.ZodType>(schema: S, label: string): ResponseShape<S> {
  return { schema: z.compile(schema), label };
}

const ISSUES_SHOWN = 1;
const VALUES_SHOWN = 4;

/** Parses a 2xx answer: JSON once, then the schema. Extra fields are dropped; missing or mistyped ones are named. */
export function decode<S extends z.ZodType>(
  shape: ResponseShape<S>,
  answer: Answer,
  request: RequestLine,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(answer.text);
  } catch {
    const what = answer.text.trimStart().startsWith('<') ? 'an HTML page' : 'something that is not JSON';
    throw new ControlPlaneError(
      'invalid-response',
      `The control plane answered ${request.method} ${request.path} with ${what}`,
      answer.status,
    );
  }
  // reportInput only matters on the fallback path, where it tells a missing field from a mistyped one.
  const parsed = shape.schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new ControlPlaneError(
    'invalid-response',
    `Unexpected answer from the control plane to ${request.method} ${request.path}: ${describeIssues(parsed.error.issues, shape.label)}`,
    answer.status,
  );
}

/** `servers[3].channels: expected number, got string (and 2 more problems)`: short enough for a chat line. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], label: string): string {
  const shown = issues
    .slice(0, ISSUES_SHOWN)
    .map((issue) => `${fieldPath(label, issue.path)}: ${problem(issue)}`);
  const more = issues.length - ISSUES_SHOWN;
  return more > 0
    ? `${shown.join('; ')} (and ${more} more problem${more === 1 ? '' : 's'})`
    : shown.join('; ');
}

function fieldPath(label: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, label);
}

function problem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'input' in issue && issue.input === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${listed(issue.values.map((v) => JSON.stringify(v)))}`;
    case 'too_small':
      return `must be ${bound(issue.origin, issue.inclusive ? 'at least' : 'more than', issue.minimum)}`;
    case 'too_big':
      return `must be ${bound(issue.origin, issue.inclusive ? 'at most' : 'less than', issue.maximum)}`;
    default:
      return issue.message;
  }
}

function bound(origin: string, relation: string, limit: number | bigint): string {
  const unit = origin === 'string' ? ' characters' : origin === 'array' || origin === 'set' ? ' items' : '';
  return `${relation} ${limit}${unit}`;
}

function listed(values: string[]): string {
  const more = values.length - VALUES_SHOWN;
  return more > 0 ? `${values.slice(0, VALUES_SHOWN).join(', ')} (+${more} more)` : values.join(', ');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
