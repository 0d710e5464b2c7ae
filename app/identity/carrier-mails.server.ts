// Mails of the carriers' account life, sent after the change is committed. A failed mail
// does not undo the change; it is logged and the member can ask for the link again. The
// confirmation and the reset go to the person who asked for them, in the language they use
// (German, with the English translation if they chose English; decision 0020); an invitation
// goes to someone who has chosen nothing yet, in German.
import { getLocale } from "../i18n/locale.server";
import { mailErrorForLog, sendMail } from "../infra/mail.server";
import { publicBaseUrl } from "../infra/http.server";
import { confirmEmailLetter, invitationLetter, passwordResetLetter } from "../mail/letters";

/** Sends, and logs instead of throwing when the mail cannot be sent (the change stays). */
export async function deliver(kind: string, send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    console.warn(`[mail] ${kind} could not be sent: ${mailErrorForLog(error)}`);
    return false;
  }
}

export function sendConfirmationMail(
  request: Request,
  m: { email: string; name: string; organisationName: string; token: string; validUntil: Date },
) {
  const confirmUrl = `${publicBaseUrl(request)}/bestaetigen/${m.token}`;
  return deliver("confirmation", async () =>
    sendMail({ to: m.email, ...confirmEmailLetter({ name: m.name, organisationName: m.organisationName, confirmUrl, validUntil: m.validUntil, reader: await getLocale(request) }) }),
  );
}

export function sendInvitationMail(
  request: Request,
  m: { email: string; inviterName: string; organisationName: string; token: string; validUntil: Date },
) {
  const acceptUrl = `${publicBaseUrl(request)}/einladung/${m.token}`;
  return deliver("invitation", () =>
    sendMail({ to: m.email, ...invitationLetter({ inviterName: m.inviterName, organisationName: m.organisationName, acceptUrl, validUntil: m.validUntil }) }),
  );
}

export function sendPasswordResetMail(request: Request, m: { email: string; name: string; token: string; validUntil: Date }) {
  const resetUrl = `${publicBaseUrl(request)}/passwort-neu/${m.token}`;
  return deliver("password reset", async () =>
    sendMail({ to: m.email, ...passwordResetLetter({ name: m.name, resetUrl, validUntil: m.validUntil, reader: await getLocale(request) }) }),
  );
}
