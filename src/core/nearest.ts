import { closest, didYouMean, editDistance } from './suggest.js';

/**
 * " Did you mean x?" naming only the nearest of the close candidates: "--clustr" suggests
 * --cluster, not --count too. What the input begins counts as nearer ("ec" → echo, not ack).
 * Ties are all named.
 */
export function suggestNearest(input: string, candidates: readonly string[]): string {
  const needle = input.toLowerCase();
  const distance = (candidate: string) => {
    const lower = candidate.toLowerCase();
    return editDistance(needle, lower) - (lower.startsWith(needle) ? 1 : 0);
  };
  const near = closest(input, candidates);
  const best = Math.min(...near.map(distance));
  return didYouMean(
    input,
    near.filter((candidate) => distance(candidate) === best),
  );
}
