// A call of the demo with scored bids for the award procedure, built with the domain
// functions against a real database (tests/integration/award.test.ts, and the e2e seed
// tests/e2e/support/award-seed.ts). Four carriers on Flüchtlingssozialarbeit Nord (Alpha
// 5.00 FTE, Beta 4.00, Gamma 2.00, Delta 3.00 but excluded), Gamma also on
// Integrationsberatung Nord (2.00); two evaluators; scoring and client figures are left to
// the caller (scoreAll, enterFigures) so that a test can stop before them. preInform and
// award run the real award procedure without mails, for tests of what follows the award.
// Its steps submitBid and enterClientFigures also serve worlds that stop before the opening
// (tests/e2e/support/keyboard-seed.ts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { awardContracts, sendPreInformation } from "../../app/award/award-decision.server";
import { approveAwardProposal, proposeAward } from "../../app/award/proposal.server";
import { loadDemo } from "../../app/demo/demo.server";
import { assignEvaluator, declareConflict } from "../../app/evaluation/assessment.server";
import { excludeBid } from "../../app/evaluation/formal-check.server";
import { createStaffUser } from "../../app/identity/users.server";
import { writeTx, type Db } from "../../app/infra/db.server";
import { clientFigures, regions } from "../../app/infra/schema";
import { localStorage, type FileStorage } from "../../app/infra/storage.server";
import type { CallView } from "../../app/procurement/call-view";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CarrierActor } from "../../app/submission/applications.server";
import {
  demoStaff,
  lotBidInput,
  openCall,
  ORGANISATION_DOCUMENTS,
  placeholderUpload,
  registerTestCarrier,
  scoreBid,
  storePdf,
  submitTestApplication,
} from "./factories";
import { imageOf, tempDatabase, tempDatabaseFrom, type DbImage, type TempDb } from "./temp-db";

export { CARRIER_PASSWORD } from "./factories";

export type AwardBidder = { actor: CarrierActor; submissionId: string; email: string };

export type AwardScenario = {
  call: CallView;
  officerA: string;
  officerB: string;
  evaluators: string[];
  /** One second after the submission deadline: the opening and the formal check happen then. */
  after: Date;
  bidders: Record<string, AwardBidder>;
  fsaNord: string;
  ibNord: string;
  lotOf: (region: string, role: string) => string;
  org: (name: string) => string;
  sub: (name: string) => string;
  /** Both evaluators give `points` on every quality criterion, final. */
  score: (name: string, lotId: string, points: number) => Promise<void>;
  /** Alpha 5, Beta 4, Gamma 3 on FSA Nord; Gamma 4 on IB Nord. */
  scoreAll: () => Promise<void>;
  /** Nord: 1,240 refugees, 312 with a right to stay; the other regions 800 and 160; older figures too. */
  enterFigures: () => Promise<void>;
  /**
   * The real procedure, all at `at`: proposal (officer A), approval (officer B), Vorabinformation
   * (no mails). Needs scores and figures. Returns the earliest award date.
   */
  preInform: (at: Date) => Promise<Date>;
  /** The award (Zuschlag) at `at` by officer B (four eyes: not the proposer), letters stored but not mailed. */
  award: (at: Date) => Promise<void>;
};

/** What a built scenario holds besides its steps: plain ids and dates, the same in a copy of its database. */
type AwardScenarioData = Pick<AwardScenario, "call" | "officerA" | "officerB" | "evaluators" | "after" | "bidders" | "fsaNord" | "ibNord">;

type AwardScenarioOptions = {
  db: Db;
  storage: FileStorage;
  now: Date;
  slug?: string;
  /** Further bidders beside Alpha to Delta (assigned and declared like them; scored by the test). */
  extra?: (lotOf: (region: string, role: string) => string) => { name: string; offers: [lotId: string, fteHundredths: number][] }[];
  /** Bidders' documents as stored PDFs (tests that read or delete them), not placeholders without bytes. */
  realFiles?: boolean;
};

export async function buildAwardScenario(opts: AwardScenarioOptions): Promise<AwardScenario> {
  return awardScenarioOn(await seedAwardScenario(opts), opts);
}

