import type { Server } from '../domain/schemas.js';
import { type Block, type Inline, text } from './reply.js';

/** Pieces of the confirmation cards of guarded commands: the same facts read the same on every card. */

/** The seed's "Impact to Services" warning, repeated on every server action card. */
export const SERVICE_WARNING =
  'Actions take effect immediately and can interrupt service: run them only when you understand the result.';

/** The seed's clustering rule, said where a server joins a cluster. */
export const CLUSTER_CPS_NOTE =
  'Clustered servers share dialogues and throughput: a CPS limit of 10 means 10 for the whole cluster, not 10 per server.';

/** "switch in eu-core, Amsterdam"; "dispatcher in no cluster, Singapore". */
export function serverWhere(server: Server, clusterName: string | undefined): string {
  return `${server.type} in ${clusterName ?? 'no cluster'}, ${server.zone}`;
}

/** "1 call", "611 calls". */
export const calls = (n: number) => `${n} call${n === 1 ? '' : 's'}`;

/**
 * What an interruption does to the calls on a server right now. A dispatcher carries the calls of
 * the switches it balances, so its card names them.
 */
export function callsImpact(
  server: Server,
  all: readonly Server[],
  consequence: 'will be cut' | 'may be cut',
): Block {
  if (server.type === 'dispatcher') {
    const members = all.filter((s) => server.members.includes(s.id));
    if (members.length === 0) return text('It balances no switches: no calls go through it.');
    const carried = members.reduce((sum, s) => sum + s.channels, 0);
    const names = members.map((s) => s.alias).join(', ');
    return text(
      `It balances ${names}: new calls through it fail until it is back; ${calls(carried)} in progress there.`,
    );
  }
  if (server.channels === 0) return text('No calls in progress right now.');
  return text({ bold: `${calls(server.channels)} in progress right now ${consequence}.` });
}

export const warning = (...parts: Inline[]): Block => text('⚠ ', ...parts);
