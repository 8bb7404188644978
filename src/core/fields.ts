import type { z } from 'zod';
import { argMeta, type Completion } from './args.js';
import type { Command } from './command.js';

/** What a surface needs to know of one argument: how to read it, show it and complete it. */
export interface FieldInfo {
  /** As typed: `--tls-ports`, `tls-ports=` (kebab-case). */
  name: string;
  kind: 'boolean' | 'integer' | 'number' | 'choice' | 'text' | 'list';
  /** The allowed values of a `choice`. */
  choices?: string[];
  required: boolean;
  /** Its place among the positional arguments, when it may be given by position. */
  position?: number;
  description?: string;
  complete?: Completion;
  secret: boolean;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { format?: string } } }[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'catch', 'readonly', 'nonoptional']);

/** The schema that decides a value's shape, under optional/default wrappers and preprocessing. */
function coreSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in && def.out)
      current = defOf(def.in).type === 'transform' ? def.out : def.in;
    else return current;
  }
}

function kindOf(schema: z.ZodType): Pick<FieldInfo, 'kind' | 'choices'> {
  const def = defOf(coreSchema(schema));
  switch (def.type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'number': {
      const integer = def.checks?.some((check) => /int/.test(check._zod.def.format ?? ''));
      return { kind: integer ? 'integer' : 'number' };
    }
    case 'enum':
      return { kind: 'choice', choices: Object.values(def.entries ?? {}) };
    case 'array':
      return { kind: 'list' };
    default:
      return { kind: 'text' };
  }
}

const cache = new WeakMap<Command, FieldInfo[]>();

/** Every argument of a command, in schema order. */
export function fieldsOf(command: Command): FieldInfo[] {
  const known = cache.get(command);
  if (known) return known;
  const positional: string[] = command.positional ?? [];
  const fields = Object.entries(command.args.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const meta = argMeta(schema);
    const position = positional.indexOf(name);
    return {
      name,
      ...kindOf(schema),
      required: !schema.safeParse(undefined).success,
      ...(position >= 0 ? { position } : {}),
      ...(meta.description ? { description: meta.description } : {}),
      ...(meta.complete ? { complete: meta.complete } : {}),
      secret: meta.secret === true,
    } satisfies FieldInfo;
  });
  cache.set(command, fields);
  return fields;
}

/** The fields given by position, in their order. */
export function positionalFields(command: Command): FieldInfo[] {
  return fieldsOf(command)
    .filter((field) => field.position !== undefined)
    .sort((a, b) => a.position! - b.position!);
}
