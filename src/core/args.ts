import { z } from 'zod';

/**
 * Argument schemas for command files. Typed text arrives as strings, Discord options arrive typed:
 * each helper accepts both. `complete` tells surfaces what to autocomplete the field with.
 */
export type Completion = 'server' | 'dispatcher' | 'cluster' | 'zone' | 'command';

export interface ArgMeta {
  description?: string;
  complete?: Completion;
  /** A value never echoed, logged, stored or audited (the UAC password). */
  secret?: boolean;
}

/** The metadata of an argument, looking through optional/default wrappers (which carry none of it). */
export function argMeta(schema: z.ZodType): ArgMeta {
  const found: ArgMeta = {};
  let current: z.ZodType | undefined = schema;
  while (current) {
    const meta = (current.meta() ?? {}) as ArgMeta;
    found.description ??= meta.description;
    found.complete ??= meta.complete;
    found.secret ??= meta.secret;
    const inner: unknown = (current as { def?: { innerType?: unknown } }).def?.innerType;
    current = inner instanceof z.ZodType ? inner : undefined;
  }
  return found;
}

const TRUE_WORDS = ['true', 'on', 'yes', 'y', '1', 'enable', 'enabled'];
const FALSE_WORDS = ['false', 'off', 'no', 'n', '0', 'disable', 'disabled'];

/** on/off, yes/no, true/false (and real booleans from Discord). */
export const bool = (description: string) =>
  z
    .preprocess(
      (value) => {
        if (typeof value !== 'string') return value;
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.includes(word)) return true;
        if (FALSE_WORDS.includes(word)) return false;
        return value;
      },
      z.boolean({ error: 'must be on or off (also: yes/no, true/false)' }),
    )
    .describe(description);

export const int = (description: string, range: { min?: number; max?: number } = {}) => {
  let number = z.number({ error: 'must be a whole number' }).int('must be a whole number');
  if (range.min !== undefined) number = number.min(range.min, `must be at least ${range.min}`);
  if (range.max !== undefined) number = number.max(range.max, `must be at most ${range.max}`);
  return z
    .preprocess(
      (value) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value),
      number,
    )
    .describe(description);
};

export const text = (description: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .describe(description);

export const choice = <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z
    .preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
      z.enum(values, {
        error: `must be one of ${values.join(', ')}`,
      }),
    )
    .describe(description);

export const server = (description = 'Server IP, alias or id') =>
  text(description, 100).meta({ complete: 'server' });

export const dispatcher = (description = 'Dispatcher IP, alias or id') =>
  text(description, 100).meta({ complete: 'dispatcher' });

export const cluster = (description = 'Cluster name') => text(description, 64).meta({ complete: 'cluster' });

export const zone = (description = 'Zone name, e.g. "USA East"') =>
  text(description, 64).meta({ complete: 'zone' });

export const secret = (description: string) => text(description, 200).meta({ secret: true });
