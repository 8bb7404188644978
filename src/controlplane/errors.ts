/**
 * The one error type of the control-plane client. `message` is fit for a chat user: no HTML, no
 * credentials, no stack. `status` is the HTTP status (0 when no response arrived).
 */
export type ControlPlaneErrorKind =
  | 'network' // connection refused, reset, DNS
  | 'timeout' // connect, headers or body took too long
  | 'auth' // 401 / 403
  | 'not-found' // 404
  | 'rejected' // 400 / 402 / 409 / 422: the request broke a rule; message says which
  | 'rate-limited' // 429 after the retries ran out
  | 'server' // 5xx after the retries ran out
  | 'invalid-response'; // a body that is not what the contract says

export class ControlPlaneError extends Error {
  override readonly name = 'ControlPlaneError';
  constructor(
    readonly kind: ControlPlaneErrorKind,
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}
