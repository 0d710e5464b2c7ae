// Reading contract amendments (decision 0026), for everything that counts a contract's FTE:
// the Stellenplan, the contract pages, the CSV, the open data and the plan over time. Split
// from adjustments.server.ts so that the staffing plan can read them without a cycle.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type Reader } from "../infra/db.server";
import { contractAmendments, contracts, storedFiles } from "../infra/schema";

export type AcceptedAmendment = { contractId: string; from: string; fteHundredths: number };

/** The accepted amendments of a call's contracts, by contract and from-day: the plan over time reads them (CoverageContract.amendments). */
export async function acceptedAmendmentsOfCall(callId: string, database: Reader = defaultDb()): Promise<AcceptedAmendment[]> {
  return database
    .select({ contractId: contractAmendments.contractId, from: contractAmendments.fromDay, fteHundredths: contractAmendments.fteAfterHundredths })
    .from(contractAmendments)
    .innerJoin(contracts, eq(contracts.id, contractAmendments.contractId))
    .where(and(eq(contracts.callId, callId), eq(contractAmendments.status, "accepted")))
    .orderBy(asc(contractAmendments.contractId), asc(contractAmendments.fromDay), asc(contractAmendments.decidedAt));
}

/**
 * The FTE agreed per contract: the concluded FTE changed by its accepted amendments (the one
 * with the latest from-day), whether already in effect or from a later day. Contracts without
 * an accepted amendment are not in the map.
 */
export async function agreedFteByContract(callId: string, database: Reader = defaultDb()): Promise<AgreedFte> {
  return latestAccepted(await acceptedAmendmentsOfCall(callId, database));
}

export type AgreedFte = Map<string, { fteHundredths: number; from: string }>;

/** Per contract, the accepted amendment with the latest from-day (the later accepted one on the same day). */
export function latestAccepted(accepted: AcceptedAmendment[]): AgreedFte {
  const out: AgreedFte = new Map();
  for (const a of accepted) {
    const known = out.get(a.contractId);
    if (!known || a.from >= known.from) out.set(a.contractId, { fteHundredths: a.fteHundredths, from: a.from });
  }
  return out;
}

/** The FTE agreed per contract (as agreedFteByContract) from amendment records already read. */
export function agreedFteOf(records: AmendmentRecord[]): AgreedFte {
  const accepted = records
    .filter((a) => a.status === "accepted")
    .sort((a, b) => a.fromDay.localeCompare(b.fromDay) || (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0));
  return latestAccepted(accepted.map((a) => ({ contractId: a.contractId, from: a.fromDay, fteHundredths: a.fteAfterHundredths })));
}

export type AmendmentRecord = {
  id: string;
  adjustmentId: string;
  contractId: string;
  fromDay: string;
  fteBeforeHundredths: number;
  fteAfterHundredths: number;
  valuePerYearAfterCents: number;
  letterFileId: string | null;
  status: "pending" | "accepted" | "declined";
  createdAt: Date;
  decidedAt: Date | null;
  decidedByName: string | null;
};

const RECORD = {
  id: contractAmendments.id,
  adjustmentId: contractAmendments.adjustmentId,
  contractId: contractAmendments.contractId,
  fromDay: contractAmendments.fromDay,
  fteBeforeHundredths: contractAmendments.fteBeforeHundredths,
  fteAfterHundredths: contractAmendments.fteAfterHundredths,
  valuePerYearAfterCents: contractAmendments.valuePerYearAfterCents,
  letterFileId: storedFiles.id,
  status: contractAmendments.status,
  createdAt: contractAmendments.createdAt,
  decidedAt: contractAmendments.decidedAt,
  decidedByName: contractAmendments.decidedByName,
};

/** Every amendment of the given contracts, oldest first, then by contract number (the contract's history). */
export async function amendmentsOfContracts(contractIds: string[], database: Reader = defaultDb()): Promise<AmendmentRecord[]> {
  if (contractIds.length === 0) return [];
  return database
    .select(RECORD)
    .from(contractAmendments)
    .innerJoin(contracts, eq(contracts.id, contractAmendments.contractId))
    .leftJoin(storedFiles, eq(storedFiles.id, contractAmendments.letterFileId))
    .where(inArray(contractAmendments.contractId, contractIds))
    .orderBy(asc(contractAmendments.createdAt), asc(contractAmendments.fromDay), asc(contracts.number));
}
