// The states of a call, in the order of its life (docs/architecture.md, The life of a call);
// a cancellation (Aufhebung) can end it from most of them. Apart from schema.ts so that pure
// modules and pages can read the order without the table definitions.
export const callStatuses = [
  "draft",
  "published",
  "questions_closed",
  "submission_closed",
  "opened",
  "formal_check",
  "evaluation",
  "award_proposed",
  "awarded",
  "staffing_active",
  "archived",
  "cancelled",
] as const;
export type CallStatus = (typeof callStatuses)[number];
