// Seeds the city's part of the keyboard paths (tests/e2e/keyboard-paths.test.ts) into the
// e2e server's DATA_DIR, after the demo: a carrier submits a bid (with stored PDFs) on
// Flüchtlingssozialarbeit Nord of the demo call, sealed until the opening; officer A assigns
// the demo evaluator to that lot; client figures for every region are entered. Nothing is
// opened or scored: the officers and the evaluator do that on the pages, by keyboard.
// Prints the submission deadline, the lot's number and the carriers' names as JSON. Run
// with tsx before the server starts (see own-server.ts).
import { DEMO_ACCOUNTS, DEMO_SLUG } from "../../../app/demo/demo.server";
import { assignEvaluator } from "../../../app/evaluation/assessment.server";
import { closeDb, db } from "../../../app/infra/db.server";
import { users } from "../../../app/infra/schema";
import { fileStorage } from "../../../app/infra/storage.server";
import { loadCallView } from "../../../app/procurement/calls.server";
import { enterClientFigures, submitBid } from "../../support/award";

export type KeyboardWorld = { submissionDeadline: string; lotNumber: number; carriers: string[] };

async function main() {
  const database = db();
  const storage = fileStorage();
  const now = new Date();
  const call = (await loadCallView(DEMO_SLUG, { db: database }))!;
  const lot = call.lots.find((l) => l.regionCode === "nord" && l.roleCode === "fluechtlingssozialarbeit")!;
  const carriers = ["Alpha e. V."];
  for (const name of carriers) await submitBid({ db: database, storage, call, name, offers: [[lot.id, 400]], now });
  const staff = await database.select().from(users);
  const id = (email: string) => staff.find((u) => u.email === email)!.id;
  await assignEvaluator({ officerUserId: id(DEMO_ACCOUNTS[0].email), lotId: lot.id, evaluatorId: id(DEMO_ACCOUNTS[2].email), assign: true, now, db: database });
  await enterClientFigures({ db: database, callId: call.id, enteredAt: now });
  const world: KeyboardWorld = { submissionDeadline: call.dates.submissionDeadline.toISOString(), lotNumber: lot.number, carriers };
  process.stdout.write(`${JSON.stringify(world)}\n`);
  closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
