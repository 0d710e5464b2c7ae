import { describe, expect, it } from "vitest";
import { awardSteps, isDecided } from "./steps";

describe("awardSteps", () => {
  it("offers the proposal once the bids are evaluated and nothing is proposed yet, and the complaints from the publication on", () => {
    expect(awardSteps("evaluation", null)).toEqual({
      propose: "propose",
      approve: false,
      preInform: false,
      award: false,
      changeProposal: false,
      showComplaints: true,
      recordComplaint: true,
      cancel: true,
    });
    expect(awardSteps("published", null)).toMatchObject({ showComplaints: true, recordComplaint: true });
    expect(awardSteps("draft", null)).toMatchObject({ showComplaints: false, recordComplaint: false });
  });

  it("lets a proposal be recomputed, changed and approved, an approved one changed and pre-informed", () => {
    expect(awardSteps("award_proposed", "proposed")).toMatchObject({ propose: "recompute", approve: true, preInform: false, changeProposal: true });
    expect(awardSteps("award_proposed", "approved")).toMatchObject({ propose: null, approve: false, preInform: true, changeProposal: true, award: false });
  });

  it("during the standstill offers the award and the complaints, no change of the proposal", () => {
    expect(awardSteps("award_proposed", "preInformed")).toMatchObject({
      propose: null,
      preInform: false,
      award: true,
      changeProposal: false,
      showComplaints: true,
      recordComplaint: true,
      cancel: true,
    });
  });

  it("after the award offers nothing but the complaints as a record", () => {
    expect(awardSteps("awarded", "awarded")).toEqual({
      propose: null,
      approve: false,
      preInform: false,
      award: false,
      changeProposal: false,
      showComplaints: true,
      recordComplaint: false,
      cancel: false,
    });
    expect(awardSteps("staffing_active", "awarded").cancel).toBe(false);
  });

  it("offers no step of a cancelled call, and no cancellation of a draft", () => {
    expect(awardSteps("cancelled", "approved")).toMatchObject({ propose: null, preInform: false, changeProposal: false, cancel: false });
    expect(awardSteps("cancelled", null).propose).toBeNull();
    expect(awardSteps("draft", null).cancel).toBe(false);
  });

  it("counts awarded, staffed, archived and cancelled calls as decided", () => {
    expect(["awarded", "staffing_active", "archived", "cancelled"].every((s) => isDecided(s as "awarded"))).toBe(true);
    expect(["published", "opened", "evaluation", "award_proposed"].some((s) => isDecided(s as "opened"))).toBe(false);
  });
});
