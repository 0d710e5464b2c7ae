// How long a written reason must be (a change of the proposal, a complaint and its
// resolution, a cancellation). Shared by the domain and the forms' hints.
import { z } from "zod";

export const MIN_REASON_CHARS = 10;
export const MAX_REASON_CHARS = 4000;

/** A form's reason field: trimmed, `missing` when too short, one message when too long. */
export const reasonField = (missing: string) =>
  z.string().trim().min(MIN_REASON_CHARS, missing).max(MAX_REASON_CHARS, "award.form.reasonTooLong");