async function seedAwardScenario(opts: AwardScenarioOptions): Promise<AwardScenarioData> {
  const { db, storage, now } = opts;
  const slug = opts.slug ?? "dresden-2017-demo";
  await loadDemo({ now, db });
  const call = (await loadCallView(slug, { db }))!;
  const lotOf = (region: string, role: string) => call.lots.find((l) => l.regionCode === region && l.roleCode === role)!.id;
  const fsaNord = lotOf("nord", "fluechtlingssozialarbeit");
  const ibNord = lotOf("nord", "integrationsberatung");
  const { officerA, officerB, evaluator } = await demoStaff(db);
  const eval2 = await createStaffUser({ email: `zweite-${randomBytes(3).toString("hex")}@demo.example`, name: "Zweite Bewerterin", role: "evaluator", password: "ein langes passwort 2", now, db });
  const evaluators = [evaluator, eval2.id];
  const bidders: Record<string, AwardBidder> = {};

  async function submitFor(name: string, offers: [lotId: string, fteHundredths: number][]) {
    bidders[name] = await submitBid({ db, storage: opts.realFiles ? storage : undefined, call, name, offers, now });
  }

  await submitFor("Alpha e. V.", [[fsaNord, 500]]);
  await submitFor("Beta e. V.", [[fsaNord, 400]]);
  await submitFor("Gamma e. V.", [[fsaNord, 200], [ibNord, 200]]);
  await submitFor("Delta e. V.", [[fsaNord, 300]]);
  const extra = opts.extra?.(lotOf) ?? [];
  for (const e of extra) await submitFor(e.name, e.offers);
  const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
  await openCall({ db, storage, callId: call.id, officerA, officerB, at: after });
  const org = (name: string) => bidders[name].actor.organisationId;
  await excludeBid({ officerUserId: officerA, submissionId: bidders["Delta e. V."].submissionId, lotId: null, reason: "Der Handelsregisterauszug fehlt.", now: after, db });
  for (const lotId of new Set([fsaNord, ibNord, ...extra.flatMap((e) => e.offers.map(([lotId]) => lotId))])) {
    for (const evaluatorId of evaluators) await assignEvaluator({ officerUserId: officerA, lotId, evaluatorId, assign: true, now: after, db });
  }
  for (const evaluatorId of evaluators) {
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V.", ...extra.map((e) => e.name)]) {
      await declareConflict({ evaluatorId, callId: call.id, organisationId: org(name), types: [], note: "", now: after, db });
    }
  }
  return { call, officerA, officerB, evaluators, after, bidders, fsaNord, ibNord };
}

/** The scenario's steps against `db` and `storage`, which hold what `data` was seeded into (or a copy). */
function awardScenarioOn(data: AwardScenarioData, { db, storage }: { db: Db; storage: FileStorage }): AwardScenario {
  const { call, officerA, officerB, evaluators, after, bidders, fsaNord, ibNord } = data;
  const lotOf = (region: string, role: string) => call.lots.find((l) => l.regionCode === region && l.roleCode === role)!.id;
  const sub = (name: string) => bidders[name].submissionId;
  const org = (name: string) => bidders[name].actor.organisationId;
  const score = async (name: string, lotId: string, points: number) => {
    await scoreBid({ db, call, evaluatorIds: evaluators, submissionId: sub(name), lotId, points, at: after });
  };
  return {
    ...data,
    lotOf,
    org,
    sub,
    score,
    async scoreAll() {
      await score("Alpha e. V.", fsaNord, 5);
      await score("Beta e. V.", fsaNord, 4);
      await score("Gamma e. V.", fsaNord, 3);
      await score("Gamma e. V.", ibNord, 4);
    },
    async preInform(at) {
      await proposeAward({ officerUserId: officerA, callId: call.id, now: at, db });
      await approveAwardProposal({ officerUserId: officerB, callId: call.id, now: at, db });
      const sent = await sendPreInformation({ officerUserId: officerA, callId: call.id, now: at, db, storage, baseUrl: "https://portal.example", sendMails: false });
      return sent.earliestAwardAt;
    },
    async award(at) {
      await awardContracts({ officerUserId: officerB, callId: call.id, now: at, db, storage, baseUrl: "https://portal.example", sendMails: false });
    },
    async enterFigures() {
      await enterClientFigures({ db, callId: call.id, enteredAt: after });
    },
  };
}

/** Scenarios built once per worker and `now`: the database's bytes, its files and its ids. */
const built = new Map<string, Promise<{ image: DbImage; filesDir: string; data: AwardScenarioData }>>();

/**
 * The scenario (default slug, no extra bidders) in a fresh temporary database that copies one
 * built once per worker process and `now`: building it takes the domain functions a second or
 * two and over a hundred durable commits, copying it a few milliseconds. Tests that change the
 * scenario's database change their copy only.
 */
