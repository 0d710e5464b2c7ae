// The demo as loadDemo({ now }) leaves it, in a fresh temporary database: loaded once per
// worker process, `now` and master key, then copied (a few milliseconds) instead of loaded
// again (well over a hundred durable commits) for every case of a file.
import { loadDemo } from "../../app/demo/demo.server";
import { env } from "../../app/infra/env.server";
import { imageOf, tempDatabase, tempDatabaseFrom, type DbImage, type TempDb } from "./temp-db";

const images = new Map<string, Promise<DbImage>>();

export async function tempDemoDatabase(now: Date): Promise<TempDb> {
  // The master key wraps the calls' keys: a copy is only good under the key it was made with.
  const { PORTAL_MASTER_KEY, dataDir } = env();
  const key = `${now.toISOString()} ${PORTAL_MASTER_KEY ? `env:${PORTAL_MASTER_KEY}` : `file:${dataDir}`}`;
  let image = images.get(key);
  if (!image) {
    image = (async () => {
      const t = await tempDatabase();
      try {
        await loadDemo({ now, db: t.db });
        return await imageOf(t);
      } finally {
        t.cleanup();
      }
    })();
    images.set(key, image);
  }
  return tempDatabaseFrom(await image);
}
