// The PostgreSQL of `npm run bench:load -- --db postgres`, in a process of its own:
//   node --import tsx bench/load-postgres.ts <matching rows> <pglite|server>
// PGlite on 127.0.0.1 and a free port (__tests__/helpers/orm/postgres.ts; PGlite runs PostgreSQL
// in this process's event loop), or the machine's own PostgreSQL server (bench/postgres-server.ts),
// seeded with the incident's table; tells its parent the URL and what serves it (IPC), and serves
// until the parent lets go (which stops the server, whatever ended the parent).
import { seedPostgres, startPostgres } from "../__tests__/helpers/orm/postgres.js";
import { incidentSeed } from "./load-shop.js";
import { startPostgresServer } from "../__tests__/helpers/orm/postgres-server.js";

const matching = Number(process.argv[2]);
const kind = process.argv[3];
if (
  !Number.isInteger(matching) ||
  matching < 1 ||
  (kind !== "pglite" && kind !== "server") ||
  !process.send
)
  throw new Error("usage (with an IPC channel): load-postgres <matching rows> <pglite|server>");

const postgres =
  kind === "pglite"
    ? { ...(await startPostgres()), description: "PGlite (one connection at a time)" }
    : await startPostgresServer();
process.on("disconnect", () => {
  void postgres.stop().finally(() => process.exit(0));
});
await seedPostgres(postgres.url, incidentSeed(matching));
process.send({ url: postgres.url, description: postgres.description });
