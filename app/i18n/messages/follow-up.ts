import { defineMessages } from "../define";

// Folgeaufruf (decision 0027): the uncovered FTE per lot, the follow-up call made from them,
// and the links between the original call and its follow-up calls.
export const followUpMessages = defineMessages(
  {
    "followUp.title": "Folgeaufruf für den ungedeckten Bedarf",
    "followUp.intro":
      "Ungedeckt ist je Los, was die neuesten Fallzahlen verlangen und kein Vertrag am {day} deckt; Verträge von Folgeaufrufen in derselben Region und Rolle zählen mit. Ein Los ohne Zuschlag (nicht vergeben oder aufgehoben) zählt ganz.",
    "followUp.draftIntro":
      "Der Folgeaufruf entsteht als Entwurf: eine Kopie dieses Aufrufs, beschränkt auf die ungedeckten Lose mit ihrem ungedeckten Bedarf als Losvolumen, mit den Fristen dieses Aufrufs ab morgen und demselben Vertragsende. Sie prüfen ihn im Editor und veröffentlichen ihn dort.",
    "followUp.caption": "Bedarf, vertraglich gedeckt und ungedeckt je Los (Stand {day})",
    "followUp.col.lot": "Los",
    "followUp.col.required": "Bedarf (VZÄ)",
    "followUp.col.contracted": "Vertraglich (VZÄ)",
    "followUp.col.uncovered": "Ungedeckt (VZÄ)",
    "followUp.lot": "Los {number}: {role}, {region}",
    "followUp.total": "Summe",
    "followUp.draft.title": "Was der Entwurf enthält",
    "followUp.draft.name": "Titel",
    "followUp.draft.address": "Adresse",
    "followUp.draft.lots": "Lose",
    "followUp.draft.lotsValue": "{count} Lose mit zusammen {fte} VZÄ",
    "followUp.draft.published": "Veröffentlichung geplant",
    "followUp.create": "Folgeaufruf als Entwurf anlegen",
    "followUp.none": "Kein Los ist ungedeckt: Ein Folgeaufruf ist nicht nötig.",
    "followUp.existing": "Folgeaufrufe dieses Aufrufs",
    "followUp.link": "Folgeaufruf für den ungedeckten Bedarf",
    "followUp.resultNotice": "Für den Bedarf, den dieser Aufruf nicht gedeckt hat, gibt es einen Folgeaufruf:",
    "followUp.refusal.notAwarded": "Ein Folgeaufruf ist erst möglich, wenn der Zuschlag erteilt ist.",
    "followUp.refusal.nothingUncovered": "Kein Los ist ungedeckt: Jedes Los ist bis zu seinem Bedarf vertraglich gedeckt.",
    "followUp.refusal.figuresMissing": "Der ungedeckte Bedarf lässt sich nicht berechnen: {problem}",
    "followUp.refusal.termOver":
      "Die Vertragslaufzeit ist zu kurz für einen Folgeaufruf: Sein Leistungsbeginn ({serviceStart}) läge nicht vor dem Vertragsende ({contractEnd}).",
    "followUp.refusal.copyInvalid": "Die Definition dieses Aufrufs lässt sich nicht kopieren: {problem}",
  },
  {
    "followUp.title": "Follow-up call for the uncovered requirement",
    "followUp.intro":
      "Uncovered, per lot, is what the latest client figures require and no contract covers on {day}; contracts of follow-up calls in the same region and role count as well. A lot without an award (not awarded or cancelled) counts in full.",
    "followUp.draftIntro":
      "The follow-up call is created as a draft: a copy of this call, limited to the uncovered lots with their uncovered FTE as the lot's volume, with this call's deadlines starting tomorrow and the same contract end. You check it in the editor and publish it there.",
    "followUp.caption": "Required, covered by contract and uncovered per lot (as of {day})",
    "followUp.col.lot": "Lot",
    "followUp.col.required": "Required (FTE)",
    "followUp.col.contracted": "Contracted (FTE)",
    "followUp.col.uncovered": "Uncovered (FTE)",
    "followUp.lot": "Lot {number}: {role}, {region}",
    "followUp.total": "Total",
    "followUp.draft.title": "What the draft holds",
    "followUp.draft.name": "Title",
    "followUp.draft.address": "Address",
    "followUp.draft.lots": "Lots",
    "followUp.draft.lotsValue": "{count} lots with {fte} FTE in total",
    "followUp.draft.published": "Planned publication",
    "followUp.create": "Create the follow-up call as a draft",
    "followUp.none": "No lot is uncovered: a follow-up call is not needed.",
    "followUp.existing": "Follow-up calls of this call",
    "followUp.link": "Follow-up call for the uncovered requirement",
    "followUp.resultNotice": "For the requirement this call did not cover there is a follow-up call:",
    "followUp.refusal.notAwarded": "A follow-up call is possible only once the award has been made.",
    "followUp.refusal.nothingUncovered": "No lot is uncovered: every lot is covered by contract up to its requirement.",
    "followUp.refusal.figuresMissing": "The uncovered requirement cannot be computed: {problem}",
    "followUp.refusal.termOver":
      "The contract term is too short for a follow-up call: its service start ({serviceStart}) would not come before the contract end ({contractEnd}).",
    "followUp.refusal.copyInvalid": "This call's definition cannot be copied: {problem}",
  },
);
