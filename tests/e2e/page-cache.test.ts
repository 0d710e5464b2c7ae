// The rendered-page cache against the built server (decision 0030), over plain HTTP: an
// anonymous reader gets stored bytes with an ETag per encoding and a CSP without a nonce; a
// signed-in visitor never does; a write to the database changes the page at the next request.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CARRIER_ACCOUNT, DEMO_SLUG } from "../../app/demo/demo.server";
import { closeDatabase, first, openDatabase, type Db } from "../../app/infra/db.server";
import { users } from "../../app/infra/schema";
import { publishAmendment } from "../../app/procurement/amendments.server";
import { publicVersionOfCall } from "../../app/infra/public-versions.server";
import { eq } from "drizzle-orm";
import { cancelCall } from "../../app/award/cancellation.server";
import { demoDefinition, dresdenDefinition } from "../../app/demo/demo.server";
import { memberships } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { importCall, publishCall } from "../../app/procurement/calls.server";
import { answerQuestion, askQuestion } from "../../app/procurement/questions.server";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { signIn } from "./support/sweep";

let server: OwnServer;
let db: Db;
beforeAll(async () => {
  server = await startOwnServer({ name: "page-cache" });
  db = openDatabase(path.join(server.dataDir, "portal.sqlite"));
});
afterAll(async () => {
  if (db) closeDatabase(db);
  await server?.stop();
});

const offset = () => Number(fs.readFileSync(server.clockFile, "utf8")) || 0;
const moveClock = (ms: number) => fs.writeFileSync(server.clockFile, String(offset() + ms));
// The call page counts down by the minute, so its key changes with it: each test starts
// half a second into a minute of the server's clock and reads within that minute.
beforeEach(() => moveClock(60_000 - ((Date.now() + offset()) % 60_000) + 500));

const CALL = `/aufrufe/${DEMO_SLUG}`;
const get = (p: string, headers: Record<string, string> = {}) => fetch(new URL(p, server.baseURL), { headers, redirect: "manual" });

