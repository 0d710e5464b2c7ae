// Account administration (issue 16, point 2; decision 0035) through the routes' loaders and
// actions with real requests and cookies, a real database (SQLite or PostgreSQL) and a real SMTP server on
// loopback; the CLI's emergency commands as a real process.
import { execFile } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate, createStaffUser, type SessionUser } from "../../app/identity/users.server";
import { currentUser, startSession } from "../../app/identity/sessions.server";
import { beginTotpSetup } from "../../app/identity/totp.server";
import { hasSecondFactor } from "../../app/identity/second-factor.server";
import { closeDatabase, first, writeTx, type Db } from "../../app/infra/db.server";
import { auditEntries, passkeys, users } from "../../app/infra/schema";
import { action as accountsAction, loader as accountsLoader } from "../../app/routes/verwaltung.konten._index";
import { action as accountAction, loader as accountLoader } from "../../app/routes/verwaltung.konten.$userId";
import { action as setUpAction } from "../../app/routes/konto.einrichten.$token";
import { action as passwordAction } from "../../app/routes/konto.passwort";
import { action as forgotAction } from "../../app/routes/passwort-vergessen";
import { action as registerAction } from "../../app/routes/registrieren";
import { useSmtpServer } from "../support/smtp-env";
import { useProcessDatabase } from "../support/process-db";
import { tempDatabase, type TempDb } from "../support/temp-db";

const PASSWORD = "korrekt-Pferd-Batterie-17";
const BASE = "http://portal.test";

let t: TempDb;
let db: Db;
let restoreEnv: () => void;
const smtp = useSmtpServer();

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  // The routes read the process-wide database: point it at this one.
  restoreEnv = useProcessDatabase(t);
});
afterAll(() => {
  restoreEnv();
  t.cleanup();
});
beforeEach(() => {
  smtp.server.messages.length = 0;
});

// ---------------------------------------------------------------------------------------

type Answer = { status: number; location: string | null; setCookie: string | null; body: Record<string, unknown> | null };

/** A route's answer, whether returned or thrown: a Response, or data() with its status. */
async function answer(run: () => Promise<unknown>): Promise<Answer> {
  let out: unknown;
  try {
    out = await run();
  } catch (error) {
    out = error;
  }
  if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), setCookie: out.headers.get("Set-Cookie"), body: null };
  const wrapped = out as { type?: string; data?: Record<string, unknown>; init?: { status?: number } } | null;
  if (wrapped?.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, location: null, setCookie: null, body: wrapped.data ?? null };
  return { status: 200, location: null, setCookie: null, body: (out as Record<string, unknown>) ?? null };
}

