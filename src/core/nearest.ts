import { closest, didYouMean, editDistance } from './suggest.js';

/**
 * " Did you mean x?" naming only the nearest of the close candidates: "--clustr" suggests
 * --cluster, not --count too. Ties are all named.
 */
export function suggestNearest(input: string, candidates: readonly string[]): string {
  const distance = (candidate: string) => editDistance(input.toLowerCase(), candidate.toLowerCase());
  const near = closest(input, candidates);
  const best = Math.min(...near.map(distance));
  return didYouMean(
    input,
    near.filter((candidate) => distance(candidate) === best),
  );
}
