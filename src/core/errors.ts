/**
 * An error whose message is fit to show a chat user as is: what went wrong and what to type
 * instead. Anything thrown that is not a UserError (or ControlPlaneError) is a bug: the router logs
 * it and shows a generic line, never a stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
