// The plan over time from the database (decision 0025): the award scenario's contracts
// (Alpha 5,00 and Beta 2,75 VZÄ Flüchtlingssozialarbeit Nord, Gamma 2,00 Integrationsberatung
// Nord), staff reports filed and submitted through the domain functions, the client figures as
// entered; vacancies by the call's 60 days, a post without the degree, the public aggregates
// and their cache, against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contractsOfOrganisation } from "../../app/contracts/contracts.server";
import type { PostInput } from "../../app/contracts/staff-report-form.server";
import { attachProofDocument, saveStaffReportDraft, submitStaffReport } from "../../app/contracts/staff-reports.server";
import { addCalendarDays, berlinDay, startOfBerlinDay } from "../../app/i18n/berlin-time";
import type { Db } from "../../app/infra/db.server";
import type { FileStorage } from "../../app/infra/storage.server";
import type { Coverage, MonthFigures } from "../../app/staffing/coverage";
import { coverageOfCall, publicCoverageOfCall } from "../../app/staffing/coverage.server";
import { recordClientFigures } from "../../app/staffing/client-figures.server";
import { AWARDED_AT, copyOfAwardedScenario, type AwardScenario } from "../support/award";
import { storePdf } from "../support/factories";
import type { TempDb } from "../support/temp-db";

const EARLIEST = AWARDED_AT.awarded;

let t: TempDb;
let db: Db;
let storage: FileStorage;
let s: AwardScenario;
let termStart: string;
let termEnd: string;
const contractOf = async (name: string) => (await contractsOfOrganisation(s.org(name), db))[0];

beforeEach(async () => {
  ({ t, storage, s } = await copyOfAwardedScenario());
  db = t.db;
  const alpha = await contractOf("Alpha e. V.");
  termStart = berlinDay(alpha.startsAt);
  termEnd = berlinDay(alpha.endsAt);
});
afterEach(() => t.cleanup());

/** Noon (Berlin) of a day. */
const noonOf = (day: string) => new Date(startOfBerlinDay(day)!.getTime() + 12 * 3600_000);
const post = (p: Partial<PostInput> = {}): PostInput => ({
  postKey: null,
  personName: "Clara Beispiel (fiktiv)",
  payGroup: "S 12",
  weeklyHoursHundredths: 3900,
  fteHundredths: 100,
  hasDegree: false,
  start: termStart,
  end: null,
  ...p,
});

/** The carrier files the first period's report with `posts` and submits it the day after the term starts. */
async function report(name: string, posts: PostInput[], degreeProofs = 0) {
  const actor = s.bidders[name].actor;
  const contractId = (await contractOf(name)).id;
  const at = noonOf(addCalendarDays(termStart, 1));
  expect(await saveStaffReportDraft({ actor, contractId, periodFrom: termStart, posts, vacancyNote: "", now: at, db })).toEqual({ problems: [] });
  for (let ordinal = 0; ordinal < degreeProofs; ordinal++) {
    await attachProofDocument({ actor, contractId, periodFrom: termStart, ordinal, upload: await storePdf(storage, "Urkunde (fiktiv)"), originalName: "urkunde.pdf", now: at, db });
  }
  await submitStaffReport({ actor, contractId, periodFrom: termStart, now: at, db });
}

const nord = (c: Coverage) => c.regions.find((r) => r.regionCode === "nord")!;
const pick = (m: MonthFigures) => [m.month, m.requiredHundredths, m.contractedHundredths, m.filledHundredths, m.vacantHundredths, m.unqualifiedHundredths];

it("counts the call's term month by month from its contracts and figures, nothing filled before the term", async () => {
  const { coverage, problem, contracts } = await coverageOfCall({ callId: s.call.id, now: EARLIEST, db });
  expect(problem).toBeNull();
  expect(contracts.map((c) => c.organisationName)).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
  // From the service start's month to the contract end's month, as of the award's day.
  expect(coverage!.months[0]).toBe(termStart.slice(0, 7));
  expect(coverage!.months.at(-1)).toBe(termEnd.slice(0, 7));
  expect(coverage!.asOf).toBe(berlinDay(EARLIEST));
  // Nord: 1,240 refugees → 7,75 FSA and 7,75 FB, 312 → 3,90 IB, 1,00 RK; Alpha 5,00 + Beta 2,75 + Gamma 2,00 contracted.
  expect(pick(nord(coverage!).months[0])).toEqual([termStart.slice(0, 7), 2040, 975, null, null, null]);
  expect(coverage!.vacancies).toEqual([]);
  expect(coverage!.vacancyToleranceDays).toBe(60);
  // Once the term has ended, the plan stands as on its last day.
  expect((await coverageOfCall({ callId: s.call.id, now: noonOf(addCalendarDays(termEnd, 400)), db })).coverage!.asOf).toBe(termEnd);
});

