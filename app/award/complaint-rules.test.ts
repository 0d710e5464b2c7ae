import { describe, expect, it } from "vitest";
import { complaintWindowRefusal, lotsHeldBack, lotsToAward } from "./complaint-rules";

const END = new Date("2026-12-17T23:00:00Z"); // 00:00 Berlin, the earliest award date
const preInformed = { status: "preInformed" as const, earliestAwardAt: END };

describe("complaintWindowRefusal", () => {
  it("takes a complaint from the publication on, before any award step", () => {
    expect(complaintWindowRefusal({ callStatus: "published", procedure: null }, new Date("2026-11-01T10:00:00Z"))).toBeNull();
    expect(complaintWindowRefusal({ callStatus: "evaluation", procedure: null }, new Date("2026-11-01T10:00:00Z"))).toBeNull();
    expect(complaintWindowRefusal({ callStatus: "award_proposed", procedure: { status: "approved", earliestAwardAt: null } }, END)).toBeNull();
  });

  it("takes a complaint one second before the end of the standstill and refuses it at its end", () => {
    expect(complaintWindowRefusal({ callStatus: "award_proposed", procedure: preInformed }, new Date(END.getTime() - 1000))).toBeNull();
    expect(complaintWindowRefusal({ callStatus: "award_proposed", procedure: preInformed }, END)).toEqual({ key: "complaint.refusal.standstillOver", date: END });
  });

  it("refuses a complaint on a draft, a cancelled call and a decided one", () => {
    expect(complaintWindowRefusal({ callStatus: "draft", procedure: null }, END)?.key).toBe("complaint.refusal.notPublished");
    expect(complaintWindowRefusal({ callStatus: "cancelled", procedure: null }, END)?.key).toBe("award.refusal.callCancelled");
    expect(complaintWindowRefusal({ callStatus: "awarded", procedure: { status: "awarded", earliestAwardAt: END } }, END)?.key).toBe("complaint.refusal.decided");
  });
});

describe("lotsHeldBack", () => {
  const lots = ["l1", "l2", "l3"];

  it("holds back only the lots an open complaint names", () => {
    const held = lotsHeldBack([{ id: "c1", lotIds: ["l2"], open: true }], lots);
    expect([...held]).toEqual([["l2", ["c1"]]]);
  });

  it("holds back every lot for an open complaint that names none", () => {
    expect([...lotsHeldBack([{ id: "c1", lotIds: [], open: true }], lots).keys()]).toEqual(lots);
  });

  it("releases the lots of a decided complaint and names every open complaint of a lot", () => {
    const held = lotsHeldBack(
      [
        { id: "c1", lotIds: ["l1", "l2"], open: false },
        { id: "c2", lotIds: ["l2", "l3"], open: true },
        { id: "c3", lotIds: ["l3"], open: true },
      ],
      lots,
    );
    expect(Object.fromEntries(held)).toEqual({ l2: ["c2"], l3: ["c2", "c3"] });
  });

  it("ignores a named lot that is not among the lots asked about (cancelled or already decided)", () => {
    expect(lotsHeldBack([{ id: "c1", lotIds: ["l9"], open: true }], lots).size).toBe(0);
  });
});

describe("lotsToAward", () => {
  it("awards the undecided lots no complaint holds back and lets the others wait", () => {
    expect(lotsToAward(["l1", "l2", "l3"], new Map([["l2", ["c1"]]]))).toEqual({ now: ["l1", "l3"], waiting: ["l2"] });
  });
});
