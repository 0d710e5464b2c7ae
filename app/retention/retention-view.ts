// What the officer's pages show of a call's retention (decision 0036), as the loader returns it.
import type { RetentionDeletionKind } from "../infra/schema";

export type RetentionView = {
  retention: { date: string | Date; source: "computed" | "override" } | null;
  minimum: string | Date | null;
  doneAt: string | Date | null;
  /** The date has come and the next run deletes. */
  due: boolean;
  /** Null before the opening: nothing of a bid, not even how many, reaches the city before it. */
  bids: number | null;
  files: number | null;
  bytes: number | null;
  questions: number;
  staffReports: number;
  textformNames: number;
  deleted: Partial<Record<RetentionDeletionKind, { count: number; bytes: number }>>;
};
