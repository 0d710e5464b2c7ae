import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { auditEntries, users } from "../../app/infra/schema";
import { publishAmendment } from "../../app/procurement/amendments.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { refusedByAsync } from "../support/refusals";
import type { TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const DAY = 86_400_000;
let t: TempDb;
let db: Db;
let officerId: string;

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  db = t.db;
  officerId = (await db.select().from(users)).find((u) => u.role === "officer")!.id;
});
afterEach(() => t.cleanup());

const base = { title: "Fristverlängerung", body: "Die Einreichungsfrist wird verlängert.", reason: "Mehr Zeit für Konzepte." };

describe("amendments", () => {
  it("extends the submission deadline for everyone as a numbered, dated amendment with its changes", async () => {
    const before = (await loadCallView("dresden-2017-demo", { db }))!;
    const later = new Date(before.dates.submissionDeadline.getTime() + 7 * DAY);
    const opening = new Date(later.getTime() + 2 * 3600_000);
    const result = await publishAmendment({ officerUserId: officerId, slug: "dresden-2017-demo", ...base, dates: { submissionDeadline: later, opening }, now: NOW, db });
    expect(result.number).toBe(1);
    expect(result.changes).toEqual({
      submissionDeadline: { from: before.dates.submissionDeadline.toISOString(), to: later.toISOString() },
      opening: { from: before.dates.opening.toISOString(), to: opening.toISOString() },
    });
    const after = (await loadCallView("dresden-2017-demo", { db }))!;
    expect(after.dates.submissionDeadline).toEqual(later);
    expect(after.amendments).toEqual([{ number: 1, ...base, publishedAt: NOW }]);
    const entry = (await db.select().from(auditEntries)).find((e) => e.action === "call.amended")!;
    expect(JSON.parse(entry.details).number).toBe(1);
    expect((await publishAmendment({ officerUserId: officerId, slug: "dresden-2017-demo", ...base, dates: {}, now: NOW, db })).number).toBe(2);
  });

  it("refuses a deadline in the past, dates out of order, and a call whose deadline has passed", async () => {
    const call = (await loadCallView("dresden-2017-demo", { db }))!;
    const code = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return "no error";
      } catch (e) {
        return (e as DomainError).key;
      }
    };
    const past = await refusedByAsync(() => publishAmendment({ officerUserId: officerId, slug: call.slug, ...base, dates: { submissionDeadline: new Date(NOW.getTime() - 1000) }, now: NOW, db }));
    expect(past).toMatchObject({ code: "INVALID", key: "amend.dateInPast", params: { date: NOW }, field: "submissionDeadline" });
    expect(await code(() => publishAmendment({ officerUserId: officerId, slug: call.slug, ...base, dates: { questionDeadline: new Date(call.dates.submissionDeadline.getTime() + DAY) }, now: NOW, db }))).toBe(
      "amend.questionAfterSubmission",
    );
    const afterDeadline = new Date(call.dates.submissionDeadline.getTime() + 1000);
    expect(await code(() => publishAmendment({ officerUserId: officerId, slug: call.slug, ...base, dates: { submissionDeadline: new Date(afterDeadline.getTime() + DAY) }, now: afterDeadline, db }))).toBe(
      "amend.deadlineAlreadyPassed",
    );
    expect((await loadCallView(call.slug, { db }))!.amendments).toEqual([]);
  });
});
