import type { Command } from './command.js';
import { fieldsOf } from './fields.js';

/** Stands in for a secret value wherever arguments are stored, logged or audited. */
export const SECRET_MARK = '[secret]';

/** The arguments split in two: what may be stored (secrets replaced by the mark) and the secrets. */
export function splitSecrets(
  command: Command,
  args: Record<string, unknown>,
): { stored: Record<string, unknown>; secrets: Record<string, unknown> } {
  const stored = { ...args };
  const secrets: Record<string, unknown> = {};
  for (const field of fieldsOf(command)) {
    if (field.secret && stored[field.name] !== undefined) {
      secrets[field.name] = stored[field.name];
      stored[field.name] = SECRET_MARK;
    }
  }
  return { stored, secrets };
}

/** Names of the secrets a stored request needs back before it can run. */
export function missingSecrets(
  stored: Record<string, unknown>,
  secrets: Record<string, unknown> | undefined,
): string[] {
  return Object.keys(stored).filter((name) => stored[name] === SECRET_MARK && secrets?.[name] === undefined);
}
