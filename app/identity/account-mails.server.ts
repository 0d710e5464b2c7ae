// Mails of account administration, sent after the change is committed. A failed mail does not
// undo the change; it is logged, and the administrator can invite again (a new account) or
// the person asks for a reset link.
import type { Locale } from "../i18n";
import { publicBaseUrl } from "../infra/http.server";
import { sendMail } from "../infra/mail.server";
import { deliver } from "./carrier-mails.server";
import { passwordChangedLetter, registrationAttemptLetter, staffInvitationLetter } from "../mail/account-letters";
import type { StaffInvitation } from "./staff-accounts.server";

/** The invitation goes to someone who has chosen no language yet: German. */
export function sendStaffInvitationMail(baseUrl: string, invitation: StaffInvitation) {
  const acceptUrl = `${baseUrl}/konto/einrichten/${invitation.token}`;
  return deliver("staff invitation", () =>
    sendMail({ to: invitation.email, ...staffInvitationLetter({ name: invitation.name, role: invitation.role, acceptUrl, validUntil: invitation.expiresAt }) }),
  );
}

export function sendPasswordChangedMail(request: Request, m: { email: string; name: string; locale: Locale | null; changedAt: Date }) {
  const resetUrl = `${publicBaseUrl(request)}/passwort-vergessen`;
  return deliver("password changed", () =>
    sendMail({ to: m.email, ...passwordChangedLetter({ name: m.name, changedAt: m.changedAt, resetUrl, reader: m.locale ?? "de" }) }),
  );
}

export function sendRegistrationAttemptMail(request: Request, m: { email: string; name: string; locale: Locale | null }) {
  const resetUrl = `${publicBaseUrl(request)}/passwort-vergessen`;
  return deliver("registration attempt", () =>
    sendMail({ to: m.email, ...registrationAttemptLetter({ name: m.name, resetUrl, reader: m.locale ?? "de" }) }),
  );
}
