// Compiles src/ and commands/ to plain JavaScript in dist/ (same layout), so `npm start` runs on
// node alone instead of compiling TypeScript on every start. Type checking is `npm test`'s job.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: [...sources('src'), ...sources('commands')],
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
writeFileSync('dist/.built', `${new Date().toISOString()}\n`);
