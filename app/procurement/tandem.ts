// The tandems of a call: two roles paired by tandemWith (Flüchtlingssozialarbeit and
// Flüchtlingsbegleitung in Dresden) and, per region, their two lots. Pure: no database.
import type { CallView } from "./call-view";

export type TandemLots = {
  regionCode: string;
  regionName: string;
  /** [the first role's lot, the partner role's lot]: the first role is the one the call lists first. */
  lotIds: [string, string];
  roleNames: [string, string];
};

/** Each pair of tandem roles once, the role the call lists first leading. */
export function tandemRolePairs(call: Pick<CallView, "roles">): [CallView["roles"][number], CallView["roles"][number]][] {
  return call.roles.flatMap((role, i) => {
    const j = call.roles.findIndex((r) => r.code === role.tandemWith);
    return j > i ? [[role, call.roles[j]] as [CallView["roles"][number], CallView["roles"][number]]] : [];
  });
}

/** Per region and tandem, its two lots (regions without both lots are left out). */
export function tandemLots(call: Pick<CallView, "roles" | "lots">): TandemLots[] {
  return tandemRolePairs(call).flatMap(([first, partner]) =>
    call.lots.flatMap((a) => {
      if (a.roleCode !== first.code) return [];
      const b = call.lots.find((l) => l.regionCode === a.regionCode && l.roleCode === partner.code);
      return b ? [{ regionCode: a.regionCode, regionName: a.regionName, lotIds: [a.id, b.id] as [string, string], roleNames: [first.name, partner.name] as [string, string] }] : [];
    }),
  );
}
