// The historic call `dresden-2017`, decided: at demo load, seven illustrative carriers
// register, submit, are opened with four eyes, checked, scored, ranked, allocated, informed
// in advance, awarded, and the awards become the regions' staffing plans. Every step runs
// through the same domain functions the pages use, each with its own date in 2017 (passed
// as `now`), so the demo shows the whole life of a call and exercises the real rules. No row
// is written directly.
//
// Everything here is invented: the carriers, the people, the offers, the scores and the
// client figures. The carriers' names say "(fiktiv)".
import { Readable } from "node:stream";
import type { Db } from "../infra/db.server";
import { parseBerlinLocal } from "../i18n/berlin-time";
import { fileStorage, type FileStorage } from "../infra/storage.server";
import { confirmEmail, registerCarrier } from "../identity/carriers.server";
import { loadCallView } from "../procurement/calls.server";
import type { CallView } from "../procurement/call-view";
import { attachFile, saveDeclaration, saveLotBid, selectLots, startApplication, type CarrierActor } from "../submission/applications.server";
import { exclusionGrounds } from "../submission/declarations";
import { recordGroundFindings } from "../evaluation/ground-check.server";
import { submitApplication } from "../submission/submit.server";
import { fteOfWeeklyHours, fullTimeHoursHundredths, needsDegreeProof } from "../submission/rules";
import { confirmOpening, startOpening } from "../evaluation/opening.server";
import { excludeBid, recordFormalCheck } from "../evaluation/formal-check.server";
import { criteriaOfRole, sectionsOfRole } from "../procurement/standards";
import { lotCheckItems, submissionCheckItems } from "../evaluation/formal-check";
import { assignEvaluator, certifyNoConflict, decideConflict, declarationsOfCall, declareConflict, lotResults, saveScores } from "../evaluation/assessment.server";
import { awardContracts, sendPreInformation } from "../award/award-decision.server";
import { approveAwardProposal, proposeAward } from "../award/proposal.server";
import { recordClientFigures, type FigureInput } from "../staffing/client-figures.server";
import { targetGroups, type TargetGroup } from "../infra/schema";
import { runDemoStaffReports } from "./staff-reports.server";
import { createDemoFollowUpCall } from "./follow-up.server";
import { runDemoAdjustment } from "./adjustment.server";

/** Berlin wall-clock time in 2017 → instant. */
const at = (local: string) => parseBerlinLocal(local)!;

/** The password of the one illustrative carrier account printed at start. */
export const DEMO_CARRIER_PASSWORD = "demo-traeger-elbtal-2017";

type DemoBid = {
  lot: number;
  fte: number; // hundredths
  costPerFte: number; // euros per year
  /** Material (travel included) and overhead per FTE and year, in euros: what the price criterion compares. */
  otherPerFte?: number;
};

type DemoCarrier = {
  name: string;
  legalForm: string;
  street: string;
  person: string;
  email: string;
  nonProfit: boolean;
  bids: DemoBid[];
  /** Points per quality criterion of the lot's role, in the call's order, as the first evaluator gives them. */
  quality: [number, number, number, number, number];
  /** The qualification offered for the posts does not meet the call: excluded in the formal check. */
  qualificationFails?: boolean;
};

// Lots are numbered region by region (Nord 1–4, Ost 5–8, Süd 9–12, West 13–16), in each
// region Regionalkoordination, Flüchtlingssozialarbeit, Flüchtlingsbegleitung,
// Integrationsberatung. With the client figures below the allocation shows: lots 8, 10 and
// 16 split between two carriers, lot 12 not fully covered, lots 2 and 3 with a second,
// unsuccessful bid, and one carrier excluded.
const DEMO_SELF_CLEANING =
  "Ein früherer Vertrag wurde 2015 wegen Personalmangels vorzeitig beendet; seitdem neue Leitung, Vertretungspool und Qualitätsmanagement (illustrativ, fiktiv).";

