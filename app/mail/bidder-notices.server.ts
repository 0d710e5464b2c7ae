// A notice to every organisation that applied for a call (an answer, an amendment). Those
// whose application is already submitted get the version that tells them they may revise it
// before the deadline. Each reader gets German, with the marked English translation where
// chosen (decision 0020). The recipients name the bidders: sealed in the outbox until the opening.
import type { Locale, MessageKey } from "../i18n";
import { sendToEachReader, type MailRecipient } from "../infra/mail.server";
import { amendmentLetter, type Letter } from "./letters";

export async function sendBidderNotice(opts: {
  recipients: MailRecipient[];
  submittedRecipients: MailRecipient[];
  callId: string;
  /** The submission deadline as it stands after the notice; none once it has passed. */
  mayReviseUntil: Date | undefined;
  letter: (reader: Locale, mayReviseUntil?: Date) => Letter;
  kind: string;
}): Promise<void> {
  const submitted = new Set(opts.mayReviseUntil ? opts.submittedRecipients.map((r) => r.email) : []);
  const others = opts.recipients.filter((r) => !submitted.has(r.email));
  await sendToEachReader(others, (reader) => ({ ...opts.letter(reader), sealedUntilOpeningOf: opts.callId }), opts.kind);
  const revising = opts.recipients.filter((r) => submitted.has(r.email));
  if (revising.length) {
    await sendToEachReader(revising, (reader) => ({ ...opts.letter(reader, opts.mayReviseUntil), sealedUntilOpeningOf: opts.callId }), opts.kind);
  }
}

const dateLabels: Record<string, MessageKey> = {
  questionDeadline: "call.dates.questionDeadline",
  submissionDeadline: "call.dates.submissionDeadline",
  opening: "call.dates.opening",
};

/** The amendment letter (German, the binding text, and the reader's translation) with the dates it moved. */
export function amendmentNotice(
  a: { callTitle: string; number: number; title: string; body: string; reason: string; changes: Record<string, unknown>; callUrl: string },
  reader: Locale,
  mayReviseUntil?: Date,
): Letter {
  return amendmentLetter({
    callTitle: a.callTitle,
    number: a.number,
    title: a.title,
    body: a.body,
    reason: a.reason,
    changedDates: Object.entries(a.changes).map(([field, change]) => ({ label: dateLabels[field], at: new Date((change as { to: string }).to) })),
    callUrl: a.callUrl,
    mayReviseUntil,
    reader,
  });
}
