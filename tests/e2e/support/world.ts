// The world of the access and bad-input sweeps, built with the real domain functions in the
// DATA_DIR of the environment (run with tsx before the server starts, see own-server.ts):
//
//   - carriers A and B, each with a second member, each with a submission (files included)
//     to Dresden's historic call, whose four-eyes opening is confirmed (OPENED), and to the
//     demo copy, whose deadline is still ahead (SEALED);
//   - a draft call with a call document (a PDF of the city);
//   - on the opened call: the demo evaluator assigned to lot 2 with no conflict, a second
//     evaluator assigned to lot 2 with a declared conflict with A, a third assigned nowhere;
//   - a Nachforderung (document request) to A's opened submission, a question of A, a
//     message in the outbox.
//
// Prints the ids as one JSON object on stdout's last line (type World).
import { DEMO_ACCOUNTS, DEMO_SLUG, HISTORIC_SLUG, loadDemo, dresdenDefinition } from "../../../app/demo/demo.server";
import { assignEvaluator, declareConflict } from "../../../app/evaluation/assessment.server";
import { requestDocument } from "../../../app/evaluation/formal-check.server";
import { acceptInvitation, inviteMember } from "../../../app/identity/carriers.server";
import { createStaffUser } from "../../../app/identity/users.server";
import { db, first } from "../../../app/infra/db.server";
import { sendMail } from "../../../app/infra/mail.server";
import { eq } from "drizzle-orm";
import { contracts, cooperationDeclarations, notices, users } from "../../../app/infra/schema";
import { fileStorage } from "../../../app/infra/storage.server";
import { addCallDocument } from "../../../app/procurement/authoring.server";
import { importCall, loadCallView, publishCall } from "../../../app/procurement/calls.server";
import { askQuestion } from "../../../app/procurement/questions.server";
import { CARRIER_PASSWORD, lotBidInput, openCall, registerTestCarrier, ORGANISATION_DOCUMENTS, storePdf, submitTestApplication, type AttachTarget, type FileToAttach } from "../../support/factories";

export type Account = { email: string; password: string };
export type CarrierWorld = {
  account: Account;
  organisationId: string;
  /** Per call: the application, its submission, and the ids of its files. */
  opened: { applicationId: string; submissionId: string; fileIds: string[] };
  sealed: { applicationId: string; submissionId: string; fileIds: string[] };
};
export type World = {
  /** decided: the demo's historic call, run to the staffing plan by `setup --demo`. */
  calls: { opened: string; sealed: string; draft: string; decided: string };
  lotIds: { opened: string[]; sealed: string[]; draft: string[] };
  /** The lot every bid of the world is on (number 2), per call. */
  bidLot: { opened: string; sealed: string };
  carriers: { A: CarrierWorld; B: CarrierWorld };
  callDocumentFileId: string;
  /** A letter (PDF) to one of the decided call's illustrative carriers. */
  decidedNoticeFileId: string;
  /** A cooperation declaration asked of one of them (the demo splits Region Süd's tandem). */
  decidedCooperationId: string;
  /** A contract the award of the decided call concluded with one of its illustrative carriers. */
  decidedContractId: string;
  /** That contract's first report period (its first day), for the staff report routes. */
  decidedReportPeriodFrom: string;
  requestId: string;
  outboxId: string;
  accounts: { officer: Account; officerB: Account; evalAssigned: Account; evalUnassigned: Account; evalConflict: Account };
};

export const DRAFT_SLUG = "entwurf-sweep";
/** A copy of the historic call with its dates, opened in this world (the original is decided). */
export const OPENED_SLUG = "geoeffnet-sweep";
const PASSWORD = CARRIER_PASSWORD;