describe("anonymous reads", () => {
  it("answer the second read of each public page from the cache, without a script and with a CSP that allows none", async () => {
    for (const p of ["/", CALL, `${CALL}/fragen`, "/impressum", `${CALL}/aufruf.pdf`, `${CALL}/ocds.json`]) {
      await get(p);
      const response = await get(p);
      expect([p, response.status, response.headers.get("x-page-cache")]).toEqual([p, 200, "hit"]);
      expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
      if (response.headers.get("content-type")?.startsWith("text/html")) expect(await response.text()).not.toContain("<script");
    }
  });

  it("send the same page in br, gzip and identity, each with its own strong ETag, Vary on encoding and cookie, and 304 on a match", async () => {
    const bodies = [];
    const etags = [];
    for (const encoding of ["br", "gzip", "identity"]) {
      const response = await get(CALL, { "accept-encoding": encoding });
      expect(response.headers.get("content-encoding") ?? "identity").toBe(encoding);
      expect(response.headers.get("vary")).toBe("Accept-Encoding, Cookie");
      etags.push(response.headers.get("etag")!);
      bodies.push(await response.text());
      const again = await get(CALL, { "accept-encoding": encoding, "if-none-match": etags.at(-1)! });
      expect(again.status).toBe(304);
    }
    expect(new Set(bodies).size).toBe(1);
    expect(new Set(etags).size).toBe(3);
    expect(etags.every((e) => /^"[^"]+"$/.test(e))).toBe(true);
  });

  it("keep the languages apart", async () => {
    await get(CALL);
    const english = await get(CALL, { cookie: `lang=${Buffer.from(JSON.stringify("en")).toString("base64")}` });
    expect(await english.text()).toContain('lang="en"');
    expect(await (await get(CALL)).text()).toContain('lang="de"');
  });

  it("show an amendment at the next request after it is written, and the next minute's countdown when the clock moves", async () => {
    await get(CALL);
    expect((await get(CALL)).headers.get("x-page-cache")).toBe("hit");
    const officer = (await first(db.select({ id: users.id }).from(users).where(eq(users.role, "officer"))))!;
    await publishAmendment({ officerUserId: officer.id, slug: DEMO_SLUG, title: "Berichtigung der Kontaktdaten", body: "Neue Telefonnummer.", reason: "Berichtigung", dates: {}, now: new Date(), db });
    const after = await get(CALL);
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(await after.text()).toContain("Berichtigung der Kontaktdaten");
    expect((await get(CALL)).headers.get("x-page-cache")).toBe("hit");
    moveClock(60_000);
    expect((await get(CALL)).headers.get("x-page-cache")).toBe("miss");
  });
});

describe("writes that change a public page", () => {
  const officer = async () => (await first(db.select({ id: users.id }).from(users).where(eq(users.role, "officer"))))!.id;
  const SLUG = "zwischenaufruf";

  it("show a published answer on the questions page at the next request", async () => {
    const QUESTIONS = `${CALL}/fragen`;
    await get(QUESTIONS);
    expect((await get(QUESTIONS)).headers.get("x-page-cache")).toBe("hit");
    const member = (await first(db.select({ userId: users.id, organisationId: memberships.organisationId }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, DEMO_CARRIER_ACCOUNT.email))))!;
    const { questionId } = await askQuestion({ actor: member, callSlug: DEMO_SLUG, body: "Zählt eine Teilzeitstelle anteilig?", now: new Date(), db });
    await answerQuestion({ officerUserId: await officer(), questionId, answer: "Ja, nach Wochenstunden.", publicQuestion: "Zählt eine Teilzeitstelle anteilig?", now: new Date(), db });
    expect(await (await get(QUESTIONS)).text()).toContain("Ja, nach Wochenstunden.");
  });

  it("list a newly published call on the start page, and show its cancellation on its page", async () => {
    await get("/");
    expect((await get("/")).headers.get("x-page-cache")).toBe("hit");
    await importCall({ definition: { ...demoDefinition(dresdenDefinition(), new Date()), slug: SLUG }, actorUserId: null, now: new Date(), db });
    expect(await (await get("/")).text()).not.toContain(`/aufrufe/${SLUG}"`); // a draft is not public
    await publishCall({ slug: SLUG, actorUserId: null, now: new Date(), db });
    expect(await (await get("/")).text()).toContain(`/aufrufe/${SLUG}"`);

    await get(`/aufrufe/${SLUG}`);
    expect((await get(`/aufrufe/${SLUG}`)).headers.get("x-page-cache")).toBe("hit");
    const callId = (await publicVersionOfCall(db, SLUG))!.callId;
    await cancelCall({ officerUserId: await officer(), callId, reason: "Der Bedarf wird anders gedeckt.", now: new Date(), db, sendMails: false, storage: localStorage(path.join(server.dataDir, "files")) });
    expect(await (await get(`/aufrufe/${SLUG}`)).text()).toContain("Der Bedarf wird anders gedeckt.");
  });
});

describe("signed-in visitors", () => {
  it("never get a cached page: the carrier sees its own navigation with no-store, and an anonymous reader after it does not", async () => {
    await get(CALL);
    const cookie = await signIn(server.baseURL, DEMO_CARRIER_ACCOUNT);
    const signedIn = await get(CALL, { cookie });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    expect(signedIn.headers.get("etag")).toBeNull();
    const html = await signedIn.text();
    expect(html).toContain('href="/traeger"');
    // Its own offer: start (a form to /traeger) or continue its application, not the invitation to sign in.
    expect(html).toMatch(/action="\/traeger"|href="\/traeger\/bewerbungen\//);
    expect(html).not.toContain("/anmelden?weiter=");
    const anonymous = await get(CALL);
    expect(anonymous.headers.get("x-page-cache")).toBe("hit");
    const anonymousHtml = await anonymous.text();
    expect(anonymousHtml).not.toContain('href="/traeger"');
    expect(anonymousHtml).toContain('href="/anmelden"');
    expect(anonymousHtml).toContain("/anmelden?weiter=");
    expect(anonymousHtml).not.toMatch(/action="\/traeger"|href="\/traeger\/bewerbungen\//);
  });
});
