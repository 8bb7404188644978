export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * How `work` ended, if it ends within `ms`; undefined while it is still going. Slack gives three
 * seconds for some answers (a form's errors, a trigger_id): this tells whether to wait or move on.
 */
export async function settledWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([settle(work), late]);
  } finally {
    clearTimeout(timer);
  }
}
