// The life of a call (docs/architecture.md, The life of a call) as the officer sees it: the state a call is in by the
// server clock, and the steps that are possible next, each with why.
import { callStatuses, type CallStatus } from "../infra/call-statuses";
import type { CallView } from "./call-view";

/** The path of a call, in order; a cancellation leaves it. */
export const LIFECYCLE: CallStatus[] = callStatuses.filter((s) => s !== "cancelled");

/** Stored status plus what the clock has done since: deadlines close phases by themselves. */
export function effectiveStatus(call: Pick<CallView, "status" | "dates">, now: Date): CallStatus {
  if (call.status === "published" || call.status === "questions_closed") {
    if (now.getTime() >= call.dates.submissionDeadline.getTime()) return "submission_closed";
    if (now.getTime() >= call.dates.questionDeadline.getTime()) return "questions_closed";
    return "published";
  }
  return call.status;
}

/**
 * A draft is published only while its question deadline (and so every later date) is still
 * ahead; from that second on its dates must be moved first. Dates as definitions store them.
 */
export function questionDeadlinePassed(dates: { questionDeadline: string }, now: Date): boolean {
  return !(now.getTime() < Date.parse(dates.questionDeadline));
}

export type NextStep = { key: string; href: string; why: string };

export type StepContext = { openQuestions: number; openingStartedBy: string | null; openingComplete: boolean };

/** What an officer can do next; `why` and `key` are catalogue keys. */
export function nextSteps(call: Pick<CallView, "slug" | "status" | "dates">, now: Date, ctx: StepContext): NextStep[] {
  const base = `/verwaltung/aufrufe/${call.slug}`;
  const status = effectiveStatus(call, now);
  const steps: NextStep[] = [];
  switch (status) {
    case "draft":
      steps.push({ key: "officer.step.edit", href: `${base}/bearbeiten`, why: "officer.why.edit" });
      steps.push({ key: "officer.step.preview", href: `${base}/vorschau`, why: "officer.why.preview" });
      break;
    case "published":
    case "questions_closed":
      if (ctx.openQuestions > 0) steps.push({ key: "officer.step.answer", href: "/verwaltung/fragen", why: "officer.why.answer" });
      steps.push({ key: "officer.step.amend", href: `${base}/aenderungen`, why: "officer.why.amend" });
      steps.push({ key: "officer.step.waitDeadline", href: `${base}/oeffnung`, why: "officer.why.waitDeadline" });
      break;
    case "submission_closed":
      steps.push({
        key: ctx.openingStartedBy ? "officer.step.confirmOpening" : "officer.step.startOpening",
        href: `${base}/oeffnung`,
        why: "officer.why.opening",
      });
      break;
    case "opened":
    case "formal_check":
    case "evaluation":
      steps.push({ key: "officer.step.formalCheck", href: `${base}/pruefung`, why: "officer.why.formalCheck" });
      // Zuschlagsvorschlag once every bid is scored (the award page says what is missing).
      steps.push({ key: "award.hub.step.proposal", href: `${base}/zuschlag`, why: "award.hub.why.proposal" });
      break;
    case "award_proposed":
      steps.push({ key: "award.hub.step.continue", href: `${base}/zuschlag`, why: "award.hub.why.continue" });
      steps.push({ key: "award.hub.step.cancel", href: `${base}/aufhebung`, why: "award.hub.why.cancel" });
      break;
    case "awarded":
      steps.push({ key: "award.hub.step.letters", href: `${base}/zuschlag`, why: "award.hub.why.letters" });
      break;
    default:
      break;
  }
  return steps;
}
