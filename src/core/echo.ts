/** Longest piece of what someone typed that a refusal quotes back. */
export const ECHO_LIMIT = 40;

/** What someone typed, fit to quote in a one-line refusal: capped, so a pasted novel stays one line. */
export function echo(typed: string): string {
  return typed.length > ECHO_LIMIT ? `${typed.slice(0, ECHO_LIMIT)}…` : typed;
}
