// The PostgreSQL of `npm run bench:load -- --db postgres`, in a process of its own:
//   node --import tsx bench/load-postgres.ts <matching rows>
// PGlite on 127.0.0.1 and a free port (__tests__/helpers/orm/postgres.ts), seeded with the
// incident's table; tells its parent the URL (IPC) and serves until the parent lets go.
import { seedPostgres, startPostgres } from "../__tests__/helpers/orm/postgres.js";
import { incidentSeed } from "./load-shop.js";

const matching = Number(process.argv[2]);
if (!Number.isInteger(matching) || matching < 1 || !process.send)
  throw new Error("usage (with an IPC channel): load-postgres <matching rows>");

const postgres = await startPostgres();
await seedPostgres(postgres.url, incidentSeed(matching));
process.send({ url: postgres.url });
process.on("disconnect", () => {
  void postgres.stop().finally(() => process.exit(0));
});
