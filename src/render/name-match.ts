import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';

/**
 * The known name a user meant, ignoring case; otherwise a UserError naming the closest ones and
 * listing what exists, so a typo in a filter costs one retry.
 */
export function pickName(kind: string, input: string, known: readonly string[], listHint?: string): string {
  const wanted = input.trim().toLowerCase();
  const found = known.find((name) => name.toLowerCase() === wanted);
  if (found !== undefined) return found;
  const listing = known.length > 0 ? `Known ${kind}s: ${known.join(', ')}.` : `There are no ${kind}s yet.`;
  throw new UserError(
    `No ${kind} "${input}".${didYouMean(input, known)}`,
    listHint ? `${listing} ${listHint}` : listing,
  );
}
