// Test factories: the steps every integration test and e2e seed builds its world from, each
// through the domain functions (registration, application, opening, scoring), never raw
// inserts, so that a world is one the portal itself could have produced. The bigger worlds
// compose these: tests/support/evaluation.ts (an opened call), tests/support/award.ts (a
// scored and an awarded call), tests/support/stored-bids.ts, tests/e2e/support/world.ts.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { certifyNoConflict, evaluatorOverview, saveScores } from "../../app/evaluation/assessment.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { confirmEmail, registerCarrier } from "../../app/identity/carriers.server";
import type { Db } from "../../app/infra/db.server";
import { users } from "../../app/infra/schema";
import type { FileStorage, SavedFile, SealWith } from "../../app/infra/storage.server";
import type { CallView } from "../../app/procurement/call-view";
import {
  attachFile,
  saveDeclaration,
  saveLotBid,
  selectLots,
  startApplication,
  type CarrierActor,
  type LotBidInput,
  type StoredUpload,
} from "../../app/submission/applications.server";
import { submitApplication } from "../../app/submission/submit.server";
import { makePdf } from "./sample-files";

export const CARRIER_PASSWORD = "ein langes sicheres passwort";
/** The quality criteria of Dresden's tandem roles (Flüchtlingssozialarbeit, Flüchtlingsbegleitung), scored by the evaluators (the price is a formula). */
export const QUALITY = ["konzept", "vernetzung", "tandem", "schutzbeduerftige", "qualitaet"];
export const ORGANISATION_DOCUMENTS = ["registerExtract", "references", "declarations"] as const;
/** The documents of a non-profit carrier: a certificate of its status besides. */
export const NON_PROFIT_DOCUMENTS = ["registerExtract", "nonProfitCertificate", "references", "declarations"] as const;

export type RegisteredCarrier = { actor: CarrierActor; email: string; confirmToken: string };

/**
 * Registers a carrier organisation with one person (password CARRIER_PASSWORD) and confirms
 * its e-mail address unless `confirm` is false. A non-profit carrier („gemeinnützig: ja“)
 * must attach a certificate of its status (NON_PROFIT_DOCUMENTS).
 */
export async function registerTestCarrier(opts: {
  db: Db;
  now: Date;
  name: string;
  organisationName?: string;
  email?: string;
  street?: string;
  nonProfit?: boolean;
  confirm?: boolean;
}): Promise<RegisteredCarrier> {
  const { db, now, name } = opts;
  const email = opts.email ?? `${name.split(" ")[0].toLowerCase().replace(/[^a-z]/g, "")}-${randomBytes(3).toString("hex")}@example.org`;
  const r = await registerCarrier({
    input: {
      organisationName: opts.organisationName ?? name,
      legalForm: "e. V.",
      street: opts.street ?? "Weg 1",
      postalCode: "01067",
      city: "Dresden",
      registerCourt: null,
      registerNumber: null,
      nonProfit: opts.nonProfit ? "ja" : "nein",
      contactPhone: null,
      name: `${name} Person`,
      email,
      password: CARRIER_PASSWORD,
    },
    now,
    db,
  });
  if (opts.confirm ?? true) await confirmEmail({ token: r.confirmToken, now, db });
  return { actor: { userId: r.user.id, organisationId: r.organisation.id }, email, confirmToken: r.confirmToken };
}

/** A confirmed (unless `confirm` is false) non-profit carrier „<name> e. V.“; its actor. */
export async function nonProfitCarrier(opts: { db: Db; now: Date; name: string; confirm?: boolean }): Promise<CarrierActor> {
  const { name } = opts;
  return (await registerTestCarrier({ ...opts, organisationName: `${name} e. V.`, street: "Musterstraße 1", nonProfit: true })).actor;
}

type Post = LotBidInput["posts"][number];

/** A qualified post: a social worker with a degree, paid by the collective agreement. */
export const TVOED_POST = { qualification: "Sozialarbeiterin B. A.", payGroup: "S 12" } as const;

