// Fristverlängerung (§ 20 Abs. 3 VgV): when information reaches the bidders late, or the
// call changes materially, the submission deadline is extended for everyone, or the
// officer records why not. The rules here are pure; extension.server.ts applies them.
// See decision 0018 (docs/decisions/0018-fair-deadline-extensions.md).
import { addCalendarDays, parseBerlinLocal, toBerlinLocalInput } from "../i18n/berlin-time";

/** § 20 Abs. 3 Satz 1 Nr. 1 VgV: an answer must reach the bidders this many days before the deadline. */
export const DAYS_BEFORE_DEADLINE = 6;

/** What calls for a decision on the deadline: a late answer or a material amendment. */
export type ExtensionTrigger = "answer" | "amendment";

/** The officer's decision: extend for everyone to a new deadline, or record why not. */
export type ExtensionDecision = { extend: true; submissionDeadline: Date } | { extend: false; reason: string };

/**
 * The same Berlin wall-clock time `days` calendar days later (or earlier): a deadline at
 * 12:00 stays at 12:00 across a change of the clocks.
 */
export function addBerlinDays(instant: Date, days: number): Date {
  const local = toBerlinLocalInput(instant, true);
  const moved = parseBerlinLocal(`${addCalendarDays(local.slice(0, 10), days)}${local.slice(10)}`);
  // 02:30 on the day the clocks go forward does not exist: an hour later is the same time of day.
  return moved ?? new Date(parseBerlinLocal(`${addCalendarDays(local.slice(0, 10), days)}T03${local.slice(13)}`)!.getTime());
}

/**
 * An answer to a question asked in time (before the question deadline) that is published
 * while the submission window is open but fewer than six days before its deadline.
 * Exactly six days before is still in time.
 */
export function extensionRequiredForAnswer(q: { askedAt: Date; questionDeadline: Date; submissionDeadline: Date; publishedAt: Date }): boolean {
  if (q.askedAt.getTime() >= q.questionDeadline.getTime()) return false;
  if (q.publishedAt.getTime() >= q.submissionDeadline.getTime()) return false;
  return q.publishedAt.getTime() > addBerlinDays(q.submissionDeadline, -DAYS_BEFORE_DEADLINE).getTime();
}

/** A material amendment (§ 20 Abs. 3 Satz 1 Nr. 2 VgV) published while the deadline lies ahead. */
export function extensionRequiredForAmendment(a: { material: boolean; submissionDeadline: Date; publishedAt: Date }): boolean {
  return a.material && a.publishedAt.getTime() < a.submissionDeadline.getTime();
}

/**
 * The proportionate new deadline the portal proposes, at the old deadline's time of day:
 * after a late answer, the first such day that leaves six days from publication (the
 * period the answer should have had); after a material amendment, six days more than
 * before and at least six days from publication (the time to rework a bid on the changed
 * text). The officer may choose another date.
 */
export function proposedDeadline(p: { trigger: ExtensionTrigger; submissionDeadline: Date; publishedAt: Date }): Date {
  const earliest = addBerlinDays(p.publishedAt, DAYS_BEFORE_DEADLINE).getTime();
  let days = p.trigger === "amendment" ? DAYS_BEFORE_DEADLINE : 1;
  while (addBerlinDays(p.submissionDeadline, days).getTime() < earliest) days++;
  return addBerlinDays(p.submissionDeadline, days);
}

/**
 * The opening follows the deadline: it keeps its distance to the deadline, so the time the
 * officers planned between the two stays the same.
 */
export function followingOpening(p: { opening: Date; submissionDeadline: Date; newDeadline: Date }): Date {
  return new Date(p.opening.getTime() + (p.newDeadline.getTime() - p.submissionDeadline.getTime()));
}

export type PublishedChange =
  | { kind: "amendment"; number: number; title: string; publishedAt: Date }
  | { kind: "answer"; id: string; question: string; publishedAt: Date };

/** What was published after an application began, oldest first: what its bid may need to take in. */
export function changesSince(startedAt: Date, changes: PublishedChange[]): PublishedChange[] {
  return changes
    .filter((c) => c.publishedAt.getTime() > startedAt.getTime())
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}
