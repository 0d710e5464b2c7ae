// The objects of the world (world.ts) for each route parameter, combined coherently (one
// call, one owner, at most one unknown id per request): shared by the access and
// bad-input sweeps.
import type { RouteInfo } from "./sweep";
import type { World } from "./world";

export const GARBAGE = "AAAAAAAAAAAAAAAAAAAAAA"; // looks like an id, is none

export type CallTag = "opened" | "sealed" | "draft" | "decided" | "unknown";
/** D: one of the decided demo call's illustrative carriers. */
export type Owner = "A" | "B" | "D" | "city" | "unknown";
/** What the parameters of one request point at. */
export type Target = { label: string; call?: CallTag; owner?: Owner; kind?: string; params: Record<string, string> };
type Option = { label: string; value: string; call?: CallTag; owner?: Owner; kind?: string };

function optionsFor(route: RouteInfo, param: string, w: World): Option[] {
  /** The four bids of the world (A and B, on the opened and the sealed call), by `key`. */
  const eachBid = (suffix: string, key: "submissionId" | "applicationId"): Option[] =>
    (["A", "B"] as const).flatMap((owner) => (["opened", "sealed"] as const).map((call) => ({ label: `${owner}.${call}.${suffix}`, value: w.carriers[owner][call][key], call, owner })));
  const garbage = (label: string): Option => ({ label: `${label}?`, value: GARBAGE, owner: "unknown", kind: `unknown-${label}` });
  switch (param) {
    case "slug":
      return [
        { label: "opened", value: w.calls.opened, call: "opened" },
        { label: "sealed", value: w.calls.sealed, call: "sealed" },
        { label: "draft", value: w.calls.draft, call: "draft" },
        { label: "decided", value: w.calls.decided, call: "decided" },
        { label: "call?", value: "gibt-es-nicht", call: "unknown" },
      ];
    case "submissionId":
      return [...eachBid("sub", "submissionId"), garbage("sub")];
    case "id":
      if (route.path.startsWith("/verwaltung/postausgang/")) {
        return [{ label: "outbox", value: w.outboxId, owner: "city" }, { ...garbage("outbox"), value: "20990101T000000.000Z-AAAAAAAAAAAAAAAAAAAAAA" }];
      }
      return [...eachBid("app", "applicationId"), garbage("app")];
    case "lotId":
      return [
        { label: "lot2.opened", value: w.bidLot.opened, call: "opened" },
        { label: "lot2.sealed", value: w.bidLot.sealed, call: "sealed" },
        { label: "lot?", value: GARBAGE, kind: "unknown-lot" },
      ];
    case "requestId":
      return [{ label: "request.A", value: w.requestId, call: "opened", owner: "A" }, garbage("request")];
    case "declarationId":
      // Only the decided call's illustrative carriers are asked (a carrier's own request: tandem.test.ts).
      return [{ label: "D.decided.cooperation", value: w.decidedCooperationId, call: "decided", owner: "D" }, garbage("declaration")];
    case "contractId":
      // Only the decided call's illustrative carriers have contracts (a carrier's own: award.test.ts).
      return [{ label: "D.decided.contract", value: w.decidedContractId, call: "decided", owner: "D" }, garbage("contract")];
    case "periodFrom":
      // A staff report's period of that contract, and a day that is none of its periods.
      return [{ label: "D.decided.period", value: w.decidedReportPeriodFrom, call: "decided", owner: "D" }, { ...garbage("period"), value: "2000-01-01" }];
    case "fileId": {
      const files = (c: "A" | "B", call: "opened" | "sealed"): Option[] => {
        const ids = w.carriers[c][call].fileIds;
        return [
          { label: `${c}.${call}.concept`, value: ids[0], call, owner: c, kind: "concept" },
          { label: `${c}.${call}.document`, value: ids[1], call, owner: c, kind: "document" },
        ];
      };
      return [
        ...files("A", "opened"),
        ...files("A", "sealed"),
        ...files("B", "opened"),
        ...files("B", "sealed"),
        { label: "draft.document", value: w.callDocumentFileId, call: "draft", owner: "city" },
        { label: "D.decided.notice", value: w.decidedNoticeFileId, call: "decided", owner: "D", kind: "notice" },
        garbage("file"),
      ];
    }
    case "userId":
      // A staff account (account administration): only administrators, none of the sweep's roles.
      return [garbage("account")];
    case "token":
      return [{ label: "token?", value: "kein-gueltiges-token-0123456789abcdef", owner: "unknown" }];
    case "*":
      return [{ label: "nowhere", value: "gibt-es/nicht" }];
    default:
      throw new Error(`The access sweep has no objects for the parameter "${param}" of ${route.id}: add them to optionsFor().`);
  }
}

/** Every coherent combination of objects for a route (one call throughout, one owner). */
export function targetsFor(route: RouteInfo, w: World): Target[] {
  const params = [...route.path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");
  let combos: Option[][] = [[]];
  for (const p of params) combos = combos.flatMap((c) => optionsFor(route, p, w).map((o) => [...c, o]));
  const targets: Target[] = [];
  for (const combo of combos) {
    const calls = new Set(combo.map((o) => o.call).filter(Boolean));
    const owners = new Set(combo.map((o) => o.owner).filter((o) => o && o !== "unknown"));
    const unknowns = combo.filter((o) => o.owner === "unknown" || o.call === "unknown" || o.kind?.startsWith("unknown")).length;
    if (calls.size > 1 || owners.size > 1 || unknowns > 1) continue;
    let pathname = route.path;
    const values: Record<string, string> = {};
    combo.forEach((o, i) => {
      values[params[i]] = o.value;
      pathname = params[i] === "*" ? pathname.replace("*", o.value) : pathname.replace(`:${params[i]}`, encodeURIComponent(o.value));
    });
    targets.push({
      label: combo.map((o) => o.label).join(" ") || "-",
      call: [...calls][0] as CallTag | undefined,
      owner: combo.some((o) => o.owner === "unknown") ? "unknown" : ([...owners][0] as Owner | undefined),
      kind: combo.map((o) => o.kind).find(Boolean),
      params: { ...values, pathname },
    });
  }
  return targets;
}

