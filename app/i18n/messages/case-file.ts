import { defineMessages } from "../define";

// The case file (Vergabeakte) as one ZIP: its page for officers, its README and CSV headers (decision 0037).
export const caseFileMessages = defineMessages(
  {
    "caseFile.title": "Vergabeakte als ZIP",
    "caseFile.intro":
      "Die Vergabeakte fasst alles zusammen, was das Portal zu diesem Aufruf aufbewahrt: Aufruf und Änderungen, Fragen und Antworten, Öffnungsprotokoll, die geöffneten Interessenbekundungen mit ihren Dateien, Prüfung, Bewertung und Vergabevermerk, Schreiben, Verträge und das Verfahrensprotokoll, dazu eine Liste aller Dateien mit ihren SHA-256-Prüfsummen. Sie ist ohne das Portal lesbar (PDF, CSV, JSON). Jede Erstellung wird im Verfahrensprotokoll vermerkt.",
    "caseFile.sealedNote": "Die Öffnung mit vier Augen hat noch nicht stattgefunden: Die Vergabeakte enthält deshalb nichts von den Interessenbekundungen, auch nicht, wer eingereicht hat.",
    "caseFile.running": "Die Vergabeakte wird erstellt …",
    "caseFile.stage.queued": "Sie wartet auf den Start.",
    "caseFile.stage.data": "Die Angaben werden zusammengestellt.",
    "caseFile.stage.layout": "Die PDF-Dokumente werden gesetzt: Teil {done} von {total}.",
    "caseFile.stage.files": "Die Interessenbekundungen werden eingepackt: {done} von {total}.",
    "caseFile.stage.saving": "Die Vergabeakte wird gespeichert.",
    "caseFile.runningHint": "Die Erstellung läuft auf dem Server weiter, auch wenn Sie diese Seite verlassen. Laden Sie die Seite neu, um den Stand zu sehen.",
    "caseFile.reload": "Seite neu laden",
    "caseFile.done": "Die Vergabeakte ist fertig: Stand des Verfahrens vom {date}.",
    "caseFile.missing": "Für den aktuellen Stand des Verfahrens gibt es noch keine Vergabeakte.",
    "caseFile.failed": "Die Erstellung der Vergabeakte ist fehlgeschlagen.",
    "caseFile.stale": "Die Erstellung wurde unterbrochen, vermutlich durch einen Neustart des Servers.",
    "caseFile.start": "Vergabeakte erstellen",
    "caseFile.retry": "Vergabeakte erneut erstellen",
    "caseFile.download": "Vergabeakte herunterladen (ZIP)",
    "caseFile.back": "Zurück zum Aufruf",
    "caseFile.csv.seq": "Nr.",
    "caseFile.csv.at": "Zeit (UTC)",
    "caseFile.csv.actor": "Person",
    "caseFile.csv.action": "Vorgang",
    "caseFile.csv.objectType": "Gegenstand",
    "caseFile.csv.details": "Angaben",
    "caseFile.csv.hash": "Prüfsumme des Eintrags (SHA-256)",
    "caseFile.readme.title": "Vergabeakte",
    "caseFile.readme.intro":
      "Dieses Archiv enthält alles, was das Vergabeportal zu einem Aufruf zur Interessenbekundung aufbewahrt. Alle Dateien sind ohne das Portal lesbar: PDF-Dokumente, CSV-Tabellen (UTF-8, Semikolon, für Excel) und JSON-Dateien.",
    "caseFile.readme.layout": "Aufbau des Archivs:",
    "caseFile.readme.call":
      "aufruf/ – der Aufruf als PDF (aufruf.pdf), seine vollständige Definition (aufrufdefinition.json), die Vergabeunterlagen der Stadt (unterlagen/) und die veröffentlichten Änderungen (aenderungen.json).",
    "caseFile.readme.questions": "fragen/fragen.json – die Fragen der Träger mit ihrer Antwort, so wie sie veröffentlicht wurden; die Fragenden werden nicht genannt.",
    "caseFile.readme.opening": "oeffnung/ – das Öffnungsprotokoll, wie es bei der Öffnung mit vier Augen gespeichert wurde (PDF), und seine Daten (JSON).",
    "caseFile.readme.bids":
      "angebote/<Eingangsnummer>/ – jede eingereichte Fassung: ihr Inhalt (inhalt.json), die Eingangsbestätigung (PDF) und die Dateien des Trägers (dateien/), entschlüsselt und unverändert.",
    "caseFile.readme.evaluation":
      "bewertung/ – der Vergabevermerk mit formaler Prüfung, Erklärungen zu Interessenkonflikten, Bewertungen, Konsens und Rangfolge (PDF und JSON) und alle Bewertungen als Tabelle (bewertungen.csv).",
    "caseFile.readme.letters": "schreiben/ – die versandten Schreiben (Vorabinformation, Zuschlag, Absage, Aufhebung, Vertragsänderungen) als PDF und als Text.",
    "caseFile.readme.contracts": "vertraege/ – die Verträge (vertraege.csv) und ihre Änderungen aus der Nachsteuerung (aenderungen.json).",
    "caseFile.readme.trail":
      "protokoll/verfahrensprotokoll.csv – das Verfahrensprotokoll des Aufrufs: jeder Schritt mit Serverzeit, Person und der Prüfsumme des Eintrags in der verketteten Protokollkette. Der letzte Eintrag ist die Erstellung dieses Archivs.",
    "caseFile.readme.manifest":
      "manifest.json – Aufruf, Zeitpunkt der Erstellung, Version des Portals, der Kopf der Protokollkette (auditChain.head, gleich der Prüfsumme des letzten Eintrags im Verfahrensprotokoll) und für jede Datei des Archivs ihre Größe in Byte und ihre SHA-256-Prüfsumme.",
    "caseFile.readme.check":
      "Prüfen: Die SHA-256-Prüfsumme jeder Datei (zum Beispiel mit „sha256sum“ oder „Get-FileHash“) muss der in manifest.json genannten entsprechen. Den Kopf der Protokollkette bestätigt im Betrieb der Befehl „npm run portal -- audit:verify“.",
    "caseFile.readme.sealed":
      "Dieses Archiv wurde vor der Öffnung mit vier Augen erstellt. Es enthält deshalb nichts von den Interessenbekundungen: keine Inhalte, keine Dateien, keine Namen der Einreichenden. Im Verfahrensprotokoll sind bei Einreichungen nur Vorgang und Zeit zu sehen.",
    "caseFile.readme.deleted":
      "Dateien, die nach Ablauf der Aufbewahrungsfrist gelöscht wurden, stehen in manifest.json unter „deleted“ mit ihrer früheren Prüfsumme und Größe und, soweit bekannt, dem Tag der Löschung. Bei Interessenbekundungen ohne Zuschlag enthält inhalt.json danach nur noch, was Rangfolge und Vergabevermerk brauchen; der ursprüngliche Inhalt steht als inhalt-original.json mit seiner Prüfsumme (wie auf der Eingangsbestätigung) ebenfalls dort.",
  },
  {
    "caseFile.title": "Case file as ZIP",
    "caseFile.intro":
      "The case file gathers everything the portal keeps of this call: the call and its amendments, questions and answers, the opening record, the opened expressions of interest with their files, the check, the evaluation and the award record, letters, contracts and the audit trail, with a list of every file and its SHA-256 checksum. It is readable without the portal (PDF, CSV, JSON). Every export is recorded in the audit trail.",
    "caseFile.sealedNote": "The four-eyes opening has not taken place: the case file therefore contains nothing of the expressions of interest, not even who submitted.",
    "caseFile.running": "The case file is being made …",
    "caseFile.stage.queued": "It is waiting to start.",
    "caseFile.stage.data": "The data is being gathered.",
    "caseFile.stage.layout": "Setting the PDF documents: part {done} of {total}.",
    "caseFile.stage.files": "Packing the expressions of interest: {done} of {total}.",
    "caseFile.stage.saving": "The case file is being saved.",
    "caseFile.runningHint": "It goes on being made on the server even if you leave this page. Reload the page to see how far it is.",
    "caseFile.reload": "Reload the page",
    "caseFile.done": "The case file is ready: the procedure as of {date}.",
    "caseFile.missing": "There is no case file yet for the current state of the procedure.",
    "caseFile.failed": "Making the case file failed.",
    "caseFile.stale": "Making it was interrupted, probably by a restart of the server.",
    "caseFile.start": "Make the case file",
    "caseFile.retry": "Make the case file again",
    "caseFile.download": "Download the case file (ZIP)",
    "caseFile.back": "Back to the call",
    "caseFile.csv.seq": "No.",
    "caseFile.csv.at": "Time (UTC)",
    "caseFile.csv.actor": "Person",
    "caseFile.csv.action": "Action",
    "caseFile.csv.objectType": "Object",
    "caseFile.csv.details": "Details",
    "caseFile.csv.hash": "Checksum of the entry (SHA-256)",
    "caseFile.readme.title": "Case file",
    "caseFile.readme.intro":
      "This archive holds everything the tender portal keeps of one call for expressions of interest. Every file is readable without the portal: PDF documents, CSV tables (UTF-8, semicolon, for Excel) and JSON files.",
    "caseFile.readme.layout": "Layout of the archive:",
    "caseFile.readme.call":
      "aufruf/ – the call as a PDF (aufruf.pdf), its full definition (aufrufdefinition.json), the city's documents (unterlagen/) and the published amendments (aenderungen.json).",
    "caseFile.readme.questions": "fragen/fragen.json – the carriers' questions with their answers, as published; askers are not named.",
    "caseFile.readme.opening": "oeffnung/ – the opening record as stored at the four-eyes opening (PDF), and its data (JSON).",
    "caseFile.readme.bids":
      "angebote/<receipt number>/ – every submitted version: its content (inhalt.json), the receipt (PDF) and the carrier's files (dateien/), decrypted and unchanged.",
    "caseFile.readme.evaluation":
      "bewertung/ – the award record with the formal check, declarations on conflicts of interest, scores, consensus and ranking (PDF and JSON), and every score as a table (bewertungen.csv).",
    "caseFile.readme.letters": "schreiben/ – the letters sent (pre-information, award, rejection, cancellation, contract changes) as PDF and as text.",
    "caseFile.readme.contracts": "vertraege/ – the contracts (vertraege.csv) and their changes from adjustments (aenderungen.json).",
    "caseFile.readme.trail":
      "protokoll/verfahrensprotokoll.csv – the call's audit trail: every step with server time, person and the checksum of the entry in the chained trail. The last entry is the making of this archive.",
    "caseFile.readme.manifest":
      "manifest.json – the call, the time of export, the portal's version, the head of the audit chain (auditChain.head, equal to the checksum of the last entry of the audit trail) and for every file of the archive its size in bytes and its SHA-256 checksum.",
    "caseFile.readme.check":
      "To check: the SHA-256 checksum of every file (for example with “sha256sum” or “Get-FileHash”) must equal the one in manifest.json. The head of the audit chain is confirmed in operation by “npm run portal -- audit:verify”.",
    "caseFile.readme.sealed":
      "This archive was made before the four-eyes opening. It therefore holds nothing of the expressions of interest: no content, no files, no names of those who submitted. The audit trail shows only the action and time of submissions.",
    "caseFile.readme.deleted":
      "Files deleted after the retention period are listed in manifest.json under “deleted” with their former checksum and size and, where known, the day of deletion. For expressions of interest without award, inhalt.json then holds only what the ranking and the Vergabevermerk need; the original content is listed there too, as inhalt-original.json with its checksum (as on the receipt).",
  },
);