export async function copyOfAwardScenario(now: Date, opts: { realFiles?: boolean } = {}): Promise<{ t: TempDb; storage: FileStorage; s: AwardScenario }> {
  const key = `${now.toISOString()}${opts.realFiles ? " with files" : ""}`;
  let template = built.get(key);
  if (!template) {
    template = (async () => {
      const t = await tempDatabase();
      process.once("exit", t.cleanup);
      const filesDir = path.join(t.dir, "files");
      const data = await seedAwardScenario({ db: t.db, storage: localStorage(filesDir), now, realFiles: opts.realFiles });
      return { image: await imageOf(t), filesDir, data };
    })();
    built.set(key, template);
  }
  const { image, filesDir, data } = await template;
  const t = await tempDatabaseFrom(image);
  const storage = localStorage(path.join(t.dir, "files"));
  fs.cpSync(filesDir, path.join(t.dir, "files"), { recursive: true });
  return { t, storage, s: awardScenarioOn(data, { db: t.db, storage }) };
}

/** When copyOfAwardedScenario builds, pre-informs and awards (the award on the earliest day the standstill allows). */
export const AWARDED_AT = { built: new Date("2026-11-25T10:00:00Z"), preInformed: new Date("2026-12-15T09:00:00Z"), awarded: new Date("2026-12-25T23:00:00Z") };

/**
 * A copy of the scenario scored (scoreAll), with figures, pre-informed and awarded at AWARDED_AT:
 * Alpha 5,00 and Beta 2,75 VZÄ on Flüchtlingssozialarbeit Nord, Gamma 2,00 on
 * Integrationsberatung Nord, each with its contract (tests of contracts and what follows them).
 */
export async function copyOfAwardedScenario(opts: { realFiles?: boolean } = {}): Promise<{ t: TempDb; storage: FileStorage; s: AwardScenario }> {
  const copy = await copyOfAwardScenario(AWARDED_AT.built, opts);
  await copy.s.scoreAll();
  await copy.s.enterFigures();
  await copy.s.preInform(AWARDED_AT.preInformed);
  await copy.s.award(AWARDED_AT.awarded);
  return copy;
}

/**
 * A carrier (registered and confirmed, password CARRIER_PASSWORD) submits a bid on each of
 * `offers` (lot, FTE in hundredths) of the call, with equal costs. Its documents are stored
 * PDFs with `storage`, else placeholders without bytes (the opening records them as missing).
 */
export async function submitBid(opts: {
  db: Db;
  storage?: FileStorage;
  call: CallView;
  name: string;
  offers: [lotId: string, fteHundredths: number][];
  now: Date;
}): Promise<AwardBidder> {
  const { db, storage, call, name, now } = opts;
  const { actor, email } = await registerTestCarrier({ db, now, name });
  const files = [];
  for (const kind of ORGANISATION_DOCUMENTS) {
    const upload = storage ? await storePdf(storage, `${name}: ${kind}`, { fileName: `${kind}.pdf` }) : placeholderUpload();
    files.push({ target: { kind }, upload, originalName: `${kind}.pdf` });
  }
  const { submissionId } = await submitTestApplication({
    db,
    call,
    actor,
    now,
    // Equal costs: equal price scores, the quality decides the ranking.
    bids: opts.offers.map(([lotId, fteHundredths]) => ({ lotId, input: lotBidInput(call, { concept: (title) => `${name}: ${title}`, fteHundredths }) })),
    files,
  });
  return { actor, submissionId, email };
}

/** Nord: 1,240 refugees, 312 with a right to stay; the other regions 800 and 160; older figures too. */
export async function enterClientFigures(opts: { db: Db; callId: string; enteredAt: Date }): Promise<void> {
  const { db, callId, enteredAt } = opts;
  await writeTx(async (tx) => {
    const regionRows = await tx.select().from(regions).where(eq(regions.callId, callId));
    for (const r of regionRows) {
      const [asylum, rightToStay] = r.code === "nord" ? [1240, 312] : [800, 160];
      for (const [targetGroup, count] of [["asylum", asylum], ["rightToStay", rightToStay]] as const) {
        // An older figure first: only the latest as_of counts.
        await tx.insert(clientFigures).values({ regionId: r.id, targetGroup, count: count * 2, asOf: new Date("2026-06-30T22:00:00Z"), enteredAt, source: "form" });
        await tx.insert(clientFigures).values({ regionId: r.id, targetGroup, count, asOf: new Date("2026-11-30T23:00:00Z"), enteredAt, source: "form" });
      }
    }
  }, db);
}
