import { defineMessages } from "../define";

// Second factor, rate limits, sessions, health.
export const securityMessages = defineMessages(
  {
    "security.placeholder": "—",
  },
  {
    "security.placeholder": "—",
  },
);
