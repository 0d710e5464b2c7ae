import { defineMessages } from "../define";

// Award procedure: proposal, pre-information, complaints, award, cancellation, public result.
export const awardMessages = defineMessages(
  {
    "award.placeholder": "—",
  },
  {
    "award.placeholder": "—",
  },
);
