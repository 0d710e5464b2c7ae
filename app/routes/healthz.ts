import { db } from "../infra/db.server";
import { env } from "../infra/env.server";
import { checkHealth } from "../infra/health.server";

// A resource route rather than a handler in server.mjs: it checks the app's own database
// connection and DATA_DIR as the app configured them, and stays covered by the route list.
export async function loader() {
  const health = await checkHealth({ db, dataDir: env().dataDir });
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
