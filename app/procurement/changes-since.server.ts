// What the city published after a carrier began its application (answers, amendments):
// its draft may need to take them in, a submitted bid may be revised (decision 0018).
import { and, eq } from "drizzle-orm";
import { db as defaultDb, first, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { amendments, applications } from "../infra/schema";
import { changesSince, type PublishedChange } from "./extension";
import { listPublishedQuestions } from "./questions.server";

/**
 * The answers and amendments published after the organisation began its application, for
 * the carrier's own application only (anyone else's is NOT_FOUND).
 */
export async function changesSinceApplicationStarted(opts: {
  organisationId: string;
  applicationId: string;
  db?: Db;
}): Promise<{ startedAt: Date; changes: PublishedChange[] }> {
  const database = opts.db ?? defaultDb();
  const app = await first(
    database
      .select({ callId: applications.callId, createdAt: applications.createdAt })
      .from(applications)
      .where(and(eq(applications.id, opts.applicationId), eq(applications.organisationId, opts.organisationId))),
  );
  if (!app) throw new DomainError("NOT_FOUND", "notFound.application");
  const published: PublishedChange[] = [
    ...(
      await database
        .select({ number: amendments.number, title: amendments.title, publishedAt: amendments.publishedAt })
        .from(amendments)
        .where(eq(amendments.callId, app.callId))
    ).map((a) => ({ kind: "amendment" as const, ...a })),
    ...(await listPublishedQuestions(app.callId, database as Db)).map((q) => ({ kind: "answer" as const, id: q.id, question: q.question, publishedAt: q.publishedAt })),
  ];
  return { startedAt: app.createdAt, changes: changesSince(app.createdAt, published) };
}
