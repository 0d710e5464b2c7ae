// Adds to the world of world.ts (same DATA_DIR, run after it) what the sweep of
// tests/e2e/sealed-until-opening.test.ts looks for before the opening of the sealed call:
//
//   - carrier C, which submits to the sealed call only (lots 5 and 11, with files) and gets
//     its receipt mail, sent by the same function as after a submission on the page;
//   - carrier D, which only started an application there (lot 8, a file), not submitted;
//   - the receipt mail of A's submission to the opened call (readable after the opening);
//   - the demo evaluator assigned to lots 2, 6, 5 and 9 of the sealed call, so that the
//     evaluator's pages know the call;
//   - the same client figures for every region of the sealed call, so that its staffing
//     plan and exports treat the lots of one role alike.
//
// Neither C nor D appears anywhere else: whatever names them, their lots or files before the
// opening leaks. Prints what to look for as one JSON object on stdout's last line (Sealed).
import { Readable } from "node:stream";
import { DEMO_ACCOUNTS, DEMO_SLUG } from "../../../app/demo/demo.server";
import { assignEvaluator } from "../../../app/evaluation/assessment.server";
import { confirmEmail, registerCarrier } from "../../../app/identity/carriers.server";
import { db } from "../../../app/infra/db.server";
import { targetGroups, users } from "../../../app/infra/schema";
import { fileStorage } from "../../../app/infra/storage.server";
import { loadCallView } from "../../../app/procurement/calls.server";
import { recordClientFigures } from "../../../app/staffing/client-figures.server";
import { attachFile, saveDeclaration, saveLotBid, selectLots, startApplication, type CarrierActor } from "../../../app/submission/applications.server";
import { mailReceipt } from "../../../app/submission/receipt-delivery.server";
import { loadReceipt, submitApplication } from "../../../app/submission/submit.server";
import { makePdf, sha256 } from "../../support/sample-files";
import type { World } from "./world";

/** What a bidder of the sealed call left that the city must not see before the opening. */
export type SealedBidder = {
  organisationName: string;
  personName: string;
  email: string;
  /** Lot numbers chosen. */
  lots: number[];
  files: { name: string; sha256: string }[];
  /** The submission's receipt number and content hash (C only: D did not submit). */
  submission: { receiptNumber: string; contentHash: string } | null;
};
export type Sealed = {
  C: SealedBidder;
  D: SealedBidder;
  /** The receipt number in the receipt mail of A's submission to the opened call. */
  openedReceiptNumber: string;
  /** The sealed call's lots by number: id and region name. */
  lotIds: Record<number, string>;
  lotRegions: Record<number, string>;
};

const PASSWORD = "ein langes sicheres passwort";
export const BASE_URL = "http://portal.invalid";

