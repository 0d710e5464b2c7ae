import { defineMessages } from "../define";

// Client figures and staffing plans (Stellenplan).
export const staffingMessages = defineMessages(
  {
    "staffing.placeholder": "—",
  },
  {
    "staffing.placeholder": "—",
  },
);