function request(pathname: string, cookie?: string, form?: Record<string, string>): Request {
  return new Request(`${BASE}${pathname}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
    headers: cookie ? { Cookie: cookie.split(";")[0] } : {},
  });
}

const ctx = { context: {} };
const list = (cookie?: string, query = "") => answer(() => accountsLoader({ request: request(`/verwaltung/konten${query}`, cookie), params: {}, ...ctx }));
const postList = (cookie: string, form: Record<string, string>) => answer(() => accountsAction({ request: request("/verwaltung/konten", cookie, form), params: {}, ...ctx }));
const openAccount = (cookie: string | undefined, userId: string) =>
  answer(() => accountLoader({ request: request(`/verwaltung/konten/${userId}`, cookie), params: { userId }, ...ctx }));
const act = (cookie: string, userId: string, form: Record<string, string>) =>
  answer(() => accountAction({ request: request(`/verwaltung/konten/${userId}`, cookie, form), params: { userId }, ...ctx }));

let counter = 0;
async function staff(role: "officer" | "evaluator" | "administrator", name = `${role} ${++counter}`): Promise<SessionUser> {
  return createStaffUser({ email: `${name.replace(/\s/g, "-").toLowerCase()}@dresden.example`, name, role, password: PASSWORD, now: new Date(), db });
}

/**
 * A browser signed in as `user`, who has TOTP (every staff account enrols one, decision 0034)
 * and proved it, unless told the session did not.
 */
async function signedIn(user: SessionUser, secondFactor = true): Promise<string> {
  if (!(await hasSecondFactor(user.id, db))) {
    await beginTotpSetup({ userId: user.id, now: new Date(), db });
    await writeTx(async (tx) => {
      await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, user.id));
    }, db);
  }
  return startSession(user, new Date(), db, { secondFactorAt: secondFactor ? new Date() : null });
}

async function isSignedIn(cookie: string): Promise<boolean> {
  return (await currentUser(request("/", cookie), new Date(), db)) !== null;
}

async function auditOf(action: string, objectId?: string) {
  const rows = await db
    .select({ actor: auditEntries.actorUserId, objectId: auditEntries.objectId, details: auditEntries.details })
    .from(auditEntries)
    .where(and(eq(auditEntries.action, action), objectId ? eq(auditEntries.objectId, objectId) : undefined));
  return rows.map((r) => ({ ...r, details: typeof r.details === "string" ? JSON.parse(r.details) : r.details }));
}

const userByEmail = (email: string) => first(db.select().from(users).where(eq(users.email, email)));

function linkIn(text: string, prefix: string): string {
  // The portal's address is PUBLIC_URL where the environment sets one, else the request's.
  const match = text.match(new RegExp(`https?://[^/\\s]+${prefix}[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no ${prefix} link in:\n${text}`);
  return match[0];
}

let adminA: SessionUser;
let adminB: SessionUser;
let cookieA: string;
let cookieB: string;

beforeAll(async () => {
  adminA = await staff("administrator", "Anna Admin");
  adminB = await staff("administrator", "Bernd Admin");
  cookieA = await signedIn(adminA);
  cookieB = await signedIn(adminB);
});

describe("who may administer accounts", () => {
  it("sends anonymous visitors to sign in and refuses officers, evaluators and carriers-to-be with 403", async () => {
    const anonymous = await list();
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/anmelden\?weiter=/);
    const officer = await staff("officer");
    const evaluator = await staff("evaluator");
    expect((await list(await signedIn(officer))).status).toBe(403);
    expect((await list(await signedIn(evaluator))).status).toBe(403);
    expect((await openAccount(await signedIn(officer), adminA.id)).status).toBe(403);
    expect((await postList(await signedIn(officer), { name: "X", email: "x@dresden.example", role: "evaluator" })).status).toBe(403);
    expect(await userByEmail("x@dresden.example")).toBeUndefined();
  });

  it("takes an administrator's session that did not prove the second factor for none: every act goes to sign-in and changes nothing", async () => {
    const target = await staff("evaluator");
    const withoutFactor = await signedIn(adminA, false);
    const refused = await act(withoutFactor, target.id, { intent: "disable", sicher: "ja" });
    expect(refused.status).toBe(302);
    expect(refused.location).toMatch(/^\/anmelden\?weiter=/);
    expect((await userByEmail(target.email))!.disabledAt).toBeNull();
  });

  it("answers 404 for an unknown account", async () => {
    expect((await openAccount(cookieA, "gibt-es-nicht")).status).toBe(404);
  });
});

describe("the list of staff accounts", () => {
  it("shows role, state, second factor and last sign-in, and filters by role and state", async () => {
    const officer = await staff("officer", "Olga Liste");
    await signedIn(officer); // enrols TOTP
    const quiet = await staff("evaluator", "Erik Liste");
    await writeTx(async (tx) => {
      await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, quiet.id));
    }, db);

    const all = await list(cookieA);
    expect(all.status).toBe(200);
    const accounts = all.body!.accounts as { id: string; role: string; state: string; secondFactor: boolean; lastSignInAt: Date | null }[];
    const olga = accounts.find((a) => a.id === officer.id)!;
    expect(olga).toMatchObject({ role: "officer", state: "active", secondFactor: true });
    expect(olga.lastSignInAt).not.toBeNull();
    expect(accounts.find((a) => a.id === quiet.id)).toMatchObject({ role: "evaluator", state: "disabled", secondFactor: false, lastSignInAt: null });

    const officers = (await list(cookieA, "?rolle=officer")).body!.accounts as { role: string }[];
    expect(officers.length).toBeGreaterThan(0);
    expect(officers.every((a) => a.role === "officer")).toBe(true);
    const disabled = (await list(cookieA, "?zustand=disabled")).body!.accounts as { id: string }[];
    expect(disabled.map((a) => a.id)).toContain(quiet.id);
    expect(disabled.map((a) => a.id)).not.toContain(officer.id);
  });
});

