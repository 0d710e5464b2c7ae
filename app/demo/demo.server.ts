// Demo data (illustrative!): Dresden's 2017 call with its historic dates, and a copy of it
// whose dates are set relative to the moment of loading so that it is open for 14 days.
// Loading again changes nothing that exists already.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db as defaultDb, first, type Db } from "../infra/db.server";
import { applications, calls, users } from "../infra/schema";
import type { FileStorage } from "../infra/storage.server";
import { createStaffUser } from "../identity/users.server";
import { isoSeconds, parseCallDefinition, type CallDefinition } from "../procurement/call-definition";
import { importCall, publishCall } from "../procurement/calls.server";
import { DEMO_CARRIER_PASSWORD, DEMO_CARRIERS, runHistoricProcedure } from "./historic-procedure.server";

export const HISTORIC_SLUG = "dresden-2017";
export const DEMO_SLUG = "dresden-2017-demo";

// Everyone here is invented; the passwords are printed at start so that anyone can try.
export const DEMO_ACCOUNTS = [
  { email: "vergabe.a@demo.example", name: "Anna Vergabe (Demo, fiktiv)", role: "officer", password: "demo-vergabe-a-2017" },
  { email: "vergabe.b@demo.example", name: "Bernd Vergabe (Demo, fiktiv)", role: "officer", password: "demo-vergabe-b-2017" },
  { email: "bewertung@demo.example", name: "Clara Bewertung (Demo, fiktiv)", role: "evaluator", password: "demo-bewertung-2017" },
  { email: "bewertung2@demo.example", name: "David Bewertung (Demo, fiktiv)", role: "evaluator", password: "demo-bewertung2-2017" },
  // Account administration (decision 0035): one administrator, so officer grants stay pending
  // until a second one is made (`user:create --role administrator`).
  { email: "konten@demo.example", name: "Erika Konten (Demo, fiktiv)", role: "administrator", password: "demo-konten-2017" },
] as const;

/** One of the historic call's illustrative carriers, to see the letters as a carrier does. */
export const DEMO_CARRIER_ACCOUNT = { email: DEMO_CARRIERS[0].email, organisation: DEMO_CARRIERS[0].name, password: DEMO_CARRIER_PASSWORD };

export function readDefinitionFile(file: string): CallDefinition {
  const result = parseCallDefinition(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!result.ok) throw new Error(`${file} is not a valid call definition`);
  return result.definition;
}

export function dresdenDefinition(): CallDefinition {
  return readDefinitionFile(path.resolve("app/calls/dresden-2017.json"));
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The demo copy: open for submissions for 14 days from `now`, on full hours. */
export function demoDefinition(historic: CallDefinition, now: Date): CallDefinition {
  const hour = Math.ceil(now.getTime() / HOUR) * HOUR;
  const deadline = hour + 14 * DAY;
  const serviceStart = deadline + 90 * DAY;
  const at = (ms: number) => isoSeconds(new Date(ms));
  return {
    ...historic,
    slug: DEMO_SLUG,
    title: `Demo: ${historic.title}`,
    // Its own procedure, so its own (illustrative) Aktenzeichen.
    ...(historic.fileNumber ? { fileNumber: `${historic.fileNumber}-DEMO` } : {}),
    illustrativeNotice: `Dies ist eine Demo zum Ausprobieren. Alle Fristen sind relativ zum Laden der Demo gesetzt; Einreichungen hier haben keine rechtliche Wirkung. ${historic.illustrativeNotice}`,
    dates: {
      published: at(hour - DAY),
      questionDeadline: at(deadline - 4 * DAY),
      submissionDeadline: at(deadline),
      opening: at(deadline + 2 * HOUR),
      bindingPeriodEnd: at(deadline + 60 * DAY),
      serviceStart: at(serviceStart),
      contractEnd: at(serviceStart + 2 * 365 * DAY),
    },
  };
}

export type DemoReport = { createdCalls: string[]; createdAccounts: string[]; decided: string[] };

/**
 * Loads the demo. `decideHistoric`: also run the historic call from the carriers'
 * registration to the staffing plan (app/demo/historic-procedure.server.ts); `npm start`
 * does, most tests do not need the seven carriers and their bids.
 */
export async function loadDemo(opts: { now: Date; db?: Db; decideHistoric?: boolean; storage?: FileStorage }): Promise<DemoReport> {
  const database = opts.db ?? defaultDb();
  const report: DemoReport = { createdCalls: [], createdAccounts: [], decided: [] };
  for (const account of DEMO_ACCOUNTS) {
    const exists = await first(database.select({ id: users.id }).from(users).where(eq(users.email, account.email)));
    if (exists) continue;
    await createStaffUser({ ...account, now: opts.now, db: database });
    report.createdAccounts.push(account.email);
  }
  const historic = dresdenDefinition();
  const definitions = [
    { definition: historic, isDemo: false, publishedAt: new Date(historic.dates.published) },
    { definition: demoDefinition(historic, opts.now), isDemo: true, publishedAt: undefined },
  ];
  for (const { definition, isDemo, publishedAt } of definitions) {
    const exists = await first(database.select({ id: calls.id }).from(calls).where(eq(calls.slug, definition.slug)));
    if (exists) continue;
    await importCall({ definition, isDemo, actorUserId: null, now: opts.now, db: database });
    await publishCall({
      slug: definition.slug,
      actorUserId: null,
      now: opts.now,
      publishedAt: publishedAt ?? new Date(definition.dates.published),
      db: database,
    });
    report.createdCalls.push(definition.slug);
  }
  if (opts.decideHistoric) {
    const call = (await first(database.select({ id: calls.id }).from(calls).where(eq(calls.slug, HISTORIC_SLUG))))!;
    const started = await first(database.select({ id: applications.id }).from(applications).where(eq(applications.callId, call.id)));
    if (!started) {
      const staff = async (email: string) => (await first(database.select({ id: users.id }).from(users).where(eq(users.email, email))))!.id;
      await runHistoricProcedure({
        slug: HISTORIC_SLUG,
        actors: {
          officerA: await staff(DEMO_ACCOUNTS[0].email),
          officerB: await staff(DEMO_ACCOUNTS[1].email),
          evaluators: [await staff(DEMO_ACCOUNTS[2].email), await staff(DEMO_ACCOUNTS[3].email)],
        },
        db: database,
        storage: opts.storage,
      });
      report.decided.push(HISTORIC_SLUG);
    }
  }
  return report;
}
