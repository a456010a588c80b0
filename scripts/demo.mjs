// `npm run demo`: lazymod's dry run on examples/legacy-shop, a TypeScript project whose ORM
// packages are lazymod's own devDependencies. Its Prisma client is generated first, as a
// project's `prisma generate` would (see example-client.mjs).
// Arguments are passed to lazymod (`npm run demo -- --no-types`, `-- --format json`).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { generateExampleClient, ROOT } from "./example-client.mjs";

if (!generateExampleClient())
  process.stderr.write(
    "demo: the example's Prisma client could not be generated; its Prisma module is judged without types\n",
  );

const lazymod = spawnSync(
  process.execPath,
  [path.join(ROOT, "dist/src/cli.js"), "examples", ...process.argv.slice(2)],
  { cwd: ROOT, stdio: "inherit" },
);
process.exitCode = lazymod.status ?? 1;
