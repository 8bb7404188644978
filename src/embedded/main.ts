import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { startEmbeddedControlPlane } from './server.js';

const Env = z.object({
  CONTROL_PLANE_PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number (0-65535)')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be a port number (0-65535)')
    .default(8787),
  CONNEXCS_USERNAME: z.string().min(1, 'must not be empty').default('demo'),
  CONNEXCS_PASSWORD: z.string().min(1, 'must not be empty').default('demo'),
  SWITCHBOARD_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
});

function fail(message: string): never {
  console.error(`control-plane: ${message}`);
  process.exit(1);
}

/** `npm run control-plane`: the embedded control plane on its own, for demos and benchmarks. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    fail(`${String(issue?.path[0] ?? 'environment')} ${issue?.message ?? 'is invalid'}`);
  }
  const env = parsed.data;
  mkdirSync(env.SWITCHBOARD_DATA_DIR, { recursive: true });
  const dbPath = join(env.SWITCHBOARD_DATA_DIR, 'control-plane.db');
  const plane = await startEmbeddedControlPlane({
    dbPath,
    port: env.CONTROL_PLANE_PORT,
    username: env.CONNEXCS_USERNAME,
    password: env.CONNEXCS_PASSWORD,
  }).catch((error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'EADDRINUSE'
        ? `port ${env.CONTROL_PLANE_PORT} is in use: set CONTROL_PLANE_PORT to a free port`
        : `could not start: ${error.message}`,
    ),
  );
  console.log(`Embedded control plane at ${plane.url} (user ${plane.username}, fleet in ${dbPath})`);
  const stop = () => {
    plane.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
