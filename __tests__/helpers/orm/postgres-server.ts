// A real PostgreSQL server for the benchmarks (`--postgres server`) and the proofs
// (`LAZYMOD_TEST_POSTGRES=server`): the machine's own binaries
// (Debian's `postgresql` package puts them in /usr/lib/postgresql/<major>/bin), a throwaway
// cluster in a temporary directory, listening on 127.0.0.1 and a free port. Unlike PGlite it
// serves many connections at once, so a pool of 10 runs 10 queries at a time, as in production.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { PostgresServer } from "./postgres.js";

export interface PostgresServerProcess extends PostgresServer {
  /** What runs it, for a report: `PostgreSQL 15.18 (…) (/usr/lib/postgresql/15/bin)`. */
  description: string;
}

/** The directory holding `initdb` and `postgres`, or undefined when this machine has none. */
export function findPostgresBinaries(): string | undefined {
  const has = (dir: string) =>
    existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "postgres"));
  const candidates: string[] = [];
  const config = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (config.status === 0) candidates.push(config.stdout.trim());
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.push(dir);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian))
    for (const major of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(debian, major, "bin"));
  return candidates.find(has);
}

/** A port the kernel says is free on 127.0.0.1 (closed again before PostgreSQL takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root: as root, the cluster belongs to, and the server runs as, the
 * `postgres` user that Debian's package creates.
 */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error("running as root, and there is no postgres user to run PostgreSQL as");
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

export async function startPostgresServer(): Promise<PostgresServerProcess> {
  const bin = findPostgresBinaries();
  if (!bin)
    throw new Error(
      "no PostgreSQL server on this machine (initdb and postgres: not on PATH, not under " +
        "/usr/lib/postgresql); install one (Debian: apt-get install postgresql) or use --postgres pglite",
    );
  const user = runAs();
  const dir = mkdtempSync(path.join(os.tmpdir(), "lazymod-postgres-"));
  const data = path.join(dir, "data");
  if (user) chownSync(dir, user.uid, user.gid);
  const owned = user ?? {};
  const init = spawnSync(
    path.join(bin, "initdb"),
    ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
    { ...owned, encoding: "utf8" },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}):\n${init.stderr}`);
  }
  const version = spawnSync(path.join(bin, "postgres"), ["--version"], { encoding: "utf8" });
  const port = await freePort();
  // fsync off: the cluster is thrown away after the run, and the bench only reads once seeded.
  const server: ChildProcess = spawn(
    path.join(bin, "postgres"),
    [
      ...["-D", data, "-p", String(port), "-k", dir],
      ...["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"],
    ],
    { ...owned, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  server.stderr!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    // SIGINT: PostgreSQL's fast shutdown (ends the sessions, then exits).
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (server.exitCode !== null || attempt > 300) {
        await stop();
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
      }
      await sleep(100);
    }
  }
  return {
    port,
    url,
    description: `${version.stdout.trim().replace(/^postgres \(PostgreSQL\)/, "PostgreSQL")} (${bin})`,
    stop,
  };
}
