// Types the parts of the award page share (from the route's loader), and the key of a change form.
import type { loader } from "./route";

export type Overview = Awaited<ReturnType<typeof loader>>["overview"];
export type Errors = Record<string, string | undefined>;
/** What the officer typed into a refused form. */
export type Values = Record<string, string> | undefined;

/** The fields of one bid's change form carry lot and submission: `vzae-<key>`, `begruendung-<key>`. */
export const changeKey = (lotId: string, submissionId: string) => `${lotId}_${submissionId}`;