async function main() {
  const world = JSON.parse(process.argv[2]) as World;
  const database = db();
  const now = new Date();
  const call = (await loadCallView(DEMO_SLUG, { db: database }))!;
  const lot = (n: number) => call.lots.find((l) => l.number === n)!.id;
  const staff = await database.select({ id: users.id, email: users.email, name: users.name }).from(users);
  const officer = staff.find((u) => u.email === DEMO_ACCOUNTS[0].email)!.id;
  const evaluator = staff.find((u) => u.email === DEMO_ACCOUNTS[2].email)!.id;
  const storage = fileStorage();

  async function bidder(organisationName: string, personName: string, email: string, lots: number[], submit: boolean): Promise<SealedBidder> {
    const r = await registerCarrier({
      input: {
        organisationName,
        legalForm: "gGmbH",
        street: "Siegelgasse 7",
        postalCode: "01069",
        city: "Dresden",
        registerCourt: null,
        registerNumber: null,
        nonProfit: "nein",
        contactPhone: null,
        name: personName,
        email,
        password: PASSWORD,
      },
      now,
      db: database,
    });
    await confirmEmail({ token: r.confirmToken, now, db: database });
    const actor: CarrierActor = { userId: r.user.id, organisationId: r.organisation.id };
    const { applicationId } = await startApplication({ actor, callSlug: DEMO_SLUG, now, db: database });
    await selectLots({ actor, applicationId, lotIds: lots.map(lot), now, db: database });
    const files: SealedBidder["files"] = [];
    const attach = async (target: { lotId: string } | { kind: "registerExtract" | "references" | "declarations" }, name: string) => {
      const bytes = await makePdf(`${organisationName}: ${name}`);
      const upload = await storage.save(Readable.from([Buffer.from(bytes)]), { fileName: name, maxBytes: 10_000_000 });
      await attachFile({ actor, applicationId, target, upload, originalName: name, maxApplicationBytes: 1e9, now, db: database });
      files.push({ name, sha256: sha256(bytes) });
    };
    const tag = organisationName.split(" ")[0];
    const floorOf = (n: number) => call.roles.find((r) => r.code === call.lots.find((l) => l.number === n)?.roleCode)?.minPayGroup ?? "S 12";
    for (const n of lots) {
      await saveLotBid({
        actor,
        applicationId,
        lotId: lot(n),
        input: {
          concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, `${organisationName}: ${s.title}`])),
          // Paid at the role's floor (decision 0015).
          posts: [{ fteHundredths: 150, weeklyHoursHundredths: 150 * 39, qualification: "Sozialpädagogik M. A.", hasPedagogicalDegree: true, payGroup: floorOf(n), languages: ["Deutsch", "Arabisch"] }],
          costPlan: { personnelCostPerFteCents: 5_100_000, materialCostCents: 120_000, overheadCents: 90_000 },
        },
        now,
        db: database,
      });
      await attach({ lotId: lot(n) }, `${tag}-Konzept-Los-${n}.pdf`);
    }
    let submission: SealedBidder["submission"] = null;
    if (submit) {
      for (const kind of ["registerExtract", "references", "declarations"] as const) await attach({ kind }, `${tag}-${kind}.pdf`);
      for (const input of [
        { kind: "pay" as const, name: personName, role: "Geschäftsführung", confirmed: true },
        { kind: "exclusion" as const, name: personName, role: "Geschäftsführung", choice: "none" as const, applies: {} },
      ]) {
        await saveDeclaration({ actor, applicationId, input, now, db: database });
      }
      const { submissionId } = await submitApplication({ actor, applicationId, clock: () => now, db: database });
      const receipt = await loadReceipt({ actor, submissionId, db: database });
      submission = { receiptNumber: receipt.receiptNumber, contentHash: receipt.contentHash };
      if (!(await mailReceipt(receipt, { email, name: personName }, BASE_URL))) throw new Error("the receipt mail of C was not sent");
    }
    return { organisationName, personName, email, lots, files, submission };
  }

  const C = await bidder("Gammaversiegelt gGmbH", "Gisela Siegelbewahrer", "gisela@gammaversiegelt.example", [5, 11], true);
  const D = await bidder("Deltaentwurf gGmbH", "Dieter Entwurfshalter", "dieter@deltaentwurf.example", [8], false);

  const A = world.carriers.A;
  const aUser = staff.find((u) => u.email === A.account.email)!;
  const openedReceipt = await loadReceipt({ actor: { userId: aUser.id, organisationId: A.organisationId }, submissionId: A.opened.submissionId, db: database });
  if (!(await mailReceipt(openedReceipt, { email: aUser.email, name: aUser.name }, BASE_URL))) throw new Error("the receipt mail of A was not sent");

  for (const n of [2, 6, 5, 9]) await assignEvaluator({ officerUserId: officer, lotId: lot(n), evaluatorId: evaluator, assign: true, now, db: database });
  await recordClientFigures({
    callId: call.id,
    asOf: now.toISOString().slice(0, 10),
    figures: [...new Set(call.lots.map((l) => l.regionCode))].flatMap((regionCode) => targetGroups.map((targetGroup) => ({ regionCode, targetGroup, count: 800 }))),
    userId: officer,
    source: "form",
    now,
    db: database,
  });

  const sealed: Sealed = {
    C,
    D,
    openedReceiptNumber: openedReceipt.receiptNumber,
    lotIds: Object.fromEntries(call.lots.map((l) => [l.number, l.id])),
    lotRegions: Object.fromEntries(call.lots.map((l) => [l.number, l.regionName])),
  };
  console.log(JSON.stringify(sealed));
}

if (process.argv[1]?.endsWith("sealed-bidders.ts")) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
