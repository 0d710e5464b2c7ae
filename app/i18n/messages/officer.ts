import { defineMessages } from "../define";

export const officerMessages = defineMessages({}, {});
