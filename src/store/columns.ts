import { z } from 'zod';

/** Column codecs shared by the repositories: what SQLite hands back, parsed into what code uses. */

export const Surface = z.enum(['slack', 'discord', 'console']);

/** A person on a surface: the requester or decider of an approval, the actor of an audit entry. */
export const Party = z.object({ surface: Surface, id: z.string().min(1), name: z.string() });
export type Party = z.infer<typeof Party>;

/** Times are stored as epoch milliseconds. */
export const storedTime = z
  .number()
  .int()
  .transform((ms) => new Date(ms));

export const storedJson = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not JSON' });
    return z.NEVER;
  }
});

export const storedArgs = storedJson.pipe(z.record(z.string(), z.unknown()));

/** Three nullable columns that together name a person, or are all null. */
export function storedParty(surface: string | null, id: string | null, name: string | null): Party | null {
  if (surface === null || id === null) return null;
  return Party.parse({ surface, id, name: name ?? '' });
}
