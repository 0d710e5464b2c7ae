// The officers' outbox before and after the opening (VgV § 55): a receipt mail, written by
// the same function as after a submission, is listed by its time only until the four-eyes
// opening of its call, and in full afterwards; a mail that names no bidder is always read.
import fs from "node:fs";
import path from "node:path";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDemo } from "../../app/demo/demo.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { listOutbox, resetMailTransportForTests, sendMail, UNKNOWN_CALL } from "../../app/infra/mail.server";
import { users } from "../../app/infra/schema";
import { localStorage, resetFileStorageForTests } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { outboxForCity, outboxMessageForCity } from "../../app/submission/access.server";
import { mailReceipt } from "../../app/submission/receipt-delivery.server";
import { loadReceipt } from "../../app/submission/submit.server";
import { submitStoredBid } from "../support/stored-bids";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const saved = { DATA_DIR: process.env.DATA_DIR, SMTP_URL: process.env.SMTP_URL };
let t: TempDb;

beforeEach(async () => {
  t = await tempDatabase();
  process.env.DATA_DIR = t.dir;
  delete process.env.SMTP_URL;
  resetEnvForTests();
  resetMailTransportForTests();
  resetFileStorageForTests();
});

afterEach(() => {
  t.cleanup();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetMailTransportForTests();
  resetFileStorageForTests();
});

describe("the outbox as officers read it", () => {
  it("lists a receipt mail by its time only until the four-eyes opening of its call, then in full", async () => {
    const db = t.db;
    await loadDemo({ now: NOW, db });
    const bid = await submitStoredBid({ db, dataDir: t.dir, name: "Siegel", now: NOW });
    const receipt = await loadReceipt({ actor: bid.actor, submissionId: bid.submissionId, db });
    expect(await mailReceipt(receipt, { email: "siegel@example.org", name: "Siegel Person" }, "http://portal.invalid")).toBe(true);
    await sendMail({ to: "vergabe@example.org", subject: "Ohne Träger", text: "Nennt niemanden.", html: "<p>Nennt niemanden.</p>" });
    const [stored] = listOutbox().filter((e) => e.subject.includes(receipt.receiptNumber));
    expect(stored.sealedUntilOpeningOf).toBe(receipt.snapshot.call.id);

    const before = await outboxForCity(db);
    expect(before.find((e) => e.id === stored.id)).toEqual({ sealed: true, id: stored.id, createdAt: stored.createdAt });
    expect(await outboxMessageForCity(stored.id, db)).toEqual({ sealed: true, id: stored.id, createdAt: stored.createdAt });
    expect(before.find((e) => e.id !== stored.id)).toMatchObject({ sealed: false, subject: "Ohne Träger", to: ["vergabe@example.org"] });

    const call = (await loadCallView("dresden-2017-demo", { db }))!;
    const after = new Date(call.dates.submissionDeadline.getTime() + 3600_000);
    const [officerA, officerB] = (await db.select().from(users).orderBy(asc(users.email))).filter((u) => u.role === "officer");
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    // Started by one officer is not opened: still sealed.
    expect((await outboxMessageForCity(stored.id, db))?.sealed).toBe(true);
    await confirmOpening({ officerUserId: officerB.id, callId: call.id, now: after, db, storage: localStorage(path.join(t.dir, "files")) });

    const opened = await outboxMessageForCity(stored.id, db);
    expect(opened).toMatchObject({ sealed: false, to: ["siegel@example.org"], subject: expect.stringContaining(receipt.receiptNumber) });
    expect(opened?.sealed === false && opened.text).toContain("Siegel e. V.");
    expect((await outboxForCity(db)).find((e) => e.id === stored.id)?.sealed).toBe(false);
  });

  it("keeps a message sealed whose sidecar, written before messages named their call, does not say whether it names a bidder", async () => {
    const { outboxId } = await sendMail({ to: "a@example.org", subject: "Alt", text: "alt", html: "<p>alt</p>" });
    const file = path.join(t.dir, "outbox", `${outboxId}.json`);
    const { sealedUntilOpeningOf, ...old } = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(sealedUntilOpeningOf).toBeNull();
    fs.writeFileSync(file, JSON.stringify(old));
    expect(listOutbox()[0].sealedUntilOpeningOf).toBe(UNKNOWN_CALL);
    expect(await outboxMessageForCity(outboxId!, t.db)).toEqual({ sealed: true, id: outboxId, createdAt: expect.any(Date) });
  });
});
