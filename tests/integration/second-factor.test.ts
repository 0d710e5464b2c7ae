// Second factor for all staff (decision 0034): staff enrol at their first sign-in and reach
// nothing else before, prove the factor at every sign-in, carriers may turn it on, the owner
// is told by mail, and a reset removes every factor and ends every session. Through the
// real route modules, on a real SQLite file, with mail to a real SMTP server on loopback.
import fs from "node:fs";
import path from "node:path";
import { generateTOTP } from "@epic-web/totp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasSecondFactor, removeTotp, resetSecondFactor } from "../../app/identity/second-factor.server";
import { currentSession, startSession } from "../../app/identity/sessions.server";
import { beginTotpSetup, checkTotpCode, totpStatus } from "../../app/identity/totp.server";
import { createStaffUser, type SessionUser } from "../../app/identity/users.server";
import { closeDb, db, writeTx } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { DomainError } from "../../app/infra/errors";
import { auditEntries, passkeys } from "../../app/infra/schema";
import { action as signInAction } from "../../app/routes/anmelden";
import { action as enrolmentAction, loader as enrolmentLoader } from "../../app/routes/konto.zwei-faktor";
import { CARRIER_PASSWORD, registerTestCarrier } from "../support/factories";
import { useSmtpServer } from "../support/smtp-env";
import { tempDatabase, type TempDb } from "../support/temp-db";

const PASSWORD = "korrekt-Pferd-Batterie-17";
const BASE = "http://portal.test";
const savedDataDir = process.env.DATA_DIR;
let t: TempDb;
const smtp = useSmtpServer();

beforeAll(async () => {
  t = await tempDatabase();
  process.env.DATA_DIR = t.dir; // the routes use the default database under DATA_DIR
  resetEnvForTests();
  closeDb();
});
afterAll(() => {
  closeDb();
  t.cleanup();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  resetEnvForTests();
});
beforeEach(() => {
  smtp.server.messages.length = 0;
});

let counter = 0;
async function officer(): Promise<SessionUser> {
  return createStaffUser({ email: `officer-${++counter}@example.org`, name: "Olga", role: "officer", password: PASSWORD, now: new Date(), db: db() });
}

/** Posts the sign-in form as a browser without JavaScript does; returns where it leads and its cookie. */
async function signIn(email: string, password: string, weiter = "") {
  const response = (await signInAction({
    request: new Request(`${BASE}/anmelden`, { method: "POST", body: new URLSearchParams({ email, password, weiter }) }),
    params: {},
    context: { clientAddress: "192.0.2.10" },
  })) as Response;
  expect(response.status).toBe(302);
  return { location: response.headers.get("Location")!, cookie: (response.headers.get("Set-Cookie") ?? "").split(";")[0] };
}

function browser(urlPath: string, cookie: string, init: RequestInit = {}): Request {
  return new Request(`${BASE}${urlPath}`, { ...init, headers: { Cookie: cookie } });
}

/** Turns TOTP on for `userId` as the setup page does, with the code an app would show. */
async function enrolTotp(userId: string): Promise<string> {
  await beginTotpSetup({ userId, now: new Date(), db: db() });
  const secret = (await totpStatus(userId, "Test", db())).pendingSecret!;
  const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
  expect(await checkTotpCode({ userId, code: otp, purpose: "setup", now: new Date(), db: db() })).toBe("ok");
  return secret;
}

/** Every route module under /verwaltung and /bewertung, with a value for each of its parameters. */
function staffRoutes(): { file: string; url: string; params: Record<string, string> }[] {
  const dir = path.join(process.cwd(), "app/routes");
  return fs
    .readdirSync(dir)
    .filter((name) => /^(verwaltung|bewertung)[._]/.test(name))
    .map((name) => {
      const file = fs.statSync(path.join(dir, name)).isDirectory() ? path.join(dir, name, "route.tsx") : path.join(dir, name);
      const segments = name.replace(/\.(tsx|ts)$/, "").replace(/\[\.\]/g, "~").split(".");
      const params: Record<string, string> = {};
      const url = segments
        .filter((s) => s !== "_index")
        .map((s) => s.replace(/_$/, "").replace(/~/g, "."))
        .map((s) => (s.startsWith("$") ? (params[s.slice(1)] = "x") : s))
        .join("/");
      return { file, url: `/${url}`, params };
    });
}

