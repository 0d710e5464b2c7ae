// The evaluator's scoring form as plain data: per quality criterion a radio group of points
// (`punkte-<criterion>`) and a justification (`begruendung-<criterion>`), read back into
// score entries. Pure: no database, no HTTP. saveScores then checks the scale and, when the
// evaluator finalises, that every criterion has points and a justification.
import { z } from "zod";
import type { MessageKey } from "../i18n";
import type { ScoreEntry } from "./assessment.server";

export const pointsField = (criterionId: string) => `punkte-${criterionId}`;
export const justificationField = (criterionId: string) => `begruendung-${criterionId}`;

/**
 * The form's entries and the problems found in its fields (catalogue keys by field name).
 * Every quality criterion on the form has a justification field; its radio group is absent
 * while no point is chosen. A draft keeps a justification only together with points, so a
 * justification without points is a problem rather than silently dropped.
 */
export function readScoreForm(
  values: Record<string, string>,
  opts: { finalise: boolean; maxJustificationChars: number },
): { entries: ScoreEntry[]; errors: Record<string, MessageKey> } {
  const Entry = z.object({
    points: z.union([z.literal(""), z.string().regex(/^\d+$/, "eval.error.pointsOutOfScale")]).default(""),
    justification: z.string().max(opts.maxJustificationChars, "eval.error.justificationTooLong").default(""),
  });
  const criterionIds = Object.keys(values)
    .filter((k) => k.startsWith("begruendung-"))
    .map((k) => k.slice("begruendung-".length));
  const errors: Record<string, MessageKey> = {};
  const entries = criterionIds.map((criterionId) => {
    const parsed = Entry.safeParse({ points: values[pointsField(criterionId)], justification: values[justificationField(criterionId)] });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "points" ? pointsField(criterionId) : justificationField(criterionId);
        errors[field] ??= issue.message as MessageKey;
      }
      return { criterionId, points: null, justification: "" };
    }
    const { points, justification } = parsed.data;
    if (!opts.finalise && points === "" && justification.trim()) errors[pointsField(criterionId)] = "eval.score.pointsForDraft";
    return { criterionId, points: points === "" ? null : Number(points), justification };
  });
  return { entries, errors };
}