/**
 * A complete bid for one lot: every concept section written (`concept` gives the text per
 * section title), one qualified post of `fteHundredths`, a cost plan. Equal defaults for
 * every bidder: equal price scores, so that the quality decides a ranking.
 */
export function lotBidInput(
  call: Pick<CallView, "conceptSections">,
  opts: {
    concept: (sectionTitle: string) => string;
    fteHundredths?: number;
    post?: Partial<Post>;
    personnelCostPerFteCents?: number;
    materialCostCents?: number;
    overheadCents?: number;
  },
): LotBidInput {
  return {
    concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, opts.concept(s.title)])),
    posts: [
      {
        fteHundredths: opts.fteHundredths ?? 200,
        // At 39 h a full-time post, as the form derives the FTE (one post may stand for several here).
        weeklyHoursHundredths: (opts.fteHundredths ?? 200) * 39,
        qualification: "Sozialarbeit B. A.",
        hasPedagogicalDegree: true,
        payGroup: "S 12",
        languages: ["Deutsch"],
        ...opts.post,
      },
    ],
    costPlan: {
      personnelCostPerFteCents: opts.personnelCostPerFteCents ?? 5_000_000,
      materialCostCents: opts.materialCostCents ?? 100_000,
      overheadCents: opts.overheadCents ?? 100_000,
    },
  };
}

/** A file record without bytes behind it (the opening records such a file as missing). */
export function placeholderUpload(): StoredUpload {
  return { backend: "local", storageKey: randomBytes(16).toString("base64url").slice(0, 22), sizeBytes: 10, sha256: "0".repeat(64), mediaType: "application/pdf" };
}

/** A real PDF saying `text`, stored with `storage` (sealed with the call's key if `seal`). */
export async function storePdf(storage: FileStorage, text: string, opts: { fileName?: string; seal?: SealWith } = {}): Promise<SavedFile> {
  const bytes = await makePdf(text);
  return storage.save(Readable.from([Buffer.from(bytes)]), { fileName: opts.fileName ?? `${text}.pdf`, maxBytes: 10_000_000, seal: opts.seal });
}

export type AttachTarget = { lotId: string } | { kind: (typeof NON_PROFIT_DOCUMENTS)[number] };
export type FileToAttach = { target: AttachTarget; upload: StoredUpload; originalName: string };

/**
 * A carrier's application for `call`: starts it, selects the lots of `bids`, saves each bid
 * and attaches `files` in order. Not submitted. Throws if a post is refused.
 */
export async function fillApplication(opts: {
  db: Db;
  call: Pick<CallView, "slug">;
  actor: CarrierActor;
  now: Date;
  bids: { lotId: string; input: LotBidInput }[];
  files: FileToAttach[];
  maxApplicationBytes?: number;
  /** The declarations in Textform to make (both unless told otherwise). */
  declare?: ("pay" | "exclusion")[];
}): Promise<{ applicationId: string; fileIds: string[] }> {
  const { db, actor, now } = opts;
  const { applicationId } = await startApplication({ actor, callSlug: opts.call.slug, now, db });
  await selectLots({ actor, applicationId, lotIds: opts.bids.map((b) => b.lotId), now, db });
  for (const { lotId, input } of opts.bids) {
    const { postProblems } = await saveLotBid({ actor, applicationId, lotId, input, now, db });
    if (postProblems.length) throw new Error(`posts refused: ${JSON.stringify(postProblems)}`);
  }
  const fileIds: string[] = [];
  for (const { target, upload, originalName } of opts.files) {
    fileIds.push((await attachFile({ actor, applicationId, target, upload, originalName, maxApplicationBytes: opts.maxApplicationBytes ?? 1e9, now, db })).fileId);
  }
  for (const kind of opts.declare ?? ["pay", "exclusion"]) await declare({ db, actor, applicationId, now, kind });
  return { applicationId, fileIds };
}

