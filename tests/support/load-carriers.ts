// Carriers (Träger) ready for the last step of a submission, made with the domain functions
// in a process whose DATA_DIR is the server's: registered and confirmed, one lot filled
// (concept, post, cost plan), the register extract and the references stored through the
// real file storage, and a session whose cookie the HTTP client reuses. What is left for the
// client is what happens in a deadline rush: upload the signed declarations, submit.
//
// Shared by `npm run bench` (P2) and tests/e2e/crash-safety.test.ts. Sessions are started
// here rather than through /anmelden so that sign-in rate limits and password hashing do
// not stand between a hundred carriers and the deadline; each carrier gets one session.
//
// As a command (DATA_DIR set, demo loaded): tsx tests/support/load-carriers.ts <count> <out.json>
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { DEMO_SLUG } from "../../app/demo/demo.server";
import { confirmEmail, registerCarrier } from "../../app/identity/carriers.server";
import { startSession } from "../../app/identity/sessions.server";
import { closeDb, db as defaultDb, dialectOf, writeTx, type Db } from "../../app/infra/db.server";
import { now as serverNow } from "../../app/infra/clock.server";
import { fileStorage, type FileStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { attachFile, saveDeclaration, saveLotBid, selectLots, startApplication, type CarrierActor } from "../../app/submission/applications.server";
import { sha256 } from "./sample-files";

export type PreparedFile = { kind: string; name: string; sha256: string; sizeBytes: number };

export type PreparedCarrier = {
  index: number;
  email: string;
  organisationName: string;
  actor: CarrierActor;
  applicationId: string;
  lotNumber: number;
  /** `portal-session=…`, for the Cookie header. */
  cookie: string;
  /** The documents stored here; the client adds the declarations (Erklärungen). */
  documents: PreparedFile[];
};

export const PASSWORD = "Elbwiesen im Februar sind kalt 2017";

/** A small real PDF whose bytes (and hash) are unique to `title`. */
export async function uniquePdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 50, y: 780, size: 14, font });
  page.drawText(randomBytes(12).toString("hex"), { x: 50, y: 750, size: 10, font });
  return new Uint8Array(await doc.save());
}

/**
 * For a fixture filled before any server opens it: no fsync per transaction (the server
 * itself runs with synchronous=FULL); the WAL is complete when the filling process exits.
 * The pragma belongs on the writer connection, the one that writes, which only a transaction
 * hands out; SQLite refuses to change it inside one, so it is set right after an empty one.
 * Nothing else may be writing to `db` meanwhile.
 */
export async function withoutFsync(db: Db): Promise<void> {
  // PostgreSQL: the test cluster runs without fsync already (tests/support/postgres.ts).
  if (dialectOf(db) === "postgres") return;
  const writer = await writeTx(async (tx) => tx.$client, db);
  writer.pragma("synchronous = OFF");
}

async function* chunksOf(bytes: Uint8Array) {
  yield bytes;
}

export async function prepareCarriers(opts: {
  count: number;
  slug?: string;
  now?: Date;
  db?: Db;
  storage?: FileStorage;
  label?: string;
}): Promise<PreparedCarrier[]> {
  const db = opts.db ?? defaultDb();
  const storage = opts.storage ?? fileStorage();
  // The server's clock: a test may have moved it (PORTAL_TEST_CLOCK_FILE), and sessions start by it.
  const now = opts.now ?? serverNow();
  const slug = opts.slug ?? DEMO_SLUG;
  const label = opts.label ?? randomBytes(3).toString("hex");
  const call = await loadCallView(slug, { db });
  if (!call) throw new Error(`call ${slug} not found: load the demo first`);
  const lotCount = call.lots.length;
  const out: PreparedCarrier[] = [];
  for (let i = 0; i < opts.count; i++) {
    const organisationName = `Lasttest ${label} Träger ${i + 1} e. V.`;
    const email = `last-${label}-${i + 1}@traeger.example`;
    const registered = await registerCarrier({
      input: {
        organisationName,
        legalForm: "eingetragener Verein (e. V.)",
        street: "Königsbrücker Straße 12",
        postalCode: "01099",
        city: "Dresden",
        registerCourt: "Amtsgericht Dresden",
        registerNumber: `VR ${1000 + i}`,
        nonProfit: "nein",
        contactPhone: null,
        name: `Petra Last ${i + 1}`,
        email,
        password: PASSWORD,
      },
      now,
      db,
    });
    await confirmEmail({ token: registered.confirmToken, now, db });
    const actor = { userId: registered.user.id, organisationId: registered.organisation.id };
    const { applicationId } = await startApplication({ actor, callSlug: slug, now, db });
    const lot = call.lots[i % lotCount];
    await selectLots({ actor, applicationId, lotIds: [lot.id], now, db });
    const role = call.roles.find((r) => r.code === lot.roleCode);
    const saved = await saveLotBid({
      actor,
      applicationId,
      lotId: lot.id,
      input: {
        concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, `${organisationName}: ${s.title} – aufsuchend, mehrsprachig, im Stadtteil vernetzt.`])),
        posts: [{ fteHundredths: 150, weeklyHoursHundredths: 150 * 39, qualification: "Soziale Arbeit B. A.", hasPedagogicalDegree: role?.requiresPedagogicalDegree ?? true, payGroup: role?.minPayGroup ?? "S 12", languages: ["Deutsch", "Arabisch"] }],
        costPlan: { personnelCostPerFteCents: 5_400_000 + i * 1_000, materialCostCents: 800_000, overheadCents: 600_000 },
      },
      now,
      db,
    });
    if (saved.postProblems.length) throw new Error(`lot ${lot.number}: ${JSON.stringify(saved.postProblems)}`);
    const documents: PreparedFile[] = [];
    for (const kind of ["registerExtract", "references"] as const) {
      const name = `${kind}-${label}-${i + 1}.pdf`;
      const bytes = await uniquePdf(`${organisationName} ${kind}`);
      const upload = await storage.save(chunksOf(bytes), { fileName: name, maxBytes: 20 * 1024 * 1024 });
      await attachFile({ actor, applicationId, target: { kind }, upload, originalName: name, maxApplicationBytes: 200 * 1024 * 1024, now, db });
      documents.push({ kind, name, sha256: sha256(bytes), sizeBytes: bytes.length });
    }
    // The declarations in Textform (pay, exclusion grounds) are made; the client uploads the signed file and submits.
    const who = { name: `Leitung ${organisationName}`, role: "Geschäftsführung" };
    await saveDeclaration({ actor, applicationId, input: { kind: "pay", ...who, confirmed: true }, now, db });
    await saveDeclaration({ actor, applicationId, input: { kind: "exclusion", ...who, choice: "none", applies: {} }, now, db });
    const setCookie = await startSession({ id: registered.user.id, email, name: registered.user.name, role: "carrier" }, now, db);
    out.push({ index: i, email, organisationName, actor, applicationId, lotNumber: lot.number, cookie: setCookie.split(";")[0], documents });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [count, outFile] = process.argv.slice(2);
  if (!count || !outFile) {
    console.error("usage: tsx tests/support/load-carriers.ts <count> <out.json>");
    process.exit(2);
  }
  // A fixture, written before the server starts (see withoutFsync).
  await withoutFsync(defaultDb());
  const carriers = await prepareCarriers({ count: Number(count) });
  closeDb();
  fs.writeFileSync(outFile, JSON.stringify(carriers));
}
