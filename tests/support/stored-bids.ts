// Submitted applications whose files are real bytes on disk under a DATA_DIR (the temporary
// database's directory), for tests that re-hash stored files: audit:verify and backups.
// The demo call „dresden-2017-demo“ must be loaded (loadDemo) at `now`.
import path from "node:path";
import type { Db } from "../../app/infra/db.server";
import { localStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CarrierActor } from "../../app/submission/applications.server";
import { lotBidInput, NON_PROFIT_DOCUMENTS, registerTestCarrier, storePdf, submitTestApplication, TVOED_POST, type AttachTarget } from "./factories";

export type StoredBid = { actor: CarrierActor; applicationId: string; submissionId: string; receiptNumber: string; auditHead: string; fileIds: string[] };

export function storeFile(dataDir: string, text: string) {
  return storePdf(localStorage(path.join(dataDir, "files")), text, { fileName: "konzept.pdf" });
}

/** Registers carrier `name`, fills lot 2 of the demo call with real files and submits. */
export async function submitStoredBid(opts: { db: Db; dataDir: string; name: string; now: Date }): Promise<StoredBid> {
  const { db, now, name } = opts;
  const call = (await loadCallView("dresden-2017-demo", { db }))!;
  const { actor } = await registerTestCarrier({ db, now, name, organisationName: `${name} e. V.`, street: "Musterstraße 1", nonProfit: true });
  const lot = call.lots.find((l) => l.number === 2)!;
  const targets: AttachTarget[] = [{ lotId: lot.id }, ...NON_PROFIT_DOCUMENTS.map((kind) => ({ kind }))];
  const files = [];
  for (const target of targets) {
    const upload = await storeFile(opts.dataDir, `${name}: ${"lotId" in target ? "Konzept" : target.kind}`);
    files.push({ target, upload, originalName: "datei.pdf" });
  }
  const submitted = await submitTestApplication({
    db,
    call,
    actor,
    now,
    bids: [
      {
        lotId: lot.id,
        input: lotBidInput(call, {
          concept: (title) => `Text von ${name} zu ${title}`,
          fteHundredths: 100,
          post: TVOED_POST,
          personnelCostPerFteCents: 5_200_000,
          materialCostCents: 400_000,
          overheadCents: 300_000,
        }),
      },
    ],
    files,
    maxApplicationBytes: 50_000_000,
  });
  return { actor, ...submitted };
}
