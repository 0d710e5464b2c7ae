// Adds to the sweep world (world.ts) what the English refusal sweep
// (tests/e2e/refusals-in-english.test.ts) needs beyond it, with the domain functions, before
// the server starts:
//
//   - OPENING_SLUG: a copy of Dresden's historic call, published with its historic dates
//     (the deadline long passed), not opened: officer A starts its opening on the page and is
//     refused when confirming it himself;
//   - AWARD_SLUG: a copy of the demo call with the award scenario of tests/support/award.ts
//     (four bids, opened, one excluded, scored, figures entered), proposed, approved and
//     pre-informed one second after its deadline: the standstill (§ 134 GWB) runs far beyond
//     the server's now, so the award is refused, and so is any change of the proposal;
//   - the evaluator the world assigns nowhere (ohne-los@demo.example) assigned to lot 2 of the
//     world's opened call, with nothing declared yet: the declaration form is open to them.
//
// Prints the ids the sweep needs as one JSON object on stdout's last line (type RefusalsWorld).
import { eq } from "drizzle-orm";
import { DEMO_ACCOUNTS, dresdenDefinition, demoDefinition } from "../../../app/demo/demo.server";
import { assignEvaluator } from "../../../app/evaluation/assessment.server";
import { closeDb, db, first } from "../../../app/infra/db.server";
import { users } from "../../../app/infra/schema";
import { fileStorage } from "../../../app/infra/storage.server";
import { importCall, loadCallView, publishCall } from "../../../app/procurement/calls.server";
import { buildAwardScenario } from "../../support/award";
import { OPENED_SLUG } from "./world";

export const OPENING_SLUG = "oeffnung-englisch";
export const AWARD_SLUG = "zuschlag-englisch";

export type RefusalsWorld = {
  calls: { opening: string; award: string };
  /** A bid of the pre-informed proposal: its lot and submission (for a change of its FTE). */
  awardBid: { lotId: string; submissionId: string };
};

async function main() {
  const database = db();
  const now = new Date();
  const historic = dresdenDefinition();
  await importCall({ definition: { ...historic, slug: OPENING_SLUG, title: "Öffnung (Sweep auf Englisch)" }, actorUserId: null, now, db: database });
  await publishCall({ slug: OPENING_SLUG, actorUserId: null, now, publishedAt: new Date(historic.dates.published), db: database });

  await importCall({ definition: { ...demoDefinition(historic, now), slug: AWARD_SLUG, title: "Zuschlag (Sweep auf Englisch)" }, actorUserId: null, now, isDemo: true, db: database });
  await publishCall({ slug: AWARD_SLUG, actorUserId: null, now, db: database });
  const s = await buildAwardScenario({ db: database, storage: fileStorage(), now, slug: AWARD_SLUG });
  await s.scoreAll();
  await s.enterFigures();
  await s.preInform(s.after);

  const opened = (await loadCallView(OPENED_SLUG, { db: database }))!;
  const userId = async (email: string) => (await first(database.select({ id: users.id }).from(users).where(eq(users.email, email))))!.id;
  await assignEvaluator({
    officerUserId: await userId(DEMO_ACCOUNTS[0].email),
    lotId: opened.lots.find((l) => l.number === 2)!.id,
    evaluatorId: await userId("ohne-los@demo.example"),
    assign: true,
    now,
    db: database,
  });

  const world: RefusalsWorld = {
    calls: { opening: OPENING_SLUG, award: AWARD_SLUG },
    awardBid: { lotId: s.fsaNord, submissionId: s.sub("Beta e. V.") },
  };
  console.log(JSON.stringify(world));
  closeDb();
}

if (process.argv[1]?.endsWith("refusals-seed.ts")) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
