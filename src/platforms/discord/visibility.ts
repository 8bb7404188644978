import { SHARE_FLAG, takesShare } from '../../core/bind.js';
import type { Command } from '../../core/command.js';

/**
 * Whether a slash command's answer will be private, decided before the router runs because
 * Discord fixes it when the reply is deferred: read answers are private unless `share` is set,
 * confirmation cards are public, and so is a guarded command's read view (`config <server>`)
 * only when shared. A guess that turns out wrong (an error on a public card) is put right by the
 * responder, at the cost of one more call.
 */
export function startsPrivate(command: Command, values: Readonly<Record<string, unknown>>): boolean {
  if (takesShare(command) && values[SHARE_FLAG] === true) return false;
  if (command.risk === 'read') return true;
  if (!command.show || !command.isReadOnly) return false;
  const { [SHARE_FLAG]: _share, ...args } = values;
  const parsed = command.args.safeParse(args);
  return parsed.success && command.isReadOnly(parsed.data);
}
