import { defineMessages } from "../define";

export const authoringMessages = defineMessages({}, {});
