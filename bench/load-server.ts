// One server of `npm run bench:load`, in a process of its own:
//   node --import tsx bench/load-server.ts <orm|none> <question> <shop>
// run in the shop's directory (tsx then compiles the shop with its own tsconfig: decorators).
// Node's own `http` on 127.0.0.1, a free port; every request, whatever its path, asks the shop's
// endpoint once and answers `{"answer": …}` (500 with the error on failure). `none` answers
// `true` without a database call: the floor of the HTTP stack. Tells its parent its port once
// the endpoint is open, how many requests are in flight when asked, and when none is left (IPC).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openEndpoint, QUESTIONS, SHOP_ORMS, type Question, type ShopOrm } from "./load-shop.js";

const [orm, question, shop] = process.argv.slice(2);
if (!orm || !question || !shop || !process.send)
  throw new Error("usage (with an IPC channel): load-server <orm|none> <question> <shop>");
if (orm !== "none" && !SHOP_ORMS.some((o) => o.id === orm)) throw new Error(`unknown ORM ${orm}`);
if (!(question in QUESTIONS)) throw new Error(`unknown question ${question}`);

const ask =
  orm === "none"
    ? async () => true
    : await openEndpoint(orm as ShopOrm, question as Question, shop);

let inFlight = 0;
let failures = 0;
/** The parent asked to be told when no request is left (answered once, then forgotten). */
let idleWanted = false;
function tellIfIdle(): void {
  if (!idleWanted || inFlight > 0) return;
  idleWanted = false;
  process.send!({ idle: true });
}
const server = http.createServer((_request, response) => {
  inFlight++;
  ask()
    .then(
      (answer) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ answer }));
      },
      (error: unknown) => {
        // The first failure says why; the count is in the load generator's non-2xx.
        if (failures++ === 0) process.stderr.write(`load-server: ${String(error)}\n`);
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(String(error));
      },
    )
    .finally(() => {
      inFlight--;
      tellIfIdle();
    });
});

process.on("message", (message) => {
  if (message === "in-flight") process.send!({ inFlight });
  if (message === "when-idle") {
    idleWanted = true;
    tellIfIdle();
  }
});
// The parent gone, nothing is left to serve.
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});