it("counts the posts of submitted reports as filled, flags contracted FTE vacant from the 61st day and a Flüchtlingssozialarbeit post held without the degree", async () => {
  // Alpha: one post with the degree (and its proof), one without; Beta and Gamma report nothing.
  await report("Alpha e. V.", [post({ hasDegree: true }), post({ personName: "Dora Beispiel (fiktiv)" })], 1);
  // A draft counts nothing: Beta saves one and does not submit it.
  await saveStaffReportDraft({ actor: s.bidders["Beta e. V."].actor, contractId: (await contractOf("Beta e. V.")).id, periodFrom: termStart, posts: [post()], vacancyNote: "", now: noonOf(termStart), db });

  const on60th = (await coverageOfCall({ callId: s.call.id, now: noonOf(addCalendarDays(termStart, 59)), db })).coverage!;
  expect(on60th.vacancies).toEqual([]);
  const on61st = await coverageOfCall({ callId: s.call.id, now: noonOf(addCalendarDays(termStart, 60)), db });
  const coverage = on61st.coverage!;
  const number = (id: string) => on61st.contracts.find((c) => c.id === id)!.number;
  expect(coverage.vacancies.map((v) => [number(v.contractId), v.since, v.days, v.hundredths])).toEqual([
    [(await contractOf("Alpha e. V.")).number, termStart, 61, 300],
    [(await contractOf("Beta e. V.")).number, termStart, 61, 275],
    [(await contractOf("Gamma e. V.")).number, termStart, 61, 200],
  ]);
  expect(coverage.mismatches.map((m) => [number(m.contractId), m.since, m.fteHundredths])).toEqual([[(await contractOf("Alpha e. V.")).number, termStart, 100]]);
  // No person's name anywhere in what the plan over time hands on.
  expect(JSON.stringify(on61st)).not.toMatch(/Clara|Dora/);
  // The term's first month: 2,00 filled (one without the degree), nothing vacant that long yet on its last day; months after the day asked are not known yet.
  const fsa = nord(coverage).roles.find((r) => r.roleCode === "fluechtlingssozialarbeit")!;
  expect(pick(fsa.months[0])).toEqual([termStart.slice(0, 7), 775, 775, 200, 0, 100]);
  expect(fsa.months.at(-1)!.filledHundredths).toBeNull();
  // Refugees per filled FTE: 1,240 asylum seekers on 2,00 filled FSA (the FB lot has no contract).
  const asylum = nord(coverage).keys.find((k) => k.targetGroup === "asylum")!;
  expect(asylum.months[0]).toMatchObject({ clients: 1240, filledHundredths: 200, clientsPerFteReached: 620, status: "tooManyClientsPerFte" });
});

it("counts client figures from their as-of day on, the later of two on one day", async () => {
  const day = addCalendarDays(termStart, 40);
  await recordClientFigures({ callId: s.call.id, asOf: day, figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1600 }], userId: s.officerA, source: "form", now: noonOf(day), db });
  await recordClientFigures({ callId: s.call.id, asOf: day, figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1440 }], userId: s.officerA, source: "form", now: new Date(noonOf(day).getTime() + 3600_000), db });
  const coverage = (await coverageOfCall({ callId: s.call.id, now: noonOf(addCalendarDays(termStart, 70)), db })).coverage!;
  const fsa = nord(coverage).roles.find((r) => r.roleCode === "fluechtlingssozialarbeit")!;
  const months = coverage.months;
  const before = months.indexOf(termStart.slice(0, 7));
  const after = months.indexOf(day.slice(0, 7));
  expect(after).toBeGreaterThan(before);
  expect(fsa.months[before].requiredHundredths).toBe(775);
  // 1,440 ÷ 80 = 18 → 9,00 per tandem role.
  expect(fsa.months[after].requiredHundredths).toBe(900);
});

describe("the public aggregates", () => {
  it("hold required, contracted and filled FTE without vacancies, mismatches, vacant or unqualified FTE", async () => {
    await report("Alpha e. V.", [post({ hasDegree: true }), post()], 1);
    const { coverage } = await publicCoverageOfCall({ callId: s.call.id, now: noonOf(addCalendarDays(termStart, 61)), db });
    expect(coverage!.vacancies).toEqual([]);
    expect(coverage!.mismatches).toEqual([]);
    const months = [...nord(coverage!).months, ...nord(coverage!).roles.flatMap((r) => r.months)];
    expect(months.every((m) => m.vacantHundredths === null && m.unqualifiedHundredths === null)).toBe(true);
    expect(nord(coverage!).months[0].filledHundredths).toBe(200);
    expect(JSON.stringify(coverage)).not.toMatch(new RegExp(`${s.org("Alpha e. V.")}|${(await contractOf("Alpha e. V.")).id}`));
  });

  it("are counted again once a staff report is submitted or the day changes, and kept until then", async () => {
    const day = noonOf(addCalendarDays(termStart, 10));
    const first = await publicCoverageOfCall({ callId: s.call.id, now: day, db });
    expect(await publicCoverageOfCall({ callId: s.call.id, now: new Date(day.getTime() + 3600_000), db })).toBe(first);
    expect(nord(first.coverage!).months[0].filledHundredths).toBe(0);
    await report("Gamma e. V.", [post({ hasDegree: true })], 1);
    const after = await publicCoverageOfCall({ callId: s.call.id, now: day, db });
    expect(nord(after.coverage!).months[0].filledHundredths).toBe(100);
    const nextDay = await publicCoverageOfCall({ callId: s.call.id, now: noonOf(addCalendarDays(termStart, 11)), db });
    expect(nextDay).not.toBe(after);
    expect(nextDay.coverage!.asOf).toBe(addCalendarDays(termStart, 11));
  });
});
