// Staff reports (Stellenbesetzungsmeldungen, decision 0024) against a real SQLite file and a
// real SMTP server on loopback: a carrier reports the posts it fills under its contract per
// report period, submits in Textform, corrects with a new version; another carrier's contract
// is not found; late by the server clock; each reminder once, in the reader's language.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contractsOfOrganisation, type ContractSummary } from "../../app/contracts/contracts.server";
import {
  attachProofDocument,
  contractReportStates,
  coveragePostsOfContract,
  saveStaffReportDraft,
  sendStaffReportReminders,
  staffReportForCarrier,
  staffReportForOfficer,
  staffReportsOfCall,
  submitStaffReport,
} from "../../app/contracts/staff-reports.server";
import type { PostInput } from "../../app/contracts/staff-report-form.server";
import { reminderFrom } from "../../app/contracts/staff-reports";
import { dueInstant, type ReportPeriod } from "../../app/contracts/terms";
import { addCalendarDays, berlinDay } from "../../app/i18n/berlin-time";
import { first as firstRow, writeTx, type Db } from "../../app/infra/db.server";
import { auditEntries, memberships, staffReportReminders, users } from "../../app/infra/schema";
import type { FileStorage } from "../../app/infra/storage.server";
import { fileForActor } from "../../app/submission/access.server";
import { AWARDED_AT, copyOfAwardedScenario, type AwardScenario } from "../support/award";
import { storePdf } from "../support/factories";
import { refusalCodeAsync, refusedByAsync } from "../support/refusals";
import { useSmtpServer } from "../support/smtp-env";
import type { TempDb } from "../support/temp-db";

const EARLIEST = AWARDED_AT.awarded;

const mail = useSmtpServer();

let t: TempDb;
let db: Db;
let storage: FileStorage;
let s: AwardScenario;
let beta: { userId: string; organisationId: string };
let contract: ContractSummary;
let first: ReportPeriod;
let termStart: string;
beforeEach(async () => {
  mail.server.messages.length = 0;
  ({ t, storage, s } = await copyOfAwardedScenario());
  db = t.db;
  beta = s.bidders["Beta e. V."].actor;
  [contract] = await contractsOfOrganisation(beta.organisationId, db);
  const detail = await staffReportForCarrier({ organisationId: beta.organisationId, contractId: contract.id, periodFrom: berlinDay(contract.startsAt), now: EARLIEST, db });
  first = detail.period;
  termStart = first.from;
});
afterEach(() => t.cleanup());

/** A moment inside the first period. */
const during = () => new Date(dueInstant({ due: first.to }).getTime() - 3600_000);
const post = (p: Partial<PostInput> = {}): PostInput => ({
  postKey: null,
  personName: "Anna Beispiel (fiktiv)",
  payGroup: "S 12",
  weeklyHoursHundredths: 3900,
  fteHundredths: 100,
  hasDegree: true,
  start: termStart,
  end: null,
  ...p,
});
const save = (posts: PostInput[], now = during(), actor = beta) =>
  saveStaffReportDraft({ actor, contractId: contract.id, periodFrom: first.from, posts, vacancyNote: "Zweite Stelle ausgeschrieben.", now, db });
const submit = (now = during(), actor = beta) => submitStaffReport({ actor, contractId: contract.id, periodFrom: first.from, now, db });
const view = (now = during()) => staffReportForCarrier({ organisationId: beta.organisationId, contractId: contract.id, periodFrom: first.from, now, db });
async function attachProof(now = during()) {
  const upload = await storePdf(storage, "Diplom Soziale Arbeit (fiktiv)");
  await attachProofDocument({ actor: beta, contractId: contract.id, periodFrom: first.from, ordinal: 0, upload, originalName: "diplom.pdf", now, db });
}

