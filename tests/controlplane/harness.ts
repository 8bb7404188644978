import { afterEach, expect } from 'vitest';
import { ControlPlaneClient, type ControlPlaneClientOptions } from '../../src/controlplane/client.js';
import { ControlPlaneError } from '../../src/controlplane/errors.js';
import { PASSWORD } from './fixtures.js';
import { type Route, type StandIn, startStandIn } from './stand-in.js';

/**
 * Registers an afterEach that closes every client and stand-in a test made, and returns `connect`:
 * a stand-in answering with `route`, and a client aimed at it with quick timeouts and backoff.
 */
export function useStandIns() {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  return async function connect(
    route: Route,
    options: Partial<ControlPlaneClientOptions> = {},
  ): Promise<{ standIn: StandIn; client: ControlPlaneClient }> {
    const standIn = await startStandIn(route);
    closers.push(() => standIn.close());
    const client = new ControlPlaneClient({
      baseUrl: standIn.url,
      auth: { username: 'alice', password: PASSWORD },
      timeouts: { connectMs: 1_000, headersMs: 2_000, bodyMs: 2_000 },
      backoff: { baseMs: 1, maxMs: 5 },
      ...options,
    });
    closers.push(() => client.close());
    return { standIn, client };
  };
}

/** The ControlPlaneError a call rejects with; fails the test if it resolves or throws anything else. */
export async function failureOf(call: Promise<unknown>): Promise<ControlPlaneError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ControlPlaneError);
  return outcome.error as ControlPlaneError;
}