describe("second factor for staff", () => {
  it("signs a staff account without a factor in to the enrolment page only", async () => {
    const user = await officer();
    const { location, cookie } = await signIn(user.email, PASSWORD, "/verwaltung/fragen");
    expect(location).toBe("/konto/zwei-faktor?weiter=%2Fverwaltung%2Ffragen");
    const session = await currentSession(browser("/", cookie));
    expect(session).toMatchObject({ needsEnrolment: true, secondFactorAt: null });
    const page = (await enrolmentLoader({ request: browser("/konto/zwei-faktor", cookie), params: {}, context: {} })) as { needsEnrolment: boolean };
    expect(page.needsEnrolment).toBe(true);
  });

  it("enrols TOTP on the enrolment page, proves the session with it, goes on where the user was going, and mails the owner", async () => {
    const user = await officer();
    const { location, cookie } = await signIn(user.email, PASSWORD, "/verwaltung/fragen");
    const post = async (fields: Record<string, string>) =>
      (await enrolmentAction({ request: browser(location, cookie, { method: "POST", body: new URLSearchParams(fields) }), params: {}, context: { clientAddress: "192.0.2.10" } })) as Response;
    expect((await post({ intent: "begin" })).headers.get("Location")).toBe("/konto/zwei-faktor?weiter=%2Fverwaltung%2Ffragen");
    const secret = (await totpStatus(user.id, "Test", db())).pendingSecret!;
    const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
    expect((await post({ intent: "confirm", code: otp })).headers.get("Location")).toBe("/konto/zwei-faktor?eingeschaltet=1&weiter=%2Fverwaltung%2Ffragen");
    expect(await currentSession(browser("/", cookie))).toMatchObject({ needsEnrolment: false, secondFactorAt: expect.any(Date) });
    const page = (await enrolmentLoader({ request: browser("/konto/zwei-faktor?eingeschaltet=1&weiter=%2Fverwaltung%2Ffragen", cookie), params: {}, context: {} })) as { continueTo: string };
    expect(page.continueTo).toBe("/verwaltung/fragen");
    expect(smtp.server.messages.map((m) => [m.to[0], m.subject])).toEqual([[user.email, "Zweiter Faktor Ihres Kontos geändert"]]);
    expect(smtp.server.messages[0].text).toContain("ein Code aus einer Authenticator-App als zweiter Faktor eingerichtet");
  });

  it("sends a session without the factor from every staff route, page or form, to enrolment", async () => {
    const user = await officer();
    const { cookie } = await signIn(user.email, PASSWORD);
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const mod = (await import(route.file)) as { loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown };
      for (const [kind, handler] of [["loader", mod.loader], ["action", mod.action]] as const) {
        if (!handler) continue;
        const request = browser(route.url, cookie, kind === "action" ? { method: "POST", body: new URLSearchParams({ intent: "x" }) } : {});
        const outcome = await Promise.resolve()
          .then(() => handler({ request, params: route.params, context: {} }))
          .then(
            (value) => value,
            (thrown: unknown) => thrown,
          );
        expect(outcome, `${kind} of ${route.file}`).toBeInstanceOf(Response);
        const response = outcome as Response;
        expect([response.status, response.headers.get("Location")?.split("?")[0]], `${kind} of ${route.file}`).toEqual([302, "/konto/zwei-faktor"]);
      }
    }
  });

  it("asks for the code at every sign-in once TOTP is on, and a session from before it counts for nothing", async () => {
    const user = await officer();
    const before = await signIn(user.email, PASSWORD);
    await enrolTotp(user.id);
    expect(await currentSession(browser("/", before.cookie))).toBeNull();
    for (let i = 0; i < 2; i++) {
      const next = await signIn(user.email, PASSWORD, "/verwaltung");
      expect(next.location).toBe("/anmelden/code?weiter=%2Fverwaltung");
      expect(next.cookie).toMatch(/^portal-sign-in=/); // no session yet, only the pending sign-in
    }
  });

  it("asks for the second step, not enrolment, of an account whose only factor is a passkey", async () => {
    const user = await officer();
    const before = await signIn(user.email, PASSWORD);
    // A stored credential as registration leaves it (the browser part is tests/e2e/sign-in-security.test.ts).
    await writeTx(async (tx) => {
      await tx.insert(passkeys).values({ userId: user.id, credentialId: `cred-${user.id}`, publicKey: Buffer.from([1, 2, 3]), counter: 0, transports: ["internal"], name: "Laptop" });
    }, db());
    expect(await hasSecondFactor(user.id, db())).toBe(true);
    expect(await currentSession(browser("/", before.cookie))).toBeNull();
    expect((await signIn(user.email, PASSWORD, "/verwaltung")).location).toBe("/anmelden/code?weiter=%2Fverwaltung");
  });

  it("lets a carrier member sign in with the password alone until they turn a factor on, then asks for it", async () => {
    const carrier = await registerTestCarrier({ db: db(), now: new Date(), name: "Clara Opt-In" });
    expect((await signIn(carrier.email, CARRIER_PASSWORD, "/traeger")).location).toBe("/traeger");
    await enrolTotp(carrier.actor.userId);
    expect((await signIn(carrier.email, CARRIER_PASSWORD, "/traeger")).location).toBe("/anmelden/code?weiter=%2Ftraeger");
    await removeTotp({ userId: carrier.actor.userId, now: new Date(), db: db() });
    expect((await signIn(carrier.email, CARRIER_PASSWORD, "/traeger")).location).toBe("/traeger");
    expect(smtp.server.messages.map((m) => [m.to[0], m.subject])).toEqual([[carrier.email, "Zweiter Faktor Ihres Kontos geändert"]]);
    expect(smtp.server.messages[0].text).toContain("der Code aus der Authenticator-App als zweiter Faktor Ihres Kontos ausgeschaltet");
  });

  it("keeps a staff account's last factor: it cannot be switched off", async () => {
    const user = await officer();
    await enrolTotp(user.id);
    await expect(removeTotp({ userId: user.id, now: new Date(), db: db() })).rejects.toMatchObject(new DomainError("CONFLICT", "security.factor.lastOne"));
    expect(await hasSecondFactor(user.id, db())).toBe(true);
    expect(smtp.server.messages).toHaveLength(0);
  });

  it("resets every factor and ends every session, tells the owner, and the next sign-in enrols again", async () => {
    const user = await officer();
    await enrolTotp(user.id);
    const proven = await startSession(user, new Date(), db(), { secondFactorAt: new Date() });
    expect(await currentSession(browser("/", proven.split(";")[0]))).not.toBeNull();
    const removed = await resetSecondFactor({ userId: user.id, now: new Date(), db: db() });
    expect(removed).toEqual({ totp: true, passkeys: 0 });
    expect(await currentSession(browser("/", proven.split(";")[0]))).toBeNull();
    expect(await hasSecondFactor(user.id, db())).toBe(false);
    expect(smtp.server.messages.map((m) => m.subject)).toEqual(["Zweiter Faktor Ihres Kontos geändert"]);
    expect(smtp.server.messages[0].text).toContain("jeder zweite Faktor Ihres Kontos zurückgesetzt");
    const audit = await db().select({ action: auditEntries.action, objectId: auditEntries.objectId }).from(auditEntries);
    expect(audit).toContainEqual({ action: "auth.second-factor-reset", objectId: user.id });
    expect((await signIn(user.email, PASSWORD)).location).toBe("/konto/zwei-faktor?weiter=%2Fverwaltung");
  });
});
