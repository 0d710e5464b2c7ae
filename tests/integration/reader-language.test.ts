// The language a signed-in user chooses is kept with the account (decision 0020): the
// portal's mails and letters to them then carry the English translation after the German text.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/identity/sessions.server";
import { createStaffUser } from "../../app/identity/users.server";
import { first, type Db } from "../../app/infra/db.server";
import { users } from "../../app/infra/schema";
import { action as switchLanguage } from "../../app/routes/sprache";
import { useProcessDatabase } from "../support/process-db";
import { tempDatabase, type TempDb } from "../support/temp-db";

let t: TempDb;
let db: Db;
let restoreEnv: () => void;

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  // The route reads the process-wide database: point it at this one.
  restoreEnv = useProcessDatabase(t);
});
afterAll(() => {
  restoreEnv();
  t.cleanup();
});

function post(form: Record<string, string>, cookie?: string) {
  return switchLanguage({
    request: new Request("http://portal.test/sprache", { method: "POST", body: new URLSearchParams(form), headers: cookie ? { Cookie: cookie.split(";")[0] } : {} }),
    params: {},
    context: {},
  });
}

const localeOf = async (id: string) => (await first(db.select({ locale: users.locale }).from(users).where(eq(users.id, id))))!.locale;

describe("the reader's language", () => {
  it("keeps the language a signed-in user switches to, and the switch back", async () => {
    const user = await createStaffUser({ email: "sprache@example.org", name: "Sprache", role: "officer", password: "korrekt-Pferd-Batterie-17", now: new Date(), db });
    expect(await localeOf(user.id)).toBeNull();
    const cookie = await startSession(user, new Date(), db);
    const response = await post({ lang: "en", redirectTo: "/verwaltung" }, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toMatch(/^lang=/);
    expect(await localeOf(user.id)).toBe("en");
    await post({ lang: "de", redirectTo: "/" }, cookie);
    expect(await localeOf(user.id)).toBe("de");
  });

  it("keeps a language chosen before signing in when the session starts, and changes nothing without a choice", async () => {
    const user = await createStaffUser({ email: "vorher@example.org", name: "Vorher", role: "officer", password: "korrekt-Pferd-Batterie-17", now: new Date(), db });
    await startSession(user, new Date(), db, { replacing: new Request("http://portal.test/anmelden", { method: "POST" }) });
    expect(await localeOf(user.id)).toBeNull();
    const chosen = (await post({ lang: "en" })).headers.get("Set-Cookie")!;
    await startSession(user, new Date(), db, { replacing: new Request("http://portal.test/anmelden", { method: "POST", headers: { Cookie: chosen.split(";")[0] } }) });
    expect(await localeOf(user.id)).toBe("en");
  });

  it("changes no account when nobody is signed in", async () => {
    const user = await createStaffUser({ email: "anonym@example.org", name: "Anonym", role: "officer", password: "korrekt-Pferd-Batterie-17", now: new Date(), db });
    await post({ lang: "en" });
    expect(await localeOf(user.id)).toBeNull();
  });
});
