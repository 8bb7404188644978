// `npm start`: runs the compiled dist/ when it is newer than every source file (fast start), and
// the TypeScript sources through tsx otherwise, so an edit is never run stale.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);

function builtAt() {
  try {
    return statSync('dist/.built').mtimeMs;
  } catch {
    return 0;
  }
}

const entry = process.argv[2] ?? 'main';
if (builtAt() > Math.max(newest('src'), newest('commands'))) {
  await import(`../dist/src/${entry}.js`);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(`../src/${entry}.ts`);
}
