import { defineMessages } from "../define";

// Fristverlängerung (§ 20 Abs. 3 VgV): the officer's decision after a late answer or a
// material amendment, and what a carrier's application has not yet taken in.
export const extensionMessages = defineMessages(
  {
    // -- the officer's decision --------------------------------------------------------------
    "extension.legend": "Einreichungsfrist (§ 20 Abs. 3 VgV)",
    "extension.answerHint":
      "Die Einreichungsfrist endet am {deadline}. Erscheint die Antwort auf eine rechtzeitig gestellte Frage weniger als sechs Tage vorher, verlängern Sie die Frist für alle oder begründen, warum nicht. Vorschlag des Portals: {date}.",
    "extension.extend": "Frist für alle verlängern",
    "extension.decline": "Frist nicht verlängern",
    "extension.newDeadline": "Neue Einreichungsfrist (deutsche Zeit)",
    "extension.newDeadlineHint": "Die Öffnung verschiebt sich um dieselbe Zeit.",
    "extension.reason": "Begründung, warum die Frist nicht verlängert wird",
    "extension.material": "Wesentliche Änderung der Vergabeunterlagen (§ 20 Abs. 3 Satz 1 Nr. 2 VgV)",
    "extension.materialHint":
      "Eine wesentliche Änderung verlangt, die Einreichungsfrist für alle zu verlängern (Vorschlag des Portals: {date}), oder eine Begründung, warum nicht.",
    "extension.noExtensionReason": "Falls eine wesentliche Änderung die Frist nicht verlängert: warum nicht",
    "extension.answerExtended": "Die Antwort ist veröffentlicht; die Einreichungsfrist ist für alle bis {date} verlängert (Änderung Nr. {number}).",
    "extension.decisionsTitle": "Entscheidungen über die Einreichungsfrist",
    "extension.decisionExtended": "{date}: verlängert bis {newDeadline} (vorgeschlagen: {proposed})",
    "extension.decisionDeclined": "{date}: nicht verlängert (vorgeschlagen: {proposed}). Begründung: {reason}",
    // -- refusals --------------------------------------------------------------------------
    "extension.answerNeedsDecision":
      "Die Antwort erscheint weniger als sechs Tage vor Ablauf der Einreichungsfrist. Verlängern Sie die Frist für alle (Vorschlag: {date}) oder begründen Sie, warum nicht.",
    "extension.amendmentNeedsDecision":
      "Eine wesentliche Änderung verlangt eine längere Einreichungsfrist für alle (Vorschlag: {date}) oder eine Begründung, warum nicht.",
    "extension.notLater": "Die neue Einreichungsfrist muss nach der bisherigen liegen ({date}).",
    "extension.reasonMissing": "Bitte begründen Sie, warum die Frist nicht verlängert wird.",
    "extension.dateMissing": "Bitte geben Sie die neue Einreichungsfrist an, zum Beispiel 03.03.2017, 12:00.",
    "extension.choiceMissing": "Bitte wählen Sie: Frist verlängern oder begründen, warum nicht.",
    // -- the published amendment (German, the binding text) ----------------------------------
    "extension.amendment.title": "Verlängerung der Einreichungsfrist",
    "extension.amendment.body": "Die Frist für die Einreichung der Interessenbekundungen wird für alle Bewerber bis zum {date} verlängert.",
    "extension.amendment.reason":
      "Die Antwort auf eine rechtzeitig gestellte Bieterfrage wurde weniger als sechs Tage vor Ablauf der Einreichungsfrist veröffentlicht (§ 20 Abs. 3 Satz 1 Nr. 1 VgV).",
    // -- the carrier's application ---------------------------------------------------------------
    "changes.title": "Neu seit Beginn Ihrer Interessenbekundung",
    "changes.intro": "Seit Sie am {date} begonnen haben, hat die Vergabestelle Folgendes veröffentlicht. Prüfen Sie, ob Ihre Angaben dazu noch passen.",
    "changes.amendment": "Änderung Nr. {number} vom {date}: {title}",
    "changes.answer": "Antwort vom {date} auf die Frage: {question}",
    "changes.mayRevise":
      "Ihre Interessenbekundung ist bereits eingereicht. Bis zum Ablauf der Einreichungsfrist am {date} können Sie sie überarbeiten und erneut einreichen; es zählt die zuletzt eingereichte Fassung.",
    // -- the Vergabevermerk ----------------------------------------------------------------------
    "report.action.call.deadline-extended": "Einreichungsfrist nach § 20 Abs. 3 VgV verlängert",
    "report.action.call.extension-declined": "Einreichungsfrist trotz § 20 Abs. 3 VgV nicht verlängert",
  },
  {
    "extension.legend": "Submission deadline (§ 20(3) VgV)",
    "extension.answerHint":
      "The submission deadline ends on {deadline}. If the answer to a question asked in time appears fewer than six days before, extend the deadline for everyone or give the reason why not. The portal proposes: {date}.",
    "extension.extend": "Extend the deadline for everyone",
    "extension.decline": "Do not extend the deadline",
    "extension.newDeadline": "New submission deadline (German time)",
    "extension.newDeadlineHint": "The opening moves by the same time.",
    "extension.reason": "Reason why the deadline is not extended",
    "extension.material": "Material change of the procurement documents (§ 20(3) sentence 1 no. 2 VgV)",
    "extension.materialHint":
      "A material change requires extending the submission deadline for everyone (the portal proposes: {date}), or a reason why not.",
    "extension.noExtensionReason": "If a material change does not extend the deadline: why not",
    "extension.answerExtended": "The answer is published; the submission deadline is extended for everyone until {date} (amendment no. {number}).",
    "extension.decisionsTitle": "Decisions on the submission deadline",
    "extension.decisionExtended": "{date}: extended until {newDeadline} (proposed: {proposed})",
    "extension.decisionDeclined": "{date}: not extended (proposed: {proposed}). Reason: {reason}",
    "extension.answerNeedsDecision":
      "The answer appears fewer than six days before the submission deadline. Extend the deadline for everyone (proposed: {date}) or give the reason why not.",
    "extension.amendmentNeedsDecision": "A material change requires a later submission deadline for everyone (proposed: {date}) or a reason why not.",
    "extension.notLater": "The new submission deadline must be after the current one ({date}).",
    "extension.reasonMissing": "Please give the reason why the deadline is not extended.",
    "extension.dateMissing": "Please enter the new submission deadline, for example 03.03.2017, 12:00.",
    "extension.choiceMissing": "Please choose: extend the deadline or give the reason why not.",
    "extension.amendment.title": "Extension of the submission deadline",
    "extension.amendment.body": "The deadline for submitting expressions of interest is extended for all applicants until {date}.",
    "extension.amendment.reason":
      "The answer to a bidder's question asked in time was published fewer than six days before the submission deadline (§ 20(3) sentence 1 no. 1 VgV).",
    "changes.title": "New since you began your expression of interest",
    "changes.intro": "Since you began on {date}, the contracting office has published the following. Check whether your details still fit.",
    "changes.amendment": "Amendment no. {number} of {date}: {title}",
    "changes.answer": "Answer of {date} to the question: {question}",
    "changes.mayRevise":
      "Your expression of interest is already submitted. Until the submission deadline on {date} you may revise it and submit it again; the version submitted last counts.",
    "report.action.call.deadline-extended": "Submission deadline extended under § 20(3) VgV",
    "report.action.call.extension-declined": "Submission deadline not extended despite § 20(3) VgV",
  },
);
