// A notice to every organisation that applied for a call (an answer, an amendment). Those
// whose application is already submitted get the version that tells them they may revise it
// before the deadline. The recipients name the bidders: sealed in the outbox until the opening.
import { translator, type MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { sendToEach } from "../infra/mail.server";
import { amendmentLetter, type Letter } from "./letters";

export async function sendBidderNotice(opts: {
  recipients: string[];
  submittedRecipients: string[];
  callId: string;
  /** The submission deadline as it stands after the notice; none once it has passed. */
  mayReviseUntil: Date | undefined;
  letter: (mayReviseUntil?: Date) => Letter;
  kind: string;
}): Promise<void> {
  const submitted = opts.mayReviseUntil ? new Set(opts.submittedRecipients) : new Set<string>();
  const others = opts.recipients.filter((email) => !submitted.has(email));
  await sendToEach(others, { ...opts.letter(), sealedUntilOpeningOf: opts.callId }, opts.kind);
  if (submitted.size) await sendToEach([...submitted], { ...opts.letter(opts.mayReviseUntil), sealedUntilOpeningOf: opts.callId }, opts.kind);
}

const dateLabels: Record<string, MessageKey> = {
  questionDeadline: "call.dates.questionDeadline",
  submissionDeadline: "call.dates.submissionDeadline",
  opening: "call.dates.opening",
};

/** The amendment letter (German, the binding text) with the dates it moved. */
export function amendmentNotice(
  a: { callTitle: string; number: number; title: string; body: string; reason: string; changes: Record<string, unknown>; callUrl: string },
  mayReviseUntil?: Date,
): Letter {
  const de = translator("de");
  return amendmentLetter({
    callTitle: a.callTitle,
    number: a.number,
    title: a.title,
    body: a.body,
    reason: a.reason,
    changedDates: Object.entries(a.changes).map(([field, change]) => [
      `${de(dateLabels[field])} (neu)`,
      formatDateTime(new Date((change as { to: string }).to), "de"),
    ]),
    callUrl: a.callUrl,
    mayReviseUntil,
  });
}