async function main() {
  const database = db();
  const historic = dresdenDefinition();
  const whileOpen = new Date(new Date(historic.dates.published).getTime() + 86_400_000);
  const afterDeadline = new Date(new Date(historic.dates.submissionDeadline).getTime() + 3 * 3600_000);
  const today = new Date();
  await loadDemo({ now: today, db: database });
  await importCall({ definition: { ...historic, slug: DRAFT_SLUG, title: "Entwurf: Aufruf (Sweep)" }, isDemo: false, actorUserId: null, now: today, db: database });
  await importCall({ definition: { ...historic, slug: OPENED_SLUG, title: "Geöffneter Aufruf (Sweep)" }, isDemo: false, actorUserId: null, now: today, db: database });
  await publishCall({ slug: OPENED_SLUG, actorUserId: null, now: today, publishedAt: new Date(historic.dates.published), db: database });

  const staff = await database.select().from(users);
  const officerA = staff.find((u) => u.email === DEMO_ACCOUNTS[0].email)!.id;
  const officerB = staff.find((u) => u.email === DEMO_ACCOUNTS[1].email)!.id;
  const evalAssigned = staff.find((u) => u.email === DEMO_ACCOUNTS[2].email)!.id;
  const evalConflict = (await createStaffUser({ email: "befangen@demo.example", name: "Bea Befangen", role: "evaluator", password: PASSWORD, now: today, db: database })).id;
  await createStaffUser({ email: "ohne-los@demo.example", name: "Otto Ohnelos", role: "evaluator", password: PASSWORD, now: today, db: database });

  const opened = (await loadCallView(OPENED_SLUG, { db: database }))!;
  const decided = (await loadCallView(HISTORIC_SLUG, { db: database }))!;
  const decidedNotice = await first(database.select({ fileId: notices.storedFileId }).from(notices).where(eq(notices.callId, decided.id)));
  if (!decidedNotice?.fileId) throw new Error(`${HISTORIC_SLUG} has no letters: the world needs the demo as \`setup --demo\` loads it`);
  const decidedCooperation = await first(database.select({ id: cooperationDeclarations.id }).from(cooperationDeclarations).where(eq(cooperationDeclarations.callId, decided.id)));
  if (!decidedCooperation) throw new Error(`${HISTORIC_SLUG} asks no carrier for a cooperation declaration: the world needs its split tandem`);
  const decidedContract = await first(database.select({ id: contracts.id, reportPeriods: contracts.reportPeriods }).from(contracts).where(eq(contracts.callId, decided.id)));
  if (!decidedContract) throw new Error(`${HISTORIC_SLUG} has no contracts: the world needs the demo as \`setup --demo\` loads it`);
  const sealed = (await loadCallView(DEMO_SLUG, { db: database }))!;
  const draft = await loadCallView(DRAFT_SLUG, { db: database, includeDrafts: true });
  const lot2 = (call: typeof opened) => call.lots.find((l) => l.number === 2)!.id;
  const storage = fileStorage();
  const pdf = (text: string) => storePdf(storage, text);

  async function carrier(name: string, tag: "A" | "B"): Promise<CarrierWorld> {
    const email = `${name.toLowerCase().replace(/[^a-z]/g, "")}@sweep.example`;
    const r = await registerTestCarrier({ db: database, now: whileOpen, name, email });
    const invited = await inviteMember({ actorUserId: r.actor.userId, email: `kollegin.${email}`, now: today, db: database });
    await acceptInvitation({ token: invited.token, name: `Kollegin ${name}`, password: PASSWORD, now: today, db: database });
    const { actor } = r;

    // Markers (GEHEIM-A-sealed, Datei-A-sealed, …) let the access sweep find bid content
    // and file names in any answer.
    async function bid(call: typeof opened, now: Date, phase: "opened" | "sealed") {
      const marker = `${tag}-${phase}`;
      const lotId = lot2(call);
      const files: FileToAttach[] = [];
      for (const [target, label] of [[{ lotId }, "Konzept"], ...ORGANISATION_DOCUMENTS.map((kind) => [{ kind }, kind])] as [AttachTarget, string][]) {
        files.push({ target, upload: await pdf(`${name} ${label} ${call.slug}`), originalName: `${label} Datei-${marker}.pdf` });
      }
      const { applicationId, submissionId, fileIds } = await submitTestApplication({
        db: database,
        call,
        actor,
        now,
        bids: [{ lotId, input: lotBidInput(call, { concept: (title) => `${name}: ${title} GEHEIM-${marker}` }) }],
        files,
      });
      return { applicationId, submissionId, fileIds };
    }

    return {
      account: { email, password: PASSWORD },
      organisationId: actor.organisationId,
      opened: await bid(opened, whileOpen, "opened"),
      sealed: await bid(sealed, today, "sealed"),
    };
  }

  const A = await carrier("Alpha Sweep e. V.", "A");
  const B = await carrier("Beta Sweep e. V.", "B");
  const alpha = (await database.select().from(users)).find((u) => u.email === A.account.email)!.id;
  await askQuestion({ actor: { userId: alpha, organisationId: A.organisationId }, callSlug: DEMO_SLUG, body: "Eine Frage von Alpha?", now: today, db: database });

  await openCall({ db: database, storage, callId: opened.id, officerA, officerB, at: afterDeadline });
  for (const evaluatorId of [evalAssigned, evalConflict]) {
    await assignEvaluator({ officerUserId: officerA, lotId: lot2(opened), evaluatorId, assign: true, now: afterDeadline, db: database });
  }
  for (const c of [A, B]) {
    await declareConflict({ evaluatorId: evalAssigned, callId: opened.id, organisationId: c.organisationId, types: [], note: "", now: afterDeadline, db: database });
  }
  await declareConflict({ evaluatorId: evalConflict, callId: opened.id, organisationId: A.organisationId, types: ["employment"], note: "Früher dort beschäftigt.", now: afterDeadline, db: database });
  await declareConflict({ evaluatorId: evalConflict, callId: opened.id, organisationId: B.organisationId, types: [], note: "", now: afterDeadline, db: database });
  const { requestId } = await requestDocument({
    officerUserId: officerA,
    submissionId: A.opened.submissionId,
    description: "Bitte reichen Sie den Registerauszug erneut ein.",
    dueAt: new Date(today.getTime() + 7 * 86_400_000),
    now: today,
    db: database,
  });

  const callDocument = await addCallDocument({
    actorUserId: officerA,
    slug: DRAFT_SLUG,
    upload: await pdf("Leistungsbeschreibung Entwurf"),
    originalName: "Leistungsbeschreibung.pdf",
    title: "Leistungsbeschreibung",
    description: "",
    now: today,
    db: database,
  });
  const mail = await sendMail({ to: A.account.email, subject: "Sweep", text: "Eine Nachricht.", html: "<p>Eine Nachricht.</p>" });

  const world: World = {
    calls: { opened: OPENED_SLUG, sealed: DEMO_SLUG, draft: DRAFT_SLUG, decided: HISTORIC_SLUG },
    lotIds: { opened: opened.lots.map((l) => l.id), sealed: sealed.lots.map((l) => l.id), draft: draft!.lots.map((l) => l.id) },
    bidLot: { opened: lot2(opened), sealed: lot2(sealed) },
    carriers: { A, B },
    callDocumentFileId: callDocument.fileId,
    decidedNoticeFileId: decidedNotice.fileId,
    decidedCooperationId: decidedCooperation.id,
    decidedContractId: decidedContract.id,
    decidedReportPeriodFrom: decidedContract.reportPeriods[0].from,
    requestId,
    outboxId: mail.outboxId!,
    accounts: {
      officer: { email: DEMO_ACCOUNTS[0].email, password: DEMO_ACCOUNTS[0].password },
      officerB: { email: DEMO_ACCOUNTS[1].email, password: DEMO_ACCOUNTS[1].password },
      evalAssigned: { email: DEMO_ACCOUNTS[2].email, password: DEMO_ACCOUNTS[2].password },
      evalUnassigned: { email: "ohne-los@demo.example", password: PASSWORD },
      evalConflict: { email: "befangen@demo.example", password: PASSWORD },
    },
  };
  console.log(JSON.stringify(world));
}

if (process.argv[1]?.endsWith("world.ts")) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
