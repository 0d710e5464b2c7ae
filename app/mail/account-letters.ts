// Letters of staff account administration (decision 0035) and the notices that keep an
// account's owner informed: the staff invitation, the password change, a registration tried
// with an address that already has an account (G15: the page says the same either way, the
// mail tells the owner).
import { formatDateTime } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { frameLetter, type Letter, type LetterContext } from "./letters";

export function staffInvitationLetter(params: { name: string; role: string; acceptUrl: string; validUntil: Date } & LetterContext): Letter {
  return frameLetter({
    context: params,
    link: params.acceptUrl,
    write: (t, locale) => ({
      subject: t("letters.staffInvitation.subject"),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.staffInvitation.intro", { role: t(`role.${params.role}` as MessageKey) }) },
        { kind: "link", url: params.acceptUrl },
        { kind: "p", text: t("letters.staffInvitation.valid", { date: formatDateTime(params.validUntil, locale) }) },
        { kind: "p", text: t("letters.staffInvitation.factor") },
      ],
    }),
  });
}

export function passwordChangedLetter(params: { name: string; changedAt: Date; resetUrl: string } & LetterContext): Letter {
  return frameLetter({
    context: params,
    link: params.resetUrl,
    write: (t, locale) => ({
      subject: t("letters.passwordChanged.subject"),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.passwordChanged.intro", { date: formatDateTime(params.changedAt, locale) }) },
        { kind: "p", text: t("letters.passwordChanged.notYou") },
        { kind: "link", url: params.resetUrl },
      ],
    }),
  });
}

export function registrationAttemptLetter(params: { name: string; resetUrl: string } & LetterContext): Letter {
  return frameLetter({
    context: params,
    link: params.resetUrl,
    write: (t) => ({
      subject: t("letters.registrationAttempt.subject"),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.registrationAttempt.intro") },
        { kind: "p", text: t("letters.registrationAttempt.forgot") },
        { kind: "link", url: params.resetUrl },
        { kind: "p", text: t("letters.registrationAttempt.notYou") },
      ],
    }),
  });
}
