// Behind HTTPS (PUBLIC_URL https://…) the session and sign-in cookies are `__Host-` cookies:
// Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain (ASVS 3.4.1–3.4.5). The e2e tests run
// over plain HTTP and see only the unprefixed names, so this is checked here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPendingSignIn, startSession } from "../../app/identity/sessions.server";
import { createStaffUser } from "../../app/identity/users.server";
import { type Db } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2017-01-20T08:00:00Z");
let t: TempDb;
let db: Db;

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  process.env.DATA_DIR = t.dir;
  process.env.PUBLIC_URL = "https://interessenbekundung.example";
  resetEnvForTests();
});
afterAll(() => {
  t.cleanup();
  delete process.env.DATA_DIR;
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

function attributes(setCookie: string): { name: string; attrs: string[] } {
  const [pair, ...attrs] = setCookie.split(";").map((p) => p.trim());
  return { name: pair.split("=")[0], attrs: attrs.map((a) => a.toLowerCase()) };
}

describe("cookies behind HTTPS", () => {
  it("makes the session cookie a __Host- cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
    const user = await createStaffUser({ email: "https@example.org", name: "H", role: "officer", password: "korrekt-Pferd-Batterie-17", now: NOW, db });
    for (const setCookie of [await startSession({ ...user, role: "officer" }, NOW, db), await startPendingSignIn(user.id, NOW)]) {
      const { name, attrs } = attributes(setCookie);
      expect(name.startsWith("__Host-portal-")).toBe(true);
      expect(attrs).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
      expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
    }
  });
});
