// The message catalogue: German first, English second. Each area of the app keeps its
// messages in messages/<area>.ts as { de, en }, where `en` must have every key of `de`
// (the type checker enforces it). `t(key, params)` fills `{name}` placeholders.
import { common } from "./messages/common";
import { callMessages } from "./messages/call";
import { pdfMessages } from "./messages/pdf";
import { authMessages } from "./messages/auth";
import { receiptMessages } from "./messages/receipt";
import { mailMessages } from "./messages/mail";
import { carrierMessages } from "./messages/carrier";
import { authoringMessages } from "./messages/authoring";
import { openingMessages } from "./messages/opening";
import { officerMessages } from "./messages/officer";
import { evaluationMessages } from "./messages/evaluation";
import { awardMessages } from "./messages/award";
import { complaintMessages } from "./messages/complaints";
import { staffingMessages } from "./messages/staffing";
import { coverageMessages } from "./messages/coverage";
import { securityMessages } from "./messages/security";
import { letterMessages } from "./messages/letters";
import { declarationMessages } from "./messages/declarations";
import { extensionMessages } from "./messages/extension";
import { contractMessages } from "./messages/contracts";
import { staffReportMessages } from "./messages/staff-reports";
import { followUpMessages } from "./messages/follow-up";
import { adjustmentMessages } from "./messages/adjustments";

export const locales = ["de", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "de";

/** Every area of the catalogue; tests check each for matching keys and placeholders. */
export const messageAreas = {
  common,
  callMessages,
  pdfMessages,
  authMessages,
  receiptMessages,
  mailMessages,
  carrierMessages,
  authoringMessages,
  openingMessages,
  officerMessages,
  evaluationMessages,
  awardMessages,
  complaintMessages,
  staffingMessages,
  coverageMessages,
  securityMessages,
  letterMessages,
  declarationMessages,
  extensionMessages,
  contractMessages,
  staffReportMessages,
  followUpMessages,
  adjustmentMessages,
};

const catalogue = {
  de: {
    ...common.de,
    ...callMessages.de,
    ...pdfMessages.de,
    ...authMessages.de,
    ...receiptMessages.de,
    ...mailMessages.de,
    ...carrierMessages.de,
    ...authoringMessages.de,
    ...openingMessages.de,
    ...officerMessages.de,
    ...evaluationMessages.de,
    ...awardMessages.de,
    ...complaintMessages.de,
    ...staffingMessages.de,
    ...coverageMessages.de,
    ...securityMessages.de,
    ...letterMessages.de,
    ...declarationMessages.de,
    ...extensionMessages.de,
    ...contractMessages.de,
    ...staffReportMessages.de,
    ...followUpMessages.de,
    ...adjustmentMessages.de,
  },
  en: {
    ...common.en,
    ...callMessages.en,
    ...pdfMessages.en,
    ...authMessages.en,
    ...receiptMessages.en,
    ...mailMessages.en,
    ...carrierMessages.en,
    ...authoringMessages.en,
    ...openingMessages.en,
    ...officerMessages.en,
    ...evaluationMessages.en,
    ...awardMessages.en,
    ...complaintMessages.en,
    ...staffingMessages.en,
    ...coverageMessages.en,
    ...securityMessages.en,
    ...letterMessages.en,
    ...declarationMessages.en,
    ...extensionMessages.en,
    ...contractMessages.en,
    ...staffReportMessages.en,
    ...followUpMessages.en,
    ...adjustmentMessages.en,
  },
};

export type MessageKey = keyof typeof catalogue.de;
export type Params = Record<string, string | number>;

// The `{name}` placeholders of a German text, as a union of names (never without any).
type Holes<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Holes<Rest> : never;
/** The placeholder names a key's text expects: `PlaceholdersOf<"nav.signedInAs">` is "name". */
export type PlaceholdersOf<K extends MessageKey> = Holes<(typeof catalogue.de)[K]>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const messages: Record<string, string> = catalogue[locale];
  return (key, params) => {
    const template = messages[key] ?? catalogue.de[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}

export { defineMessages } from "./define";
