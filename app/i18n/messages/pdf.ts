import { defineMessages } from "../define";

// What every PDF prints around its document (metadata, footers; app/documents/pdf.server.ts)
// and what the call's PDF says beyond its page (app/procurement/call-document.ts). The
// call's own texts are printed as the authority wrote them; only these labels follow the
// locale.
export const pdfMessages = defineMessages(
  {
    "pdf.meta.subject": "Aufruf zur Interessenbekundung",
    "pdf.meta.creator": "Portal für Interessenbekundungen",

    "pdf.demo.title": "Demonstration – kein echtes Verfahren",
    "pdf.demo.body":
      "Dieser Aufruf dient nur der Erprobung des Portals. Er ist nicht rechtsverbindlich; Interessenbekundungen zu diesem Aufruf führen zu keiner Vergabe.",
    "pdf.cancelled.title": "Aufruf aufgehoben",
    "pdf.cancelled.body": "Dieser Aufruf ist aufgehoben. Interessenbekundungen können nicht mehr eingereicht werden.",

    "pdf.date.notPublished": "noch nicht veröffentlicht",

    "pdf.criteria.heading": "{name} ({weight} %)",

    "pdf.section.questions": "Fragen zum Aufruf",

    "pdf.contact.web": "Internet",

    "pdf.footer.page": "Seite {page} von {pages}",
    "pdf.footer.generated": "Erstellt am {date}",
  },
  {
    "pdf.meta.subject": "Call for expressions of interest",
    "pdf.meta.creator": "Expression-of-interest portal",

    "pdf.demo.title": "Demonstration – not a real procedure",
    "pdf.demo.body":
      "This call only serves to try out the portal. It is not legally binding; expressions of interest in this call lead to no award.",
    "pdf.cancelled.title": "Call cancelled",
    "pdf.cancelled.body": "This call has been cancelled. Expressions of interest can no longer be submitted.",

    "pdf.date.notPublished": "not yet published",

    "pdf.criteria.heading": "{name} ({weight} %)",

    "pdf.section.questions": "Questions about the call",

    "pdf.contact.web": "Web",

    "pdf.footer.page": "Page {page} of {pages}",
    "pdf.footer.generated": "Generated on {date}",
  },
);
