// `count` carriers one step before submitting, on the database the environment names
// (DATABASE_URL): for the bench's PostgreSQL part. tests/support/load-carriers.ts as a command
// first turns SQLite's fsync off on the writer connection, which a PostgreSQL database does not
// have (the bench's throwaway cluster runs with fsync off anyway); the carriers are the same.
//
//   DATA_DIR=… DATABASE_URL=postgres://… tsx scripts/bench/carriers.ts <count> <out.json>
import fs from "node:fs";
import { closeDatabaseAndWait, db } from "../../app/infra/db.server";
import { prepareCarriers } from "../../tests/support/load-carriers";

const [count, outFile] = process.argv.slice(2);
if (!count || !outFile) {
  console.error("usage: tsx scripts/bench/carriers.ts <count> <out.json>");
  process.exit(2);
}
const carriers = await prepareCarriers({ count: Number(count) });
await closeDatabaseAndWait(db());
fs.writeFileSync(outFile, JSON.stringify(carriers));