describe("creating accounts and granting roles", () => {
  it("invites an evaluator at once: the mail's link sets the password, and the person signs in", async () => {
    const created = await postList(cookieA, { name: "Eva Neu", email: "Eva.Neu@Dresden.example", role: "evaluator" });
    expect(created.status).toBe(302);
    const account = (await userByEmail("eva.neu@dresden.example"))!;
    expect(account.role).toBe("evaluator");
    expect(await authenticate({ email: account.email, password: PASSWORD, now: new Date(), db })).toBeNull();
    const mail = await smtp.server.waitFor((m) => m.to.includes("eva.neu@dresden.example"));
    expect(mail.subject).toBe("Ihr Konto im Portal für Interessenbekundungen");
    expect(mail.text).toContain("Bewertung (Sozialamt)");
    const link = linkIn(mail.text, "/konto/einrichten/");
    const token = link.split("/").pop()!;

    const weak = await answer(() => setUpAction({ request: request(`/konto/einrichten/${token}`, undefined, { password: "kurz" }), params: { token }, ...ctx }));
    expect(weak.status).toBe(400);
    const accepted = await answer(() => setUpAction({ request: request(`/konto/einrichten/${token}`, undefined, { password: PASSWORD }), params: { token }, ...ctx }));
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/konto/zwei-faktor");
    expect(await isSignedIn(accepted.setCookie!)).toBe(true);
    expect((await authenticate({ email: account.email, password: PASSWORD, now: new Date(), db }))?.id).toBe(account.id);
    // The link works once.
    const again = await answer(() => setUpAction({ request: request(`/konto/einrichten/${token}`, undefined, { password: PASSWORD }), params: { token }, ...ctx }));
    expect(again.status).toBe(400);
    expect(await auditOf("account.invited", account.id)).toEqual([{ actor: adminA.id, objectId: account.id, details: { role: "evaluator" } }]);
    expect(await auditOf("account.invitation-accepted", account.id)).toHaveLength(1);
  });

  it("grants the officer role to a new account only when a second administrator confirms; the proposer cannot", async () => {
    const proposed = await postList(cookieA, { name: "Otto Neu", email: "otto.neu@dresden.example", role: "officer" });
    expect(proposed.status).toBe(302);
    expect(proposed.location).toBe("/verwaltung/konten?erledigt=proposed");
    expect(await userByEmail("otto.neu@dresden.example")).toBeUndefined();
    const pending = (await list(cookieB)).body!.pending as { id: string; email: string; role: string; proposedByUserId: string }[];
    const grant = pending.find((g) => g.email === "otto.neu@dresden.example")!;
    expect(grant).toMatchObject({ role: "officer", proposedByUserId: adminA.id });

    const self = await postList(cookieA, { intent: "confirm", grantId: grant.id });
    expect(self.status).toBe(403);
    expect(JSON.stringify(self.body)).toContain("eine zweite Person");
    expect(await userByEmail("otto.neu@dresden.example")).toBeUndefined();
    expect(smtp.server.messages).toHaveLength(0);

    const confirmed = await postList(cookieB, { intent: "confirm", grantId: grant.id });
    expect(confirmed.location).toBe("/verwaltung/konten?erledigt=confirmed");
    const otto = (await userByEmail("otto.neu@dresden.example"))!;
    expect(otto.role).toBe("officer");
    const mail = await smtp.server.waitFor((m) => m.to.includes("otto.neu@dresden.example"));
    expect(mail.text).toContain("Vergabestelle");
    expect((await list(cookieB)).body!.pending).toEqual([]);
    expect((await auditOf("account.grant-proposed", grant.id))[0]).toMatchObject({ actor: adminA.id, details: { role: "officer", newAccount: true } });
    expect((await auditOf("account.grant-confirmed", grant.id))[0]).toMatchObject({ actor: adminB.id, details: { role: "officer", proposedBy: adminA.id } });
    // Decided is decided: a second confirmation is refused.
    expect((await postList(cookieB, { intent: "confirm", grantId: grant.id })).status).toBe(409);
  });

  it("does not count the proposal of an administrator disabled since as the first pair of eyes", async () => {
    const adminC = await staff("administrator", "Clara Admin");
    const cookieC = await signedIn(adminC);
    await postList(cookieC, { name: "Paula Später", email: "paula.spaeter@dresden.example", role: "administrator" });
    const grant = ((await list(cookieB)).body!.pending as { id: string; email: string }[]).find((g) => g.email === "paula.spaeter@dresden.example")!;
    expect((await act(cookieA, adminC.id, { intent: "disable", sicher: "ja" })).status).toBe(302);
    const refused = await postList(cookieB, { intent: "confirm", grantId: grant.id });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain("keine aktive Administration mehr");
    expect(await userByEmail("paula.spaeter@dresden.example")).toBeUndefined();
    expect((await postList(cookieB, { intent: "withdraw", grantId: grant.id })).status).toBe(302);
  });

  it("changes a role towards evaluator at once, towards officer or administrator only with a second administrator; the person's sessions end", async () => {
    const person = await staff("officer", "Rolf Rolle");
    const device = await signedIn(person);
    const down = await act(cookieA, person.id, { intent: "role", role: "evaluator" });
    expect(down.location).toBe(`/verwaltung/konten/${person.id}?erledigt=role-changed`);
    expect((await userByEmail(person.email))!.role).toBe("evaluator");
    expect(await isSignedIn(device)).toBe(false);
    expect((await auditOf("account.role-changed", person.id))[0]).toMatchObject({ actor: adminA.id, details: { from: "officer", to: "evaluator" } });

    const up = await act(cookieA, person.id, { intent: "role", role: "administrator" });
    expect(up.location).toBe(`/verwaltung/konten/${person.id}?erledigt=role-proposed`);
    expect((await userByEmail(person.email))!.role).toBe("evaluator");
    expect((await openAccount(cookieB, person.id)).body).toMatchObject({ pendingRole: "administrator" });
    // One pending grant per person.
    expect((await act(cookieB, person.id, { intent: "role", role: "officer" })).status).toBe(409);
    const grant = (await list(cookieB)).body!.pending as { id: string; userId: string }[];
    const grantId = grant.find((g) => g.userId === person.id)!.id;
    const withdrawn = await postList(cookieB, { intent: "withdraw", grantId });
    expect(withdrawn.location).toBe("/verwaltung/konten?erledigt=withdrawn");
    expect((await userByEmail(person.email))!.role).toBe("evaluator");
    expect(await auditOf("account.grant-withdrawn", grantId)).toHaveLength(1);
  });

  it("refuses a taken address next to the field and keeps what was typed", async () => {
    const taken = await postList(cookieA, { name: "Doppelt", email: adminB.email, role: "evaluator" });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ errors: { email: `Es gibt schon ein Konto für ${adminB.email}.` }, values: { name: "Doppelt" } });
    const empty = await postList(cookieA, { name: "", email: "kaputt", role: "" });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body!.errors as object).sort()).toEqual(["email", "name", "role"]);
  });
});

