// Submitted applications whose files are real bytes on disk under a DATA_DIR (the temporary
// database's directory), for tests that re-hash stored files: audit:verify and backups.
// The demo call „dresden-2017-demo“ must be loaded (loadDemo) at `now`.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { confirmEmail, registerCarrier } from "../../app/identity/carriers.server";
import type { Db } from "../../app/infra/db.server";
import { localStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { attachFile, saveLotBid, selectLots, startApplication, type CarrierActor } from "../../app/submission/applications.server";
import { submitApplication } from "../../app/submission/submit.server";
import { makePdf } from "./sample-files";

export type StoredBid = { actor: CarrierActor; applicationId: string; submissionId: string; receiptNumber: string; auditHead: string; fileIds: string[] };

export async function storeFile(dataDir: string, text: string) {
  const bytes = await makePdf(text);
  return localStorage(path.join(dataDir, "files")).save(
    (async function* () {
      yield bytes;
    })(),
    { fileName: "konzept.pdf", maxBytes: 10_000_000 },
  );
}

/** Registers carrier `name`, fills lot 2 of the demo call with real files and submits. */
export async function submitStoredBid(opts: { db: Db; dataDir: string; name: string; now: Date }): Promise<StoredBid> {
  const { db, now } = opts;
  const call = loadCallView("dresden-2017-demo", { db })!;
  const r = await registerCarrier({
    input: {
      organisationName: `${opts.name} e. V.`,
      legalForm: "e. V.",
      street: "Musterstraße 1",
      postalCode: "01067",
      city: "Dresden",
      registerCourt: null,
      registerNumber: null,
      nonProfit: "ja",
      contactPhone: null,
      name: `${opts.name} Person`,
      email: `${opts.name.toLowerCase()}-${randomBytes(3).toString("hex")}@example.org`,
      password: "ein langes sicheres passwort",
    },
    now,
    db,
  });
  confirmEmail({ token: r.confirmToken, now, db });
  const actor: CarrierActor = { userId: r.user.id, organisationId: r.organisation.id };
  const { applicationId } = startApplication({ actor, callSlug: "dresden-2017-demo", now, db });
  const lot = call.lots.find((l) => l.number === 2)!;
  selectLots({ actor, applicationId, lotIds: [lot.id], now, db });
  saveLotBid({
    actor,
    applicationId,
    lotId: lot.id,
    input: {
      concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, `Text von ${opts.name} zu ${s.title}`])),
      posts: [
        {
          fteHundredths: 100,
          qualification: "Sozialarbeiterin B. A.",
          hasPedagogicalDegree: true,
          payGroup: "TVöD SuE S 12",
          payAdequacyDeclared: true,
          languages: ["Deutsch"],
        },
      ],
      costPlan: { personnelCostPerFteCents: 5_200_000, materialCostCents: 400_000, overheadCents: 300_000 },
    },
    now,
    db,
  });
  const fileIds: string[] = [];
  const targets = [{ lotId: lot.id }, ...(["registerExtract", "nonProfitCertificate", "references", "declarations"] as const).map((kind) => ({ kind }))];
  for (const target of targets) {
    const upload = await storeFile(opts.dataDir, `${opts.name}: ${"lotId" in target ? "Konzept" : target.kind}`);
    fileIds.push(attachFile({ actor, applicationId, target, upload, originalName: "datei.pdf", maxApplicationBytes: 50_000_000, now, db }).fileId);
  }
  const submitted = submitApplication({ actor, applicationId, clock: () => now, db });
  return { actor, applicationId, submissionId: submitted.submissionId, receiptNumber: submitted.receiptNumber, auditHead: submitted.auditHead, fileIds };
}