export const DEMO_CARRIERS: DemoCarrier[] = [
  {
    name: "Wohlfahrtsverband Elbtal e. V. (fiktiv)",
    legalForm: "eingetragener Verein",
    street: "Am Elbufer 12",
    person: "Erika Elbtal (fiktiv)",
    email: "traeger.elbtal@demo.example",
    nonProfit: true,
    bids: [
      { lot: 1, fte: 100, costPerFte: 61_000 },
      // Pays more per FTE than Heidepark in lot 2, but spends less on the rest: under the cost rule it gets the price points.
      { lot: 2, fte: 800, costPerFte: 58_500, otherPerFte: 9_000 },
      { lot: 3, fte: 800, costPerFte: 52_000 },
      { lot: 8, fte: 500, costPerFte: 57_000 },
    ],
    quality: [5, 4, 5, 4, 4],
  },
  {
    name: "Sozialwerk Heidepark gGmbH (fiktiv)",
    legalForm: "gemeinnützige GmbH",
    street: "Heideweg 3",
    person: "Hans Heidepark (fiktiv)",
    email: "traeger.heidepark@demo.example",
    nonProfit: true,
    bids: [
      { lot: 2, fte: 400, costPerFte: 57_000 },
      { lot: 10, fte: 600, costPerFte: 59_000 },
      { lot: 11, fte: 950, costPerFte: 51_500 },
    ],
    quality: [4, 3, 4, 3, 4],
  },
  {
    name: "Ankommen in Dresden e. V. (fiktiv)",
    legalForm: "eingetragener Verein",
    street: "Bahnhofstraße 40",
    person: "Aylin Ankommen (fiktiv)",
    email: "traeger.ankommen@demo.example",
    nonProfit: true,
    bids: [
      { lot: 9, fte: 100, costPerFte: 60_000 },
      { lot: 10, fte: 400, costPerFte: 56_000 },
      { lot: 13, fte: 100, costPerFte: 60_500 },
      { lot: 14, fte: 550, costPerFte: 58_000 },
      { lot: 15, fte: 550, costPerFte: 51_000 },
      { lot: 16, fte: 500, costPerFte: 55_000 },
    ],
    quality: [3, 4, 3, 3, 3],
  },
  {
    name: "Brücken bauen gGmbH (fiktiv)",
    legalForm: "gemeinnützige GmbH",
    street: "Brückenstraße 8",
    person: "Bernd Brücke (fiktiv)",
    email: "traeger.bruecken@demo.example",
    nonProfit: true,
    bids: [
      { lot: 5, fte: 100, costPerFte: 62_000 },
      { lot: 6, fte: 625, costPerFte: 59_500 },
      { lot: 7, fte: 625, costPerFte: 52_500 },
      { lot: 8, fte: 900, costPerFte: 55_500 },
    ],
    quality: [4, 4, 3, 4, 3],
  },
  {
    name: "Nachbarschaftshilfe Elbhang e. V. (fiktiv)",
    legalForm: "eingetragener Verein",
    street: "Elbhang 21",
    person: "Nora Nachbar (fiktiv)",
    email: "traeger.elbhang@demo.example",
    nonProfit: true,
    bids: [
      { lot: 4, fte: 700, costPerFte: 57_500 },
      { lot: 12, fte: 300, costPerFte: 58_000 },
    ],
    quality: [4, 5, 3, 4, 4],
  },
  {
    name: "Interkultureller Verein Neustadt e. V. (fiktiv)",
    legalForm: "eingetragener Verein",
    street: "Alaunstraße 70",
    person: "Ivan Neustadt (fiktiv)",
    email: "traeger.neustadt@demo.example",
    nonProfit: true,
    bids: [
      { lot: 3, fte: 400, costPerFte: 50_500 },
      { lot: 16, fte: 450, costPerFte: 56_500 },
    ],
    quality: [4, 4, 4, 5, 3],
  },
  {
    name: "Neue Wege Beratung UG (fiktiv)",
    legalForm: "Unternehmergesellschaft (haftungsbeschränkt)",
    street: "Wegkreuz 1",
    person: "Nele Neuweg (fiktiv)",
    email: "traeger.neuewege@demo.example",
    nonProfit: false,
    bids: [{ lot: 14, fte: 600, costPerFte: 54_000 }],
    quality: [3, 2, 3, 3, 2],
    qualificationFails: true,
  },
];

