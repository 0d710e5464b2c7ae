import { describe, expect, it } from "vitest";
import { effectiveStatus, nextSteps, questionDeadlinePassed } from "./lifecycle";

const dates = {
  published: new Date("2017-01-26T09:00:00Z"),
  questionDeadline: new Date("2017-02-15T11:00:00Z"),
  submissionDeadline: new Date("2017-02-28T11:00:00Z"),
  opening: new Date("2017-02-28T13:00:00Z"),
  bindingPeriodEnd: new Date("2017-05-31T21:59:59Z"),
  serviceStart: new Date("2017-05-31T22:00:00Z"),
  contractEnd: new Date("2019-12-31T22:59:59Z"),
};
const at = (iso: string) => new Date(iso);
const ctx = { openQuestions: 0, openingStartedBy: null, openingComplete: false };

describe("the life of a call by the server clock", () => {
  it("closes questions and then submissions by the deadlines alone, to the second", () => {
    const call = { status: "published" as const, dates };
    expect(effectiveStatus(call, at("2017-02-15T10:59:59Z"))).toBe("published");
    expect(effectiveStatus(call, at("2017-02-15T11:00:00Z"))).toBe("questions_closed");
    expect(effectiveStatus(call, at("2017-02-28T10:59:59Z"))).toBe("questions_closed");
    expect(effectiveStatus(call, at("2017-02-28T11:00:00Z"))).toBe("submission_closed");
  });

  it("keeps stored states after the opening and for drafts", () => {
    expect(effectiveStatus({ status: "opened", dates }, at("2030-01-01T00:00:00Z"))).toBe("opened");
    expect(effectiveStatus({ status: "draft", dates }, at("2030-01-01T00:00:00Z"))).toBe("draft");
  });

  it("offers the opening only after the deadline, and asks for the second officer once started", () => {
    const call = { slug: "x", status: "published" as const, dates };
    expect(nextSteps(call, at("2017-02-20T00:00:00Z"), { ...ctx, openQuestions: 2 }).map((s) => s.key)).toEqual([
      "officer.step.answer",
      "officer.step.amend",
      "officer.step.waitDeadline",
    ]);
    expect(nextSteps(call, at("2017-03-01T00:00:00Z"), ctx).map((s) => s.key)).toEqual(["officer.step.startOpening"]);
    expect(nextSteps(call, at("2017-03-01T00:00:00Z"), { ...ctx, openingStartedBy: "a" }).map((s) => s.key)).toEqual([
      "officer.step.confirmOpening",
    ]);
  });

  it("leads from the formal check to the award proposal, the standstill and the letters", () => {
    const keys = (status: "formal_check" | "award_proposed" | "awarded" | "cancelled") =>
      nextSteps({ slug: "x", status, dates }, at("2017-03-10T00:00:00Z"), { ...ctx, openingComplete: true }).map((s) => [s.key, s.href]);
    expect(keys("formal_check")).toEqual([
      ["officer.step.formalCheck", "/verwaltung/aufrufe/x/pruefung"],
      ["award.hub.step.proposal", "/verwaltung/aufrufe/x/zuschlag"],
    ]);
    expect(keys("award_proposed")).toEqual([
      ["award.hub.step.continue", "/verwaltung/aufrufe/x/zuschlag"],
      ["award.hub.step.cancel", "/verwaltung/aufrufe/x/aufhebung"],
    ]);
    expect(keys("awarded")).toEqual([["award.hub.step.letters", "/verwaltung/aufrufe/x/zuschlag"]]);
    expect(keys("cancelled")).toEqual([]);
  });
});

describe("publishing a draft", () => {
  const dates = { questionDeadline: "2017-02-15T12:00:00+01:00" };
  it("is possible until the second before the question deadline, not from the deadline on", () => {
    expect(questionDeadlinePassed(dates, at("2017-02-15T10:59:59Z"))).toBe(false);
    expect(questionDeadlinePassed(dates, at("2017-02-15T11:00:00Z"))).toBe(true);
    expect(questionDeadlinePassed(dates, at("2017-03-01T00:00:00Z"))).toBe(true);
  });

  it("counts a deadline that cannot be read as passed", () => {
    expect(questionDeadlinePassed({ questionDeadline: "15.02.2017" }, at("2017-01-01T00:00:00Z"))).toBe(true);
  });
});
