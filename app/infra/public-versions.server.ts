// The version of what the public pages show (decision 0030), read once per anonymous request
// by the page cache. Triggers raise it in the transaction of every write to a table those
// pages read (drizzle/0022_public_versions_triggers.sql), so several instances on one
// database agree without telling each other.
import { eq, sql } from "drizzle-orm";
import type { Db } from "./db.server";
import { calls, publicVersions } from "./schema";

export type CallVersion = {
  callId: string;
  /** The highest of the call's and the site's version: raised by every write the call's pages show. */
  version: number;
  questionDeadline: number;
  submissionDeadline: number;
};

/**
 * The three queries, prepared once per connection: every anonymous request runs one. A
 * prepared query belongs to the connection it was prepared on, and the database handle reads
 * on its reader, or inside a transaction on the writer, so they are kept per connection.
 */
function prepare(db: Db) {
  const slug = sql.placeholder("slug");
  const scope = sql.placeholder("scope");
  const now = sql.placeholder("now");
  const highest = sql<number>`coalesce(max(${publicVersions.version}), 0)`;
  return {
    // One row by the unique slug, and two primary-key lookups. Deadlines as stored (milliseconds).
    call: db
      .select({
        callId: calls.id,
        questionDeadline: sql<number>`${calls.questionDeadline}`,
        submissionDeadline: sql<number>`${calls.submissionDeadline}`,
        version: sql<number>`(SELECT coalesce(max(${publicVersions.version}), 0) FROM ${publicVersions} WHERE ${publicVersions.scope} IN ('call:' || ${calls.id}, 'site'))`,
      })
      .from(calls)
      .where(eq(calls.slug, slug))
      .prepare(),
    callById: db
      .select({ version: highest })
      .from(publicVersions)
      .where(sql`${publicVersions.scope} IN (${scope}, 'site')`)
      .prepare(),
    // The highest version (the index's last entry) and how many deadlines have passed, which
    // changes the start page's groups at the second they pass.
    site: db
      .select({
        version: highest,
        passed: sql<number>`(SELECT count(*) FROM ${calls} WHERE ${calls.questionDeadline} <= ${now}) + (SELECT count(*) FROM ${calls} WHERE ${calls.submissionDeadline} <= ${now})`,
      })
      .from(publicVersions)
      .prepare(),
  };
}

type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<object, Statements>();

function statements(db: Db): Statements {
  // `$client` and `select` are read from the handle together: both name the connection the
  // handle reads on at this moment.
  const connection = db.$client;
  let s = prepared.get(connection);
  if (!s) {
    s = prepare(db);
    prepared.set(connection, s);
  }
  return s;
}

/** The version of a call's public pages, or null when no call has that slug. */
export async function publicVersionOfCall(db: Db, slug: string): Promise<CallVersion | null> {
  const [row] = await statements(db).call.execute({ slug });
  if (!row) return null;
  // Numbers whatever the driver returns for an integer or a count.
  return { callId: row.callId, version: Number(row.version), questionDeadline: Number(row.questionDeadline), submissionDeadline: Number(row.submissionDeadline) };
}

/** The version of a call's public pages by the call's id (0 before any write raised it). */
export async function publicVersionOfCallId(db: Db, callId: string): Promise<number> {
  const [row] = await statements(db).callById.execute({ scope: `call:${callId}` });
  return Number(row?.version ?? 0);
}

/** The start page's version: the highest of all, and the number of deadlines passed by `now`. */
export async function publicVersionOfSite(db: Db, now: Date): Promise<{ version: number; passed: number }> {
  const [row] = await statements(db).site.execute({ now: now.getTime() });
  return { version: Number(row?.version ?? 0), passed: Number(row?.passed ?? 0) };
}
