// Opening records (Öffnungsprotokolle) for the tests of the record, its page and its PDF:
// officer u1 starts the opening, officer u2 confirms it (four eyes).
import { buildOpeningRecord, type OpeningRecordInput } from "../../app/evaluation/opening-record";

/** The record of `submissions` with `fileHashes`, started at `startedAt` and confirmed at `confirmedAt`. */
export function openingRecordOf(
  input: Pick<OpeningRecordInput, "call" | "submissions" | "fileHashes"> & { startedAt: Date; confirmedAt: Date; officers?: [string, string] },
) {
  const [starter, confirmer] = input.officers ?? ["Anna", "Bernd"];
  return buildOpeningRecord({
    call: input.call,
    startedBy: { userId: "u1", name: starter },
    startedAt: input.startedAt,
    confirmedBy: { userId: "u2", name: confirmer },
    confirmedAt: input.confirmedAt,
    submissions: input.submissions,
    fileHashes: input.fileHashes,
  });
}
