// Session termination on the server (ASVS 3.3.1, 3.3.3): signing out, a password reset and
// "sign out everywhere" revoke the sessions in the database, so a cookie kept from before
// (a copied cookie, the back button, another device) opens nothing afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword, signOutEverywhere } from "../../app/identity/carriers.server";
import { currentUser, endSession, startSession } from "../../app/identity/sessions.server";
import { authenticate, createStaffUser } from "../../app/identity/users.server";
import { type Db } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { DomainError } from "../../app/infra/errors";
import { auditEntries } from "../../app/infra/schema";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2017-01-20T08:00:00Z");
const LATER = new Date(NOW.getTime() + 5 * 60_000);
const PASSWORD = "korrekt-Pferd-Batterie-17";

let t: TempDb;
let db: Db;

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  process.env.DATA_DIR = t.dir; // the session secret is generated under DATA_DIR
  resetEnvForTests();
});
afterAll(() => {
  t.cleanup();
  delete process.env.DATA_DIR;
  resetEnvForTests();
});

function browserWith(setCookie: string): Request {
  return new Request("http://portal.test/", { headers: { Cookie: setCookie.split(";")[0] } });
}

async function staffUser(email: string) {
  const user = await createStaffUser({ email, name: email.split("@")[0], role: "officer", password: PASSWORD, now: NOW, db });
  return { id: user.id, email: user.email, name: user.name, role: "officer" as const };
}

async function actions(): Promise<string[]> {
  return (await db.select({ action: auditEntries.action }).from(auditEntries)).map((r) => r.action);
}

describe("session termination", () => {
  it("revokes the session at sign-out: the cookie kept from before opens nothing, other sessions stay", async () => {
    const user = await staffUser("abmelden@example.org");
    const kept = await startSession(user, NOW, db);
    const otherDevice = await startSession(user, NOW, db);
    const cleared = await endSession(browserWith(kept), NOW, db);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await currentUser(browserWith(kept), LATER, db)).toBeNull();
    expect((await currentUser(browserWith(otherDevice), LATER, db))?.id).toBe(user.id);
    expect(await actions()).toContain("auth.sign-out");
  });

  it("ends every session of the account with a password reset, whose link works only once", async () => {
    const user = await staffUser("zuruecksetzen@example.org");
    const laptop = await startSession(user, NOW, db);
    const phone = await startSession(user, NOW, db);
    const issued = await requestPasswordReset({ email: user.email.toUpperCase(), now: NOW, db });
    expect(issued?.token).toBeTruthy();
    await resetPassword({ token: issued!.token, password: "ganz-neue-passphrase-2017", now: LATER, db });
    expect(await currentUser(browserWith(laptop), LATER, db)).toBeNull();
    expect(await currentUser(browserWith(phone), LATER, db)).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD, now: LATER, db })).toBeNull();
    expect((await authenticate({ email: user.email, password: "ganz-neue-passphrase-2017", now: LATER, db }))?.id).toBe(user.id);
    await expect(resetPassword({ token: issued!.token, password: "noch-eine-passphrase-2017", now: LATER, db })).rejects.toBeInstanceOf(DomainError);
  });

  it("refuses a reset link after its two hours and says nothing for an unknown address", async () => {
    const user = await staffUser("abgelaufen@example.org");
    const issued = await requestPasswordReset({ email: user.email, now: NOW, db });
    const afterTwoHours = new Date(NOW.getTime() + 2 * 3600_000);
    await expect(resetPassword({ token: issued!.token, password: "ganz-neue-passphrase-2017", now: afterTwoHours, db })).rejects.toBeInstanceOf(DomainError);
    expect(await requestPasswordReset({ email: "niemand@example.org", now: NOW, db })).toBeNull();
  });

  it("signs out on every device at once", async () => {
    const user = await staffUser("ueberall@example.org");
    const cookies = [await startSession(user, NOW, db), await startSession(user, NOW, db), await startSession(user, NOW, db)];
    await signOutEverywhere({ userId: user.id, now: NOW, db });
    for (const cookie of cookies) expect(await currentUser(browserWith(cookie), LATER, db)).toBeNull();
    expect(await actions()).toContain("auth.sign-out-everywhere");
  });
});
