import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCHEMA = path.join(ROOT, "__tests__/helpers/orm/schema.prisma");
export const PRISMA_CLIENT_DIR = path.join(ROOT, ".cache/prisma-client");

/**
 * Generates a Prisma client offline (by default the tests' own, from SCHEMA into .cache; a
 * schema's generator names its output, given here to check it was written). `prisma generate` wants to download the schema engine
 * before it starts, although generating does not use it; pointing PRISMA_SCHEMA_ENGINE_BINARY at
 * any existing file skips the download.
 */
export function generatePrismaClient(schema = SCHEMA, output = PRISMA_CLIENT_DIR): void {
  const cli = path.join(ROOT, "node_modules/prisma/build/index.js");
  const run = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: schema,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (run.status !== 0 || !existsSync(path.join(output, "client.ts")))
    throw new Error(`prisma generate failed:\n${run.stdout}\n${run.stderr}`);
}

interface PrismaClientLike {
  $disconnect(): Promise<void>;
}

/** What the Prisma fixtures receive: a client on the better-sqlite3 driver adapter. */
export async function openPrisma(file: string) {
  const generated = (await import(
    pathToFileURL(path.join(PRISMA_CLIENT_DIR, "client.ts")).href
  )) as {
    PrismaClient: new (options: object) => PrismaClientLike;
  };
  const prisma = new generated.PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: `file:${file}` }),
  });
  return { db: { prisma }, close: () => prisma.$disconnect() };
}