it("reports a post, refuses the submission while the degree's proof is missing, submits in Textform, and corrects with a new version", async () => {
  expect(await save([post()])).toEqual({ problems: [] });
  // Beta's contract: 2,75 VZÄ; one full-time post filled leaves 1,75 unfilled.
  expect((await view()).current).toMatchObject({ version: 1, status: "draft", unfilledHundredths: 175, vacancyNote: "Zweite Stelle ausgeschrieben." });

  const refused = await refusedByAsync(() => submit());
  expect([refused.code, refused.key, refused.field, refused.params]).toEqual(["INVALID", "staffReport.post.proofMissing", "stelle-0-proof", { post: 1 }]);

  await attachProof();
  expect(await submit()).toEqual({ version: 1 });
  const submitted = await view();
  expect(submitted.state).toMatchObject({ state: "submitted", submittedVersion: 1, submittedLate: false });
  expect(submitted.current).toMatchObject({ status: "submitted", submittedByName: expect.any(String), posts: [{ personName: "Anna Beispiel (fiktiv)", proofFileName: "diplom.pdf" }] });
  // The audit entry names the figures, never the person.
  const entry = (await firstRow(db.select().from(auditEntries).where(eq(auditEntries.action, "staffReport.submitted"))))!;
  expect(JSON.parse(entry.details)).toMatchObject({ version: 1, late: false, posts: 1, filledHundredths: 100, unfilledHundredths: 175 });
  expect(entry.details).not.toContain("Anna");

  // Submitted is fixed: submitting again finds no draft.
  expect(await refusalCodeAsync(() => submit())).toBe("CONFLICT: staffReport.noDraft");
  // A correction is version 2; the post keeps its key and its proof; version 1 stays as it was.
  const [key] = submitted.current!.posts.map((p) => p.postKey);
  expect(await save([post({ postKey: key, weeklyHoursHundredths: 1950 })])).toEqual({ problems: [] });
  expect(await submit()).toEqual({ version: 2 });
  const corrected = await view();
  expect(corrected.submitted.map((v) => [v.version, v.posts[0].fteHundredths, v.posts[0].postKey, v.posts[0].proofFileName])).toEqual([
    [2, 50, key, "diplom.pdf"],
    [1, 100, key, "diplom.pdf"],
  ]);
  // The plan over time reads the latest version, without the name.
  expect(await coveragePostsOfContract(contract.id, db)).toEqual([
    { postId: key, contractId: contract.id, roleCode: "fluechtlingssozialarbeit", hasDegree: true, start: termStart, end: null, fteHundredths: 50 },
  ]);
});

it("refuses a start before the term, an end before the start and hours above full time, naming each post", async () => {
  const result = await save([post({ start: addCalendarDays(termStart, -1) }), post({ end: addCalendarDays(termStart, -1) }), post({ weeklyHoursHundredths: 4000 })]);
  expect(result.problems.map((p) => [p.index, p.field, p.key])).toEqual([
    [0, "start", "staffReport.post.startBeforeTerm"],
    [1, "end", "staffReport.post.endBeforeStart"],
    [2, "hours", "staffReport.post.hoursAboveFullTime"],
  ]);
  expect((await view()).current).toBeNull();
});

it("answers a report on another carrier's contract as not found, reading and writing", async () => {
  const alpha = s.bidders["Alpha e. V."].actor;
  expect(await refusalCodeAsync(() => staffReportForCarrier({ organisationId: alpha.organisationId, contractId: contract.id, periodFrom: first.from, now: during(), db }))).toBe("NOT_FOUND: notFound.contract");
  expect(await refusalCodeAsync(() => save([post()], during(), alpha))).toBe("NOT_FOUND: notFound.contract");
  await save([post({ hasDegree: false })]);
  expect(await refusalCodeAsync(() => submit(during(), alpha))).toBe("NOT_FOUND: notFound.contract");
  // A period the contract does not have is not found either.
  expect(await refusalCodeAsync(() => staffReportForCarrier({ organisationId: beta.organisationId, contractId: contract.id, periodFrom: "2016-01-01", now: during(), db }))).toBe("NOT_FOUND: notFound.staffReport");
});

it("flags a report late from the second after its due day, by the server clock, also once submitted late", async () => {
  const due = dueInstant(first);
  const stateAt = async (now: Date) => (await contractReportStates({ id: contract.id, reportPeriods: [first] }, now, db))[0].state;
  expect(await stateAt(due)).toBe("due");
  expect(await stateAt(new Date(due.getTime() + 1000))).toBe("late");
  await save([post({ hasDegree: false })], new Date(due.getTime() + 1000));
  await submit(new Date(due.getTime() + 2000));
  expect((await contractReportStates({ id: contract.id, reportPeriods: [first] }, new Date(due.getTime() + 3000), db))[0]).toMatchObject({ state: "submitted", submittedLate: true });
  // The officers see it per contract, flagged.
  const reports = await staffReportsOfCall(s.call.id, new Date(due.getTime() + 3000), db);
  const betaReports = reports.find((r) => r.contractId === contract.id)!;
  expect(betaReports.periods[0]).toMatchObject({ state: "submitted", submittedLate: true, submittedVersion: 1 });
  expect(reports.filter((r) => r.contractId !== contract.id).map((r) => r.periods[0].state)).toEqual(["late", "late"]);
});

