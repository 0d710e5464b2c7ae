// Seeds the e2e server's database (DATA_DIR) with the award scenario of tests/support/award.ts:
// an opened demo call with scored bids, built with the domain functions. The client figures
// are left to the test, which enters them on the Fallzahlen page.
// Prints the carriers' sign-in addresses as JSON. Run with tsx before the server starts.
import { closeDb, db } from "../../../app/infra/db.server";
import { fileStorage } from "../../../app/infra/storage.server";
import { buildAwardScenario, CARRIER_PASSWORD } from "../../support/award";

async function main() {
  const s = await buildAwardScenario({ db: db(), storage: fileStorage(), now: new Date() });
  await s.scoreAll();
  const carriers = Object.fromEntries(Object.entries(s.bidders).map(([name, b]) => [name, b.email]));
  process.stdout.write(`${JSON.stringify({ carriers, password: CARRIER_PASSWORD })}\n`);
  closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
