// Types the parts of the formal-check page share (from the route's loader and action).
import type { ChecklistItemState } from "../../evaluation/formal-check";
import type { loader } from "./route";

export type View = Awaited<ReturnType<typeof loader>>["view"];
export type Grounds = Awaited<ReturnType<typeof loader>>["grounds"];
export type Errors = Record<string, string | undefined>;
/** What the officer typed into a refused form. */
export type ActionValues = Record<string, string> | undefined;

/** One scope's checklist: the whole submission (lotId and lotNumber null) or one lot bid. */
export type ScopeProps = {
  view: View;
  lotId: string | null;
  lotNumber: number | null;
  items: ChecklistItemState[];
  errors: Errors;
  values: ActionValues;
};

/** The forms come in scopes: the whole submission ("gesamt") or one lot (its id); names and anchors carry it. */
export const WHOLE = "gesamt";
export const scopeOf = (lotId: string | null) => lotId ?? WHOLE;
