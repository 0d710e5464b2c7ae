// The standards per role (Standards je Leistung, decision 0016): which concept sections a role's carriers
// write and which criteria score its lots, and how the two meet. Pure: no database.
import type { CallView } from "./call-view";

type Section = CallView["conceptSections"][number];
type Criterion = Pick<CallView["criteria"][number], "code" | "kind" | "roleCodes" | "sectionCodes">;

/** Whether a criterion or a section (`roleCodes` null: every role) belongs to a role. */
export function appliesToRole(item: { roleCodes: string[] | null }, roleCode: string): boolean {
  return item.roleCodes === null || item.roleCodes.includes(roleCode);
}

/** The concept sections a carrier writes for a lot of this role, in the call's order. */
export function sectionsOfRole<S extends Pick<Section, "roleCodes">>(sections: readonly S[], roleCode: string): S[] {
  return sections.filter((s) => appliesToRole(s, roleCode));
}

/** The criteria that score a lot of this role, in the call's order. */
export function criteriaOfRole<C extends Pick<Criterion, "roleCodes">>(criteria: readonly C[], roleCode: string): C[] {
  return criteria.filter((c) => appliesToRole(c, roleCode));
}

/** The sections of this role that a criterion scores (none for a price criterion). */
export function sectionsScoredBy<S extends Pick<Section, "code" | "roleCodes">>(
  criterion: Pick<Criterion, "sectionCodes">,
  sections: readonly S[],
  roleCode: string,
): S[] {
  return sectionsOfRole(sections, roleCode).filter((s) => criterion.sectionCodes.includes(s.code));
}

/** The criteria of this role that score a section: what the carrier's text serves. */
export function criteriaServedBy<C extends Criterion>(sectionCode: string, criteria: readonly C[], roleCode: string): C[] {
  return criteriaOfRole(criteria, roleCode).filter((c) => c.kind === "quality" && c.sectionCodes.includes(sectionCode));
}
