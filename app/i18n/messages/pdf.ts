import { defineMessages } from "../index";

// Labels printed in the call PDF.
export const pdfMessages = defineMessages({}, {});