describe("disabling, second factor and sign-out", () => {
  it("disables an account with confirmation: it cannot sign in and its sessions end; re-enabled it can", async () => {
    const person = await staff("evaluator", "Doris Sperre");
    const device = await signedIn(person);
    const unconfirmed = await act(cookieA, person.id, { intent: "disable" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatchObject({ errors: { "sicher-disable": "Bitte bestätigen Sie, dass Sie sicher sind." } });
    expect(await isSignedIn(device)).toBe(true);

    expect((await act(cookieA, person.id, { intent: "disable", sicher: "ja" })).location).toBe(`/verwaltung/konten/${person.id}?erledigt=disabled`);
    expect(await isSignedIn(device)).toBe(false);
    expect(await authenticate({ email: person.email, password: PASSWORD, now: new Date(), db })).toBeNull();
    expect((await act(cookieB, person.id, { intent: "enable" })).location).toBe(`/verwaltung/konten/${person.id}?erledigt=enabled`);
    expect((await authenticate({ email: person.email, password: PASSWORD, now: new Date(), db }))?.id).toBe(person.id);
    expect(await auditOf("account.disabled", person.id)).toEqual([{ actor: adminA.id, objectId: person.id, details: {} }]);
    expect(await auditOf("account.enabled", person.id)).toEqual([{ actor: adminB.id, objectId: person.id, details: {} }]);
  });

  it("resets a second factor: the person enrols again and every session ends", async () => {
    const person = await staff("officer", "Fritz Faktor");
    await beginTotpSetup({ userId: person.id, now: new Date(), db });
    await writeTx(async (tx) => {
      await tx.update(users).set({ totpEnabledAt: new Date(), totpLastStep: 42 }).where(eq(users.id, person.id));
      await tx.insert(passkeys).values({ userId: person.id, credentialId: `cred-${person.id}`, publicKey: Buffer.from([1, 2, 3]), counter: 0, transports: ["usb"], name: "Schlüssel" });
    }, db);
    const device = await signedIn(person);
    expect((await act(cookieA, person.id, { intent: "factor", sicher: "ja" })).location).toBe(`/verwaltung/konten/${person.id}?erledigt=factor-reset`);
    const row = (await userByEmail(person.email))!;
    expect([row.totpSecretSealed, row.totpEnabledAt, row.totpLastStep]).toEqual([null, null, null]);
    expect(await isSignedIn(device)).toBe(false);
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, person.id))).toEqual([]);
    // One act, one entry, in the transaction that removed the factors; the owner is told.
    expect(await auditOf("account.second-factor-reset", person.id)).toEqual([{ actor: adminA.id, objectId: person.id, details: { passkeys: 1, totp: true } }]);
    expect(await auditOf("auth.second-factor-reset", person.id)).toEqual([]);
    await smtp.server.waitFor((m) => m.to.includes(person.email));
  });

  it("signs a person out everywhere and leaves the account usable", async () => {
    const person = await staff("evaluator", "Sina Sitzung");
    const laptop = await signedIn(person);
    const phone = await signedIn(person);
    expect((await act(cookieA, person.id, { intent: "signOut", sicher: "ja" })).location).toBe(`/verwaltung/konten/${person.id}?erledigt=signed-out`);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(cookieA)).toBe(true);
    expect((await authenticate({ email: person.email, password: PASSWORD, now: new Date(), db }))?.id).toBe(person.id);
    expect(await auditOf("account.signed-out-everywhere", person.id)).toHaveLength(1);
  });

  it("refuses acts on one's own account and disabling the last active administrator", async () => {
    expect((await act(cookieA, adminA.id, { intent: "disable", sicher: "ja" })).status).toBe(403);
    expect((await userByEmail(adminA.email))!.disabledAt).toBeNull();
    // Even the operator's CLI keeps the last active administrator (in a database of its own).
    const isolated = await tempDatabase();
    try {
      const { setAccountDisabled } = await import("../../app/identity/staff-accounts.server");
      const only = await createStaffUser({ email: "einzig@dresden.example", name: "Einzig", role: "administrator", password: PASSWORD, now: new Date(), db: isolated.db });
      await expect(setAccountDisabled({ actor: { kind: "cli" }, userId: only.id, disabled: true, now: new Date(), db: isolated.db })).rejects.toThrow("accounts.lastAdministrator");
    } finally {
      isolated.cleanup();
    }
  });
});