/** Makes one declaration in Textform for the carrier: pays the call's pay groups; no exclusion ground. */
export async function declare(opts: { db: Db; actor: CarrierActor; applicationId: string; now: Date; kind: "pay" | "exclusion" }) {
  const who = { name: "Erika Beispiel", role: "Geschäftsführerin" };
  const input = opts.kind === "pay" ? { kind: "pay" as const, ...who, confirmed: true } : { kind: "exclusion" as const, ...who, choice: "none" as const, applies: {} };
  const { errors } = await saveDeclaration({ actor: opts.actor, applicationId: opts.applicationId, input, now: opts.now, db: opts.db });
  if (errors.length) throw new Error(`declaration refused: ${JSON.stringify(errors)}`);
}

export type SubmittedApplication = { applicationId: string; fileIds: string[]; submissionId: string; receiptNumber: string; auditHead: string };

/** fillApplication, then submits at `now`. */
export async function submitTestApplication(opts: Parameters<typeof fillApplication>[0]): Promise<SubmittedApplication> {
  const filled = await fillApplication(opts);
  const submitted = await submitApplication({ actor: opts.actor, applicationId: filled.applicationId, clock: () => opts.now, db: opts.db });
  return { ...filled, submissionId: submitted.submissionId, receiptNumber: submitted.receiptNumber, auditHead: submitted.auditHead };
}

/** The demo's staff: its two officers (Vergabestelle) and its evaluator, by id. */
export async function demoStaff(db: Db): Promise<{ officerA: string; officerB: string; evaluator: string }> {
  const staff = await db.select().from(users);
  const [officerA, officerB] = staff.filter((u) => u.role === "officer").map((u) => u.id);
  return { officerA, officerB, evaluator: staff.find((u) => u.role === "evaluator")!.id };
}

/** The four-eyes opening of `callId` at `at`: officer A starts it, officer B confirms. */
export async function openCall(opts: { db: Db; storage: FileStorage; callId: string; officerA: string; officerB: string; at: Date }) {
  const { db, callId, at } = opts;
  await startOpening({ officerUserId: opts.officerA, callId, now: at, db });
  return confirmOpening({ officerUserId: opts.officerB, callId, now: at, db, storage: opts.storage });
}

/**
 * Each of `evaluatorIds` gives `points` on every quality criterion of a bid, final; once all
 * of an evaluator's bids are final, they certify that no conflict arose (then they count).
 */
export async function scoreBid(opts: {
  db: Db;
  call: Pick<CallView, "criteria" | "id">;
  evaluatorIds: string[];
  submissionId: string;
  lotId: string;
  points: number;
  at: Date;
}) {
  for (const evaluatorId of opts.evaluatorIds) {
    const { problems } = await saveScores({
      evaluatorId,
      submissionId: opts.submissionId,
      lotId: opts.lotId,
      // Every quality criterion of the call: the scoring takes those of the lot's role.
      entries: opts.call.criteria.filter((c) => c.kind === "quality").map((c) => ({ criterionId: c.id, points: opts.points, justification: `Begründung ${opts.points}` })),
      finalise: true,
      now: opts.at,
      db: opts.db,
    });
    if (problems.length) throw new Error(`scores refused: ${JSON.stringify(problems)}`);
    // As an evaluator does: certify that no conflict arose once every bid is final.
    const { certification } = await evaluatorOverview({ evaluatorId, callId: opts.call.id, db: opts.db });
    if (certification.problem === null) await certifyNoConflict({ evaluatorId, callId: opts.call.id, now: opts.at, db: opts.db });
  }
}

/** The bid of the submission tests: 1.5 FTE of a qualified social worker who speaks Arabic, 52,000 € per FTE. */
export function completeLotBid(call: Pick<CallView, "conceptSections">, concept: (sectionTitle: string) => string): LotBidInput {
  return lotBidInput(call, {
    concept,
    fteHundredths: 150,
    post: { ...TVOED_POST, languages: ["Deutsch", "Arabisch"] },
    personnelCostPerFteCents: 5_200_000,
    materialCostCents: 400_000,
    overheadCents: 300_000,
  });
}
