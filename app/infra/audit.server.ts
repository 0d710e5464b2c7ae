// Tamper-evident audit trail (docs/architecture.md, Audit trail): each entry hashes the previous one's hash
// together with its own fields, length-prefixed, under a version tag.
import { createHash } from "node:crypto";
import { desc } from "drizzle-orm";
import { now as serverNow } from "./clock.server";
import { first, writeTx, type Db, type Tx } from "./db.server";
import { auditEntries } from "./schema";

export const AUDIT_GENESIS = "0".repeat(64);
const VERSION = "audit-v1";

export type AuditInput = {
  at: Date;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  details?: Record<string, unknown>;
};

function lengthPrefixed(fields: string[]): string {
  return fields.map((f) => `${Buffer.byteLength(f, "utf8")}:${f}`).join("");
}

/** Canonical JSON: object keys sorted, so the same details always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function auditHash(prevHash: string, e: Omit<AuditInput, "details"> & { details: string }): string {
  return createHash("sha256")
    .update(
      lengthPrefixed([
        VERSION,
        prevHash,
        String(e.at.getTime()),
        e.actorUserId ?? "",
        e.action,
        e.objectType,
        e.objectId,
        e.details,
      ]),
    )
    .digest("hex");
}

export async function auditHead(tx: Pick<Tx, "select">): Promise<string> {
  const last = await first(tx.select({ hash: auditEntries.hash }).from(auditEntries).orderBy(desc(auditEntries.seq)).limit(1));
  return last?.hash ?? AUDIT_GENESIS;
}

/** Appends an entry inside the caller's transaction and returns its hash (the new head). */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<string> {
  const prevHash = await auditHead(tx);
  const details = canonicalJson(input.details ?? {});
  const hash = auditHash(prevHash, { ...input, details });
  await tx
    .insert(auditEntries)
    .values({
      at: input.at,
      actorUserId: input.actorUserId,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      details,
      prevHash,
      hash,
    });
  return hash;
}

/** The actions of recordAccess: reads, which change nothing a document shows (decision 0031). */
export const ACCESS_ACTIONS = ["submission.content-read", "submission.content-read-refused", "file.read", "file.read-refused"] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Exports of records (the case file, decision 0037): reads too, left out of the documents' state keys. */
export const EXPORT_ACTIONS = ["call.case-file-exported"] as const;

/**
 * Records a read or a refused read of a bid, its sealed content or a carrier's file, in a
 * transaction of its own (read paths have none). Only who, what and the role: no content.
 */
export async function recordAccess(
  database: Db,
  opts: { actor: { userId: string; role: string } | null; action: AccessAction; objectType: string; objectId: string; details?: Record<string, unknown> },
) {
  await writeTx(async (tx) => {
    await appendAudit(tx, {
      at: serverNow(),
      actorUserId: opts.actor?.userId ?? null,
      action: opts.action,
      objectType: opts.objectType,
      objectId: opts.objectId,
      details: { role: opts.actor?.role ?? "anonymous", ...opts.details },
    });
  }, database);
}