describe("changing one's own password", () => {
  it("asks for the old password, ends every other session, keeps this one and mails the owner", async () => {
    const person = await staff("officer", "Paula Passwort");
    const here = await signedIn(person);
    const elsewhere = await signedIn(person);
    const post = (form: Record<string, string>) => answer(() => passwordAction({ request: request("/konto/passwort", here, form), params: {}, ...ctx }));

    const wrong = await post({ currentPassword: "falsch-falsch-falsch", newPassword: "ein-ganz-neues-Passwort-2017" });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ errors: { currentPassword: "Das bisherige Passwort ist nicht richtig." } });
    const weak = await post({ currentPassword: PASSWORD, newPassword: "kurz" });
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body!.errors as object)).toEqual(["newPassword"]);
    expect(await isSignedIn(elsewhere)).toBe(true);

    const changed = await post({ currentPassword: PASSWORD, newPassword: "ein-ganz-neues-Passwort-2017" });
    expect(changed.location).toBe("/konto?passwort=geaendert");
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect(await authenticate({ email: person.email, password: PASSWORD, now: new Date(), db })).toBeNull();
    expect((await authenticate({ email: person.email, password: "ein-ganz-neues-Passwort-2017", now: new Date(), db }))?.id).toBe(person.id);
    const mail = await smtp.server.waitFor((m) => m.to.includes(person.email));
    expect(mail.subject).toBe("Ihr Passwort wurde geändert");
    expect(mail.text).toMatch(/https?:\/\/\S+\/passwort-vergessen\n/);
    expect(await auditOf("user.password-change-failed", person.id)).toHaveLength(1);
    expect(await auditOf("user.password-changed", person.id)).toHaveLength(1);
  });
});

