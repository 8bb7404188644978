export type StoreErrorKind =
  | 'not-a-database'
  | 'damaged'
  | 'read-only'
  | 'locked'
  | 'too-new'
  | 'cannot-open'
  | 'disk-full'
  | 'migration-failed';

/**
 * The one error the store throws while opening: `message` is fit to print as is at start-up and
 * says what to do about it. The SQLite error, when there is one, is kept as `cause`.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
