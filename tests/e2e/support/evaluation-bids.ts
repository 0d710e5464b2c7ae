// The world of tests/e2e/evaluation.test.ts before its first page: its second evaluator, its
// copy of Dresden's call (published, the deadline ahead) and three carriers' bids on one
// lot, each submitted through the domain functions the carrier's pages call, with files
// sealed as an upload is. The carrier's own path through those pages is proven by
// tests/e2e/carrier-path.test.ts; this file needs only the bids, in seconds instead of the
// thirty pages a registration and a bid take in the browser.
//
//   tsx tests/e2e/support/evaluation-bids.ts <seed.json>   (DATA_DIR of the server to be)
import fs from "node:fs";
import { createStaffUser } from "../../../app/identity/users.server";
import { db } from "../../../app/infra/db.server";
import { fileStorage } from "../../../app/infra/storage.server";
import { parseCallDefinition } from "../../../app/procurement/call-definition";
import { importCall, loadCallView, publishCall } from "../../../app/procurement/calls.server";
import { sectionsOfRole } from "../../../app/procurement/standards";
import { attachFile, sealForApplication } from "../../../app/submission/applications.server";
import { submitApplication } from "../../../app/submission/submit.server";
import { fillApplication, lotBidInput, registerTestCarrier, storePdf, type AttachTarget } from "../../support/factories";

export type EvaluationSeed = {
  /** A call definition (JSON) to import and publish. */
  definition: unknown;
  lotNumber: number;
  evaluator: { email: string; name: string; password: string };
  bidders: {
    organisationName: string;
    personName: string;
    email: string;
    /** Euro cents: personnel per FTE, material and overhead per year. */
    costs: { personnel: number; material: number; overhead: number };
    /** The text of a concept PDF for the lot, if the carrier uploads one. */
    conceptPdf: string | null;
  }[];
};

async function main() {
  const seed = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as EvaluationSeed;
  const database = db();
  const now = new Date();
  const parsed = parseCallDefinition(seed.definition);
  if (!parsed.ok) throw new Error(`invalid call definition: ${JSON.stringify(parsed.errors)}`);
  await importCall({ definition: parsed.definition, actorUserId: null, now, db: database });
  await publishCall({ slug: parsed.definition.slug, actorUserId: null, now, db: database });
  await createStaffUser({ ...seed.evaluator, role: "evaluator", now, db: database });
  const call = (await loadCallView(parsed.definition.slug, { db: database }))!;
  const lot = call.lots.find((l) => l.number === seed.lotNumber)!;
  const lotId = lot.id;
  // The sections of the lot's role, written as tests/e2e/support/carrier.ts fillConcept writes them.
  const sections = { conceptSections: sectionsOfRole(call.conceptSections, lot.roleCode) };
  const storage = fileStorage();

  for (const bidder of seed.bidders) {
    const { actor } = await registerTestCarrier({ db: database, now, name: bidder.personName, organisationName: bidder.organisationName, email: bidder.email });
    // One full-time post (39 weekly hours) with a degree, paid at S 12, as the form would save it.
    const input = lotBidInput(sections, {
      concept: (title) => `Los ${lot.number} – ${title}: Wir arbeiten aufsuchend, mehrsprachig und eng mit den Netzwerken im Stadtteil zusammen.`,
      fteHundredths: 100,
      post: { qualification: "Sozialarbeiterin B. A.", languages: ["Deutsch", "Arabisch"] },
      personnelCostPerFteCents: bidder.costs.personnel,
      materialCostCents: bidder.costs.material,
      overheadCents: bidder.costs.overhead,
    });
    // Files come after the application exists: they are sealed with its call's key, as the
    // upload pages store a file before the opening.
    const { applicationId } = await fillApplication({ db: database, call, actor, now, bids: [{ lotId, input }], files: [] });
    const seal = await sealForApplication({ actor, applicationId, db: database });
    const files: [AttachTarget, string, string][] = [
      [{ kind: "registerExtract" }, "register.pdf", `Registerauszug ${bidder.organisationName}`],
      [{ kind: "references" }, "referenzen.pdf", `Referenzen ${bidder.organisationName}`],
    ];
    if (bidder.conceptPdf) files.push([{ lotId }, `Konzept ${bidder.organisationName}.pdf`, bidder.conceptPdf]);
    for (const [target, name, text] of files) {
      const upload = await storePdf(storage, text, { fileName: name, seal });
      await attachFile({ actor, applicationId, target, upload, originalName: name, maxApplicationBytes: 1e9, now, db: database });
    }
    await submitApplication({ actor, applicationId, clock: () => now, db: database });
  }
}

if (process.argv[1]?.endsWith("evaluation-bids.ts")) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