describe("the operator's command line", () => {
  it("creates the first administrator and disables, re-roles, resets and signs out accounts, audited as cli", async () => {
    // A database of its own, on the run's dialect, that the CLI opens through its environment.
    const own = await tempDatabase();
    const cli = (...args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) =>
        execFile(path.resolve("node_modules/.bin/tsx"), ["scripts/portal.ts", ...args], { cwd: path.resolve("."), env: { ...process.env, ...own.env, SMTP_URL: smtp.server.url }, timeout: 120_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? -1) : 0, out: `${stdout}${stderr}` }),
        ),
      );
    try {
      const first = await cli("user:create", "--email", "erste@dresden.example", "--name", "Erste Admin", "--role", "administrator", "--password", PASSWORD);
      expect(first.out).toContain("User erste@dresden.example (administrator) created.");
      const invited = await cli("user:invite", "--email", "olaf@dresden.example", "--name", "Olaf Offizier", "--role", "officer");
      expect(invited.out).toContain("olaf@dresden.example (officer) invited");
      await smtp.server.waitFor((m) => m.to.includes("olaf@dresden.example"));
      for (const args of [["user:disable"], ["user:enable"], ["user:role", "--role", "evaluator"], ["user:reset-factor"], ["user:sign-out"]]) {
        const run = await cli(args[0], "--email", "olaf@dresden.example", ...args.slice(1));
        expect(run.code, run.out).toBe(0);
      }
      const last = await cli("user:disable", "--email", "erste@dresden.example");
      expect(last.code).toBe(2);
      expect(last.out).toContain("letzte aktive Konto");
      const cliDb = own.reopen();
      try {
        const rows = await cliDb.select({ action: auditEntries.action, actor: auditEntries.actorUserId, details: auditEntries.details }).from(auditEntries);
        const acts = rows.filter((r) => r.action.startsWith("account."));
        expect(acts.map((r) => r.action)).toEqual([
          "account.invited",
          "account.disabled",
          "account.enabled",
          "account.role-changed",
          "account.second-factor-reset",
          "account.signed-out-everywhere",
        ]);
        expect(acts.every((r) => r.actor === null && JSON.parse(String(r.details)).via === "cli")).toBe(true);
        expect((await cliDb.select({ role: users.role }).from(users).where(eq(users.email, "olaf@dresden.example")))[0]!.role).toBe("evaluator");
      } finally {
        closeDatabase(cliDb);
      }
    } finally {
      own.cleanup();
    }
  }, 120_000);
});

describe("registration and password reset tell nothing about an address (G15)", () => {
  const registration = (email: string, address: string) =>
    answer(() =>
      registerAction({
        request: request("/registrieren", undefined, {
          organisationName: "Nachbarschaftshilfe Prohlis e. V.",
          legalForm: "e. V.",
          street: "Prohliser Allee 1",
          postalCode: "01239",
          city: "Dresden",
          nonProfit: "ja",
          name: "Rita Register",
          email,
          password: "Elbwiesen im Februar sind kalt 2017",
        }),
        params: {},
        context: { clientAddress: address },
      }),
    );

  it("answers a taken address as a new one, signs nobody in, and tells the owner by mail", async () => {
    const owner = await staff("evaluator", "Olivia Owner");
    const fresh = await registration("rita.register@traeger.example", "198.51.100.1");
    const taken = await registration(owner.email.toUpperCase(), "198.51.100.2");
    expect([fresh.status, taken.status]).toEqual([200, 200]);
    expect([fresh.setCookie, taken.setCookie]).toEqual([null, null]);
    expect(fresh.body).toEqual({ errors: {}, values: {}, sentTo: "rita.register@traeger.example" });
    expect(taken.body).toEqual({ errors: {}, values: {}, sentTo: owner.email });

    const confirmation = await smtp.server.waitFor((m) => m.to.includes("rita.register@traeger.example"));
    expect(confirmation.subject).toBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    const notice = await smtp.server.waitFor((m) => m.to.includes(owner.email));
    expect(notice.subject).toBe("Registrierung mit Ihrer E-Mail-Adresse");
    expect(notice.text).toMatch(/\/passwort-vergessen\n/);
    // The owner's account is untouched: same role, same password.
    expect((await userByEmail(owner.email))!.role).toBe("evaluator");
    expect((await authenticate({ email: owner.email, password: PASSWORD, now: new Date(), db }))?.id).toBe(owner.id);
    expect(await auditOf("user.registration-attempt", owner.id)).toHaveLength(1);
  });

  it("answers a reset request for an unknown address as for a known one", async () => {
    const known = await staff("officer", "Karl Kennt");
    const reset = (email: string) => answer(() => forgotAction({ request: request("/passwort-vergessen", undefined, { email }), params: {}, context: { clientAddress: "198.51.100.3" } }));
    const a = await reset(known.email);
    const b = await reset("niemand@dresden.example");
    expect([a.status, b.status]).toEqual([200, 200]);
    expect({ ...a.body, values: null }).toEqual({ ...b.body, values: null });
    await smtp.server.waitFor((m) => m.to.includes(known.email));
    expect(smtp.server.messages.filter((m) => m.to.includes("niemand@dresden.example"))).toHaveLength(0);
  });
});