/** Illustrative client figures (Fallzahlen) per region: first as of 31 January 2017, then as of 30 September 2017. */
export const DEMO_CLIENT_FIGURES = {
  first: {
    asOf: "2017-01-31",
    figures: {
      nord: { asylum: 1240, rightToStay: 560, vulnerable: 120 },
      ost: { asylum: 980, rightToStay: 720, vulnerable: 95 },
      sued: { asylum: 1500, rightToStay: 480, vulnerable: 140 },
      west: { asylum: 860, rightToStay: 640, vulnerable: 80 },
    },
  },
  later: {
    asOf: "2017-09-30",
    figures: {
      nord: { asylum: 1100, rightToStay: 690, vulnerable: 110 },
      ost: { asylum: 1010, rightToStay: 760, vulnerable: 90 },
      sued: { asylum: 1650, rightToStay: 560, vulnerable: 150 },
      west: { asylum: 820, rightToStay: 700, vulnerable: 75 },
    },
  },
} as const;

/** A real, small PDF so that the demo's files can be downloaded and re-hashed. */
async function demoPdf(title: string, lines: string[]): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import("pdf-lib"); // loaded when needed, see createPdf
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreationDate(new Date("2017-02-20T09:00:00Z"));
  doc.setModificationDate(new Date("2017-02-20T09:00:00Z"));
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 50, y: 780, size: 14, font });
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 750 - i * 16, size: 10, font }));
  return doc.save();
}

async function storePdf(storage: FileStorage, name: string, bytes: Uint8Array) {
  const saved = await storage.save(Readable.from([Buffer.from(bytes)]), { fileName: name, maxBytes: 5 * 1024 * 1024 });
  return { upload: saved, originalName: name };
}

// WinAnsi (Helvetica) cannot print every character; the demo's texts stay within it.
const ascii = (s: string) => s.normalize("NFKD").replace(/[^\x20-\x7e]/g, "");

export type HistoricActors = { officerA: string; officerB: string; evaluators: [string, string] };

