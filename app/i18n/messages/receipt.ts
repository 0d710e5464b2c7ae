import { defineMessages } from "../define";

// The receipt (Eingangsbestätigung) for a submitted version: its document
// (app/submission/receipt-document.ts), shown as a page and printed as a PDF.
export const receiptMessages = defineMessages(
  {
    "receipt.meta.subject": "Eingangsbestätigung einer Interessenbekundung",
    "receipt.letterhead": "Portal für Interessenbekundungen",
    "receipt.letterhead.sub": "Elektronische Einreichung",
    "receipt.title": "Eingangsbestätigung",
    "receipt.runningHeader": "Eingangsbestätigung {number} · {organisation}",
    "receipt.lead": "Ihre Interessenbekundung zum Aufruf „{call}“ ist im Portal eingegangen.",

    "receipt.withdrawn.title": "Zurückgezogen am {date}",
    "receipt.withdrawn.body": "Diese Fassung ist zurückgezogen und gilt nicht mehr als eingereicht.",

    "receipt.section.receipt": "Angaben zum Eingang",
    "receipt.number": "Eingangsnummer",
    "receipt.call": "Aufruf",
    "receipt.version": "Fassung",
    "receipt.versionValue": "Fassung {version}",
    "receipt.receivedAt": "Eingegangen am",
    "receipt.serverTime": "Zeit des Servers",
    "receipt.submittedBy": "Eingereicht von",
    "receipt.submittedByUnknown": "nicht mehr bekannt",
    "receipt.organisation": "Träger",
    "receipt.register": "Register",

    "receipt.section.lots": "Lose",
    "receipt.lots.caption": "Angebotene Lose mit Stellen und Kosten",
    "receipt.lots.col.number": "Los",
    "receipt.lots.number": "Los {number}",
    "receipt.lots.col.region": "Region",
    "receipt.lots.col.role": "Leistung",
    "receipt.lots.col.fte": "Wochenstunden (= VZÄ)",
    "receipt.lots.col.perYear": "Kosten je Jahr",
    "receipt.lots.col.term": "Kosten für die Laufzeit",
    "receipt.lots.months": "{months} Monate",
    "receipt.lots.total": "Summe",
    "receipt.lots.none": "Diese Fassung enthält kein Los.",

    "receipt.section.files": "Eingereichte Dateien",
    "receipt.files.intro":
      "Jede Datei ist mit ihrer Prüfsumme (SHA-256) verzeichnet. Dieselbe Datei ergibt immer dieselbe Prüfsumme; so lässt sich später nachweisen, welche Datei eingereicht wurde.",
    "receipt.files.caption": "Dateien mit Art, Größe und Prüfsumme",
    "receipt.files.col.name": "Datei",
    "receipt.files.col.kind": "Art",
    "receipt.files.col.size": "Größe",
    "receipt.files.col.sha256": "SHA-256",
    "receipt.files.none": "Mit dieser Fassung wurden keine Dateien eingereicht.",
    "receipt.file.concept": "Konzept zu Los {lot}",
    "receipt.size.bytes": "{count} Bytes",
    "receipt.size.kB": "{size} kB ({count} Bytes)",
    "receipt.size.MB": "{size} MB ({count} Bytes)",

    "receipt.section.hashes": "Prüfsummen",
    "receipt.hashes.intro":
      "Die Prüfsumme der Einreichung ist über den gesamten Inhalt dieser Fassung gebildet. Der Stand des Prüfprotokolls ist der Eintrag, mit dem das Portal den Eingang protokolliert hat; die Einträge sind über ihre Prüfsummen verkettet, sodass nachträgliche Änderungen auffallen.",
    "receipt.contentHash": "Prüfsumme der Einreichung (SHA-256)",
    "receipt.auditHead": "Stand des Prüfprotokolls (SHA-256)",

    "receipt.section.notes": "Hinweise",
    "receipt.note.receiptOnly":
      "Diese Bestätigung bestätigt nur den Eingang. Sie bestätigt weder, dass die Interessenbekundung vollständig ist, noch, dass sie zum Verfahren zugelassen wird.",
    "receipt.note.final":
      "Die eingereichte Fassung kann nicht mehr geändert werden. Bis zum Ablauf der Einreichungsfrist am {deadline} können Sie sie durch eine neue Fassung ersetzen oder zurückziehen.",
    "receipt.note.keep": "Bitte bewahren Sie diese Bestätigung auf.",
  },
  {
    "receipt.meta.subject": "Receipt for an expression of interest",
    "receipt.letterhead": "Expression-of-interest portal",
    "receipt.letterhead.sub": "Electronic submission",
    "receipt.title": "Receipt",
    "receipt.runningHeader": "Receipt {number} · {organisation}",
    "receipt.lead": "Your expression of interest in the call “{call}” has been received by the portal.",

    "receipt.withdrawn.title": "Withdrawn on {date}",
    "receipt.withdrawn.body": "This version has been withdrawn and no longer counts as submitted.",

    "receipt.section.receipt": "Receipt details",
    "receipt.number": "Receipt number",
    "receipt.call": "Call",
    "receipt.version": "Version",
    "receipt.versionValue": "Version {version}",
    "receipt.receivedAt": "Received on",
    "receipt.serverTime": "server time",
    "receipt.submittedBy": "Submitted by",
    "receipt.submittedByUnknown": "no longer known",
    "receipt.organisation": "Provider",
    "receipt.register": "Register",

    "receipt.section.lots": "Lots",
    "receipt.lots.caption": "Lots offered, with posts and costs",
    "receipt.lots.col.number": "Lot",
    "receipt.lots.number": "Lot {number}",
    "receipt.lots.col.region": "Region",
    "receipt.lots.col.role": "Service",
    "receipt.lots.col.fte": "Weekly hours (= FTE)",
    "receipt.lots.col.perYear": "Cost per year",
    "receipt.lots.col.term": "Cost for the term",
    "receipt.lots.months": "{months} months",
    "receipt.lots.total": "Total",
    "receipt.lots.none": "This version contains no lot.",

    "receipt.section.files": "Submitted files",
    "receipt.files.intro":
      "Every file is listed with its checksum (SHA-256). The same file always yields the same checksum, so it can later be shown which file was submitted.",
    "receipt.files.caption": "Files with kind, size and checksum",
    "receipt.files.col.name": "File",
    "receipt.files.col.kind": "Kind",
    "receipt.files.col.size": "Size",
    "receipt.files.col.sha256": "SHA-256",
    "receipt.files.none": "No files were submitted with this version.",
    "receipt.file.concept": "Concept for lot {lot}",
    "receipt.size.bytes": "{count} bytes",
    "receipt.size.kB": "{size} kB ({count} bytes)",
    "receipt.size.MB": "{size} MB ({count} bytes)",

    "receipt.section.hashes": "Checksums",
    "receipt.hashes.intro":
      "The checksum of the submission is computed over the entire content of this version. The audit log head is the entry with which the portal logged the receipt; the entries are chained by their checksums, so that later changes show.",
    "receipt.contentHash": "Checksum of the submission (SHA-256)",
    "receipt.auditHead": "Audit log head (SHA-256)",

    "receipt.section.notes": "Please note",
    "receipt.note.receiptOnly":
      "This receipt confirms receipt only. It confirms neither that the expression of interest is complete nor that it is admitted to the procedure.",
    "receipt.note.final":
      "The submitted version can no longer be changed. Until the submission deadline on {deadline} you can replace it with a new version or withdraw it.",
    "receipt.note.keep": "Please keep this receipt.",
  }
);
