// The whole message catalogue, both languages, as the server and the tests use it. The
// browser gets only the messages its page used, and the rest of the page's language when it
// needs more (catalogue.client.ts, put in place of this module by the Vite plugin in
// vite-catalogue.ts; decision 0029).
import type { Locale } from "./index";
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
import { retentionMessages } from "./messages/retention";
import { caseFileMessages } from "./messages/case-file";
import { accountMessages } from "./messages/accounts";

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
  retentionMessages,
  caseFileMessages,
  accountMessages,
};

export const catalogue = {
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
    ...retentionMessages.de,
    ...caseFileMessages.de,
    ...accountMessages.de,
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
    ...retentionMessages.en,
    ...caseFileMessages.en,
    ...accountMessages.en,
  },
};

/** The whole catalogue lacks nothing: a key not found here is not in the catalogue at all. */
export function missingMessage(_locale: Locale): void {}

/** Nothing to load: the server has every language. */
export async function loadLanguage(_locale: Locale): Promise<void> {}
