import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { ApiError, badRequest } from '../api-error.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as JSON; undefined when there is none. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, `The body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not JSON: send a JSON object with Content-Type: application/json.');
  }
}

function fieldName(path: readonly PropertyKey[], where: string): string {
  if (path.length === 0) return where;
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

function describe(issue: z.core.$ZodIssue, schema: z.ZodType, where: string): string {
  const field = fieldName(issue.path, where);
  if (issue.code === 'unrecognized_keys') {
    const noun = where === 'query' ? 'parameter' : 'field';
    const known =
      schema instanceof z.ZodObject ? `; known ${noun}s: ${Object.keys(schema.shape).join(', ')}` : '';
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return `unknown ${noun}${issue.keys.length > 1 ? 's' : ''} ${names}${known}`;
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return issue.path.length === 0 ? `a JSON object ${where} is required` : `${field} is required`;
  }
  return `${field}: ${issue.message}`;
}

/** Parses with a zod schema; a bad value is a 400 naming the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw badRequest(issue ? describe(issue, schema, where) : `invalid ${where}`);
}

/** Query parameters arrive as text: ids and limits must be whole numbers. */
export const wholeNumberParam = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