/** Runs the historic call from registration to the staffing plan. Idempotent only as a whole: call it once, for a call without applications. */
export async function runHistoricProcedure(opts: { slug: string; actors: HistoricActors; db: Db; storage?: FileStorage }) {
  const { db, actors } = opts;
  const storage = opts.storage ?? fileStorage();
  const call = (await loadCallView(opts.slug, { db }))!;
  const lotByNumber = (n: number) => {
    const lot = call.lots.find((l) => l.number === n);
    if (!lot) throw new Error(`demo: the call has no lot ${n}`);
    return lot;
  };

  // 1. Registration and submission (late January to the day before the deadline).
  const bidders: { carrier: DemoCarrier; actor: CarrierActor; submissionId: string }[] = [];
  for (const [i, carrier] of DEMO_CARRIERS.entries()) {
    const day = String(20 + (i % 7)).padStart(2, "0");
    const registered = await registerCarrier({
      input: {
        organisationName: carrier.name,
        legalForm: carrier.legalForm,
        street: carrier.street,
        postalCode: "01067",
        city: "Dresden",
        registerCourt: "Amtsgericht Dresden",
        registerNumber: `VR ${9000 + i} (fiktiv)`,
        nonProfit: carrier.nonProfit ? "ja" : "nein",
        contactPhone: null,
        name: carrier.person,
        email: carrier.email,
        password: i === 0 ? DEMO_CARRIER_PASSWORD : `${DEMO_CARRIER_PASSWORD}-${i}-nicht-gedruckt`,
      },
      now: at(`2017-01-3${i % 2}T09:${String(10 + i).padStart(2, "0")}`),
      db,
    });
    await confirmEmail({ token: registered.confirmToken, now: at(`2017-01-31T10:${String(10 + i).padStart(2, "0")}`), db });
    const actor: CarrierActor = { userId: registered.user.id, organisationId: registered.organisation.id };
    const draftAt = at(`2017-02-${day}T09:00`);
    const { applicationId } = await startApplication({ actor, callSlug: opts.slug, now: draftAt, db });
    await selectLots({ actor, applicationId, lotIds: carrier.bids.map((b) => lotByNumber(b.lot).id), now: draftAt, db });
    for (const bid of carrier.bids) {
      const lot = lotByNumber(bid.lot);
      await saveLotBid({
        actor,
        applicationId,
        lotId: lot.id,
        input: {
          concept: Object.fromEntries(
            sectionsOfRole(call.conceptSections, lot.roleCode).map((s) => [s.code, `${carrier.name}, Los ${lot.number} (${lot.roleName}, ${lot.regionName}): ${s.title}. Illustrativer Demo-Text; kein echtes Konzept.`]),
          ),
          posts: postsFor(call, lot.roleCode, bid.fte),
          costPlan: otherCosts(bid),
        },
        now: draftAt,
        db,
      });
      const file = await storePdf(storage, `Konzept Los ${bid.lot}.pdf`, await demoPdf(ascii(`Konzept Los ${bid.lot}`), [ascii(carrier.name), "Illustratives Demo-Dokument."]));
      await attachFile({ actor, applicationId, target: { lotId: lot.id }, ...file, maxApplicationBytes: 100 * 1024 * 1024, now: draftAt, db });
    }
    // The proofs of degree where a lot's role requires the degree (checked per lot in the formal check).
    const degreeRequired = needsDegreeProof(call, carrier.bids.map((b) => ({ lotId: lotByNumber(b.lot).id })));
    const kinds = (["registerExtract", "references", "declarations", "nonProfitCertificate", "degreeProofs"] as const).filter(
      (k) => (k !== "nonProfitCertificate" || carrier.nonProfit) && (k !== "degreeProofs" || degreeRequired),
    );
    for (const kind of kinds) {
      const file = await storePdf(storage, `${kind}.pdf`, await demoPdf(ascii(`${kind}`), [ascii(carrier.name), "Illustratives Demo-Dokument."]));
      await attachFile({ actor, applicationId, target: { kind }, ...file, maxApplicationBytes: 100 * 1024 * 1024, now: draftAt, db });
    }
    // Declarations in Textform by the carrier's contact person (decision 0019); the second
    // carrier declares a ground of § 124 with its self-cleaning (illustrative).
    const declaredBy = { name: carrier.person, role: "Geschäftsführung" };
    await saveDeclaration({ actor, applicationId, input: { kind: "pay", ...declaredBy, confirmed: true }, now: draftAt, db });
    await saveDeclaration({
      actor,
      applicationId,
      input: i === 1 ? { kind: "exclusion", ...declaredBy, choice: "some", applies: { "gwb124-1-7": DEMO_SELF_CLEANING } } : { kind: "exclusion", ...declaredBy, choice: "none", applies: {} },
      now: draftAt,
      db,
    });
    const { submissionId } = await submitApplication({ actor, applicationId, clock: () => at(`2017-02-${day}T15:${String(10 + i).padStart(2, "0")}`), db });
    bidders.push({ carrier, actor, submissionId });
  }

  // 2. Opening with four eyes after the deadline (28 February 2017, 12:00).
  await startOpening({ officerUserId: actors.officerA, callId: call.id, now: at("2017-02-28T14:00"), db });
  await confirmOpening({ officerUserId: actors.officerB, callId: call.id, now: at("2017-02-28T14:07"), db, storage });

  // 3. Formal check: everything in order except the qualification of one carrier's posts.
  const checkAt = at("2017-03-01T10:00");
  for (const [i, { carrier, submissionId }] of bidders.entries()) {
    await recordGroundFindings({
      officerUserId: actors.officerA,
      submissionId,
      findings: exclusionGrounds.map((ground) =>
        i === 1 && ground === "gwb124-1-7"
          ? { ground, finding: "selfCleaning", note: "Die beschriebene Selbstreinigung (neue Leitung, Qualitätsmanagement) genügt nach § 125 GWB (illustrativ)." }
          : { ground, finding: "none", note: "" },
      ),
      now: checkAt,
      db,
    });
    await recordFormalCheck({
      officerUserId: actors.officerA,
      submissionId,
      lotId: null,
      items: submissionCheckItems.map((item) => ({ item, passed: true, note: "" })),
      now: checkAt,
      db,
    });
    for (const bid of carrier.bids) {
      const lotId = lotByNumber(bid.lot).id;
      await recordFormalCheck({
        officerUserId: actors.officerA,
        submissionId,
        lotId,
        items: lotCheckItems.map((item) =>
          item === "qualification" && carrier.qualificationFails
            ? { item, passed: false, note: "Der angegebene Abschluss ist kein staatlich anerkannter Abschluss der Sozialen Arbeit (illustrativ)." }
            : { item, passed: true, note: "" },
        ),
        now: checkAt,
        db,
      });
      if (carrier.qualificationFails) {
        await excludeBid({
          officerUserId: actors.officerA,
          submissionId,
          lotId,
          reason: "Die angebotenen Fachkräfte erfüllen die im Aufruf geforderte Qualifikation (staatlich anerkannter Abschluss der Sozialen Arbeit) nicht (illustrativ).",
          now: at("2017-03-01T11:00"),
          db,
        });
      }
    }
  }

  // 4. Evaluation: both evaluators on every lot, declarations first, then scores.
  for (const lot of call.lots) {
    for (const evaluatorId of actors.evaluators) {
      await assignEvaluator({ officerUserId: actors.officerA, lotId: lot.id, evaluatorId, assign: true, now: at("2017-03-09T09:00"), db });
    }
  }
  // The second evaluator declares a (remote) tie with the first admitted carrier; the
  // Vergabestelle allows it with a reason, so every score still counts (illustrative).
  const tied = bidders.find((b) => !b.carrier.qualificationFails)!.actor.organisationId;
  for (const [e, evaluatorId] of actors.evaluators.entries()) {
    for (const { actor, carrier } of bidders) {
      if (carrier.qualificationFails) continue; // excluded: nothing of it to evaluate
      const declared = e === 1 && actor.organisationId === tied;
      await declareConflict({
        evaluatorId,
        callId: call.id,
        organisationId: actor.organisationId,
        types: declared ? ["other"] : [],
        note: declared ? "Bis 2013 ehrenamtlich im Beirat eines Projekts dieses Trägers tätig, seitdem keine Verbindung (illustrativ)." : "",
        now: at("2017-03-09T10:00"),
        db,
      });
    }
  }
  const [declared] = (await declarationsOfCall(call.id, db)).filter((d) => d.hasConflict);
  await decideConflict({
    officerUserId: actors.officerB,
    declarationId: declared.id,
    outcome: "allow",
    reason: "Das Ehrenamt endete vor über drei Jahren ohne Vergütung; eine Befangenheit ist nicht zu besorgen (illustrativ).",
    now: at("2017-03-09T11:00"),
    db,
  });
  for (const { carrier, submissionId } of bidders) {
    if (carrier.qualificationFails) continue;
    for (const bid of carrier.bids) {
      const lotId = lotByNumber(bid.lot).id;
      // Each role has five quality criteria; the third is the role's own (steering, tandem, eAT).
      const quality = criteriaOfRole(call.criteria, lotByNumber(bid.lot).roleCode).filter((c) => c.kind === "quality");
      for (const [e, evaluatorId] of actors.evaluators.entries()) {
        const entries = quality.map((criterion, q) => {
          // The second evaluator sees the networking one point lower where the first gave 5.
          const points = e === 1 && q === 1 && carrier.quality[q] === 5 ? 4 : carrier.quality[q];
          const meaning = criterion.scale.find((s) => s.points === points)?.meaning ?? "";
          return { criterionId: criterion.id, points, justification: `Illustrative Bewertung (Demo): ${meaning}` };
        });
        const { problems } = await saveScores({ evaluatorId, submissionId, lotId, entries, finalise: true, now: at(`2017-03-1${3 + e}T11:00`), db });
        if (problems.length) throw new Error(`demo scores refused: ${JSON.stringify(problems)}`);
      }
    }
  }
  // After the last score, each evaluator certifies that no conflict arose; only then do
  // their scores count.
  for (const [e, evaluatorId] of actors.evaluators.entries()) await certifyNoConflict({ evaluatorId, callId: call.id, now: at(`2017-03-1${3 + e}T16:00`), db });
  const results = await lotResults({ callId: call.id, db });

  // 5. Client figures as of 31 January 2017, entered before the proposal.
  await recordClientFigures({
    callId: call.id,
    asOf: DEMO_CLIENT_FIGURES.first.asOf,
    figures: figureInputs(DEMO_CLIENT_FIGURES.first.figures),
    userId: actors.officerA,
    source: "demo",
    now: at("2017-03-14T09:00"),
    db,
  });

  // 6. Zuschlagsvorschlag, approval by the second officer, Vorabinformation, and the award
  // on the earliest date the standstill allows, by the second officer too: four eyes
  // (§ 58 Abs. 5 VgV) refuse both steps to the officer who computed the proposal. The
  // letters are stored as PDFs for the carriers; no mail goes to the invented addresses.
  await proposeAward({ officerUserId: actors.officerA, callId: call.id, now: at("2017-03-15T10:00"), db });
  await approveAwardProposal({ officerUserId: actors.officerB, callId: call.id, now: at("2017-03-16T10:00"), db });
  const { earliestAwardAt } = await sendPreInformation({ officerUserId: actors.officerA, callId: call.id, now: at("2017-03-17T10:00"), db, storage, sendMails: false });
  await awardContracts({ officerUserId: actors.officerB, callId: call.id, now: new Date(earliestAwardAt.getTime() + 9 * 3600_000), db, storage, sendMails: false });

  // 7. Later client figures: the staffing plan is recomputed and shows the difference.
  await recordClientFigures({
    callId: call.id,
    asOf: DEMO_CLIENT_FIGURES.later.asOf,
    figures: figureInputs(DEMO_CLIENT_FIGURES.later.figures),
    userId: actors.officerA,
    source: "demo",
    now: at("2017-10-05T09:00"),
    db,
  });

  // 8. Staff reports of June and July 2017 (app/demo/staff-reports.server.ts); one proof document's bytes for every degree.
  const proof = await demoPdf("Nachweis Hochschulabschluss", ["Illustratives Demo-Dokument (fiktiv)."]);
  await runDemoStaffReports({ call, carriers: bidders.map((b) => b.actor), db, proof: () => storePdf(storage, "Nachweis Abschluss.pdf", proof) });
  // 9. Nachsteuerung: the October figures move lots beyond the tolerance; officer A proposes,
  // officer B approves, one carrier accepts its change letter and one declines.
  await runDemoAdjustment({ callId: call.id, officerA: actors.officerA, officerB: actors.officerB, carriers: bidders.map((b) => b.actor), db, storage });
  // 10. Folgeaufruf: once the carriers have answered, officer A creates the follow-up call for
  // what stays uncovered (the declined change's gap among it), a draft.
  await createDemoFollowUpCall({ callId: call.id, officerUserId: actors.officerA, now: at("2017-10-23T10:00"), db });
  return { call, bidders, results };
}

