import { defineMessages } from "../define";

export const openingMessages = defineMessages({}, {});