it("shows officers the submitted version only, and lets them read its proof document only once submitted", async () => {
  await save([post()]);
  await attachProof();
  const officer = { userId: s.officerA, role: "officer" as const };
  const proofId = (await view()).current!.posts[0].proofFileId!;
  expect((await staffReportForOfficer({ callId: s.call.id, contractId: contract.id, periodFrom: first.from, now: during(), db })).current).toBeNull();
  expect(await refusalCodeAsync(async () => fileForActor({ actor: officer as never, fileId: proofId, db }))).toBe("NOT_FOUND: notFound.file");
  await submit();
  expect((await staffReportForOfficer({ callId: s.call.id, contractId: contract.id, periodFrom: first.from, now: during(), db })).current).toMatchObject({ version: 1, posts: [{ personName: "Anna Beispiel (fiktiv)" }] });
  expect((await fileForActor({ actor: officer as never, fileId: proofId, db })).originalName).toBe("diplom.pdf");
  // Another carrier does not read it.
  const alpha = { ...s.bidders["Alpha e. V."].actor, role: "carrier" as const };
  expect(await refusalCodeAsync(async () => fileForActor({ actor: alpha as never, fileId: proofId, db }))).toBe("NOT_FOUND: notFound.file");
});

describe("reminders", () => {
  it("reminds each carrier's members once, seven days before the due day, in their language, and not after submission", async () => {
    // Beta's member reads English (decision 0020).
    const betaUser = (await firstRow(db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.organisationId, beta.organisationId))))!.id;
    await writeTx(async (tx) => {
      await tx.update(users).set({ locale: "en" }).where(eq(users.id, betaUser));
    }, db);
    // Gamma submits its first report before the reminders go out: it is not reminded.
    const gamma = s.bidders["Gamma e. V."].actor;
    const [gammaContract] = await contractsOfOrganisation(gamma.organisationId, db);
    await saveStaffReportDraft({ actor: gamma, contractId: gammaContract.id, periodFrom: first.from, posts: [post({ hasDegree: false })], vacancyNote: "", now: during(), db });
    await submitStaffReport({ actor: gamma, contractId: gammaContract.id, periodFrom: first.from, now: during(), db });

    const from = reminderFrom(first);
    expect(await sendStaffReportReminders({ now: new Date(from.getTime() - 1000), baseUrl: "https://portal.example", db })).toEqual([]);
    const sent = await sendStaffReportReminders({ now: from, baseUrl: "https://portal.example", db });
    expect(sent.map((r) => [r.periodFrom, r.recipients]).sort()).toEqual([
      [first.from, 1],
      [first.from, 1],
    ]);
    expect(mail.server.messages).toHaveLength(2);
    const betaMail = mail.server.messages.find((m) => m.to.includes(s.bidders["Beta e. V."].email))!;
    expect(betaMail.subject).toBe(`Erinnerung: Meldung zur Stellenbesetzung, Vertrag ${contract.number}`);
    expect(betaMail.text).toContain(`https://portal.example/traeger/vertraege/${contract.id}/meldungen/${first.from}`);
    expect(betaMail.text).toContain(`the staff report for contract ${contract.number}`);
    const alphaMail = mail.server.messages.find((m) => m.to.includes(s.bidders["Alpha e. V."].email))!;
    expect(alphaMail.text).not.toContain("the staff report for contract");

    // A second run, later the same week, sends nothing again.
    expect(await sendStaffReportReminders({ now: new Date(from.getTime() + 86_400_000), baseUrl: "https://portal.example", db })).toEqual([]);
    expect(mail.server.messages).toHaveLength(2);
    expect(await db.select().from(staffReportReminders).where(and(eq(staffReportReminders.contractId, contract.id), eq(staffReportReminders.periodFrom, first.from)))).toHaveLength(1);
  });

  it("runs from the operator's command line (reminders:send) by the server clock and records each reminder", async () => {
    const from = reminderFrom(first);
    const clockFile = path.join(t.dir, "clock-offset");
    fs.writeFileSync(clockFile, String(from.getTime() + 60_000 - Date.now()));
    const run = () =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, ...t.env, SMTP_URL: mail.server.url, PORTAL_TEST_CLOCK_FILE: clockFile, PUBLIC_URL: "https://portal.example" };
        execFile(path.resolve("node_modules/.bin/tsx"), ["scripts/portal.ts", "reminders:send"], { cwd: path.resolve("."), env, timeout: 120_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
        });
      });
    expect(await run()).toMatchObject({ code: 0, stdout: "Staff report reminders sent: 3 (3 mail(s)).\n" });
    expect(mail.server.messages.map((m) => m.subject)).toContain(`Erinnerung: Meldung zur Stellenbesetzung, Vertrag ${contract.number}`);
    // A second run sends nothing twice (shown in-process above; one process start is enough here).
    expect(await db.select().from(staffReportReminders)).toHaveLength(3);
  });
});