function figureInputs(byRegion: Record<string, Record<TargetGroup, number>>): FigureInput[] {
  return Object.entries(byRegion).flatMap(([regionCode, groups]) =>
    targetGroups.map((targetGroup) => ({ regionCode, targetGroup, count: groups[targetGroup] })),
  );
}

/** A bid's cost plan: the rest (10,000 € per FTE unless stated) split 40 : 60 into material cost and overhead. */
function otherCosts(bid: DemoBid) {
  const other = (bid.otherPerFte ?? 10_000) * bid.fte; // euro-hundredths of an FTE = cents
  const material = Math.round(other * 0.4);
  return { personnelCostPerFteCents: bid.costPerFte * 100, materialCostCents: material, overheadCents: other - material };
}

/**
 * Posts that satisfy the role's rules: one full-time post per 1.0 FTE (39 weekly hours), the
 * rest part-time (0,5 FTE = 19,5 h, 0,25 = 9,75 h), paid at the role's floor. The FTE is derived
 * from the hours as the form does, and equals the bid's figure.
 */
function postsFor(call: CallView, roleCode: string, fte: number) {
  const role = call.roles.find((r) => r.code === roleCode)!;
  const fullTime = fullTimeHoursHundredths(call.payScale);
  const posts = [];
  for (let left = fte; left > 0; left -= 100) {
    const weeklyHoursHundredths = Math.round((Math.min(100, left) * fullTime) / 100);
    posts.push({
      fteHundredths: fteOfWeeklyHours(weeklyHoursHundredths, fullTime),
      weeklyHoursHundredths,
      qualification: role.requiresPedagogicalDegree ? "Soziale Arbeit (B. A.), staatlich anerkannt" : "Erfahrung in der Begleitung Geflüchteter",
      hasPedagogicalDegree: role.requiresPedagogicalDegree,
      payGroup: role.minPayGroup ?? "S 12",
      languages: ["Deutsch", "Englisch", "Arabisch"],
    });
  }
  return posts;
}
