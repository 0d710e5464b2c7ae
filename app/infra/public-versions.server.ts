// The version of what the public pages show (decision 0030), read once per anonymous request
// by the page cache. Triggers raise it in the transaction of every write to a table those
// pages read (drizzle/0022_public_versions_triggers.sql), so several instances on one
// database agree without telling each other.
import type Database from "better-sqlite3";
import type { Db } from "./db.server";

export type CallVersion = {
  callId: string;
  /** The highest of the call's and the site's version: raised by every write the call's pages show. */
  version: number;
  questionDeadline: number;
  submissionDeadline: number;
};

type Statements = { call: Database.Statement; callById: Database.Statement; site: Database.Statement };
const prepared = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db.$client);
  if (!s) {
    s = {
      // One row by the unique slug, and two primary-key lookups.
      call: db.$client.prepare(
        `SELECT c.id AS callId, c.question_deadline AS questionDeadline, c.submission_deadline AS submissionDeadline,
           (SELECT coalesce(max(version), 0) FROM public_versions WHERE scope IN ('call:' || c.id, 'site')) AS version
         FROM calls c WHERE c.slug = ?`,
      ),
      callById: db.$client.prepare(`SELECT coalesce(max(version), 0) AS version FROM public_versions WHERE scope IN ('call:' || ?, 'site')`),
      // The highest version (the index's last entry) and how many deadlines have passed, which
      // changes the start page's groups at the second they pass.
      site: db.$client.prepare(
        `SELECT (SELECT coalesce(max(version), 0) FROM public_versions) AS version,
           (SELECT count(*) FROM calls WHERE question_deadline <= @now) + (SELECT count(*) FROM calls WHERE submission_deadline <= @now) AS passed`,
      ),
    };
    prepared.set(db.$client, s);
  }
  return s;
}

/** The version of a call's public pages, or null when no call has that slug. */
export function publicVersionOfCall(db: Db, slug: string): CallVersion | null {
  return (statements(db).call.get(slug) as CallVersion | undefined) ?? null;
}

/** The version of a call's public pages by the call's id (0 before any write raised it). */
export function publicVersionOfCallId(db: Db, callId: string): number {
  return (statements(db).callById.get(callId) as { version: number }).version;
}

/** The start page's version: the highest of all, and the number of deadlines passed by `now`. */
export function publicVersionOfSite(db: Db, now: Date): { version: number; passed: number } {
  return statements(db).site.get({ now: now.getTime() }) as { version: number; passed: number };
}
