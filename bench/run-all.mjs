// Runs every benchmark in bench/ in turn (each prints its own numbers and ratios against a
// baseline measured in the same run). `npm run bench`; needs `npm run build` for the CLI bundle.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
let failed = 0;
for (const file of readdirSync(here).filter((f) => f.endsWith('.ts')).sort()) {
  if (only.length && !only.some((name) => file.startsWith(name))) continue;
  console.log(`\n=== bench/${file}`);
  const result = spawnSync(process.execPath, [join(here, 'run-ts.js'), join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
