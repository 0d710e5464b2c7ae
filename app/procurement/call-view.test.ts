import { describe, expect, it } from "vitest";
import type { CallStatus } from "../infra/schema";
import { isQuestionWindowOpen, publicPhase, timeRemaining, type CallView } from "./call-view";

// Dresden 2017: questions until 15 Feb 12:00, submissions until 28 Feb 12:00 (CET = UTC+1).
const QUESTION_DEADLINE = new Date("2017-02-15T11:00:00Z");
const DEADLINE = new Date("2017-02-28T11:00:00Z");
const SECOND = 1000;

function call(status: CallStatus): Pick<CallView, "status" | "dates"> {
  return {
    status,
    dates: {
      published: new Date("2017-01-26T09:00:00Z"),
      questionDeadline: QUESTION_DEADLINE,
      submissionDeadline: DEADLINE,
      opening: new Date("2017-02-28T13:00:00Z"),
      bindingPeriodEnd: new Date("2017-05-31T21:59:59Z"),
      serviceStart: new Date("2017-05-31T22:00:00Z"),
      contractEnd: new Date("2019-12-31T22:59:59Z"),
    },
  };
}

const at = (base: Date, deltaMs: number) => new Date(base.getTime() + deltaMs);

describe("publicPhase", () => {
  it("is open one second before the submission deadline", () => {
    expect(publicPhase(call("published"), at(DEADLINE, -SECOND))).toBe("open");
  });

  it("is closed exactly at the submission deadline", () => {
    expect(publicPhase(call("published"), DEADLINE)).toBe("closed");
  });

  it("is open one millisecond before the deadline and closed one second after it", () => {
    expect(publicPhase(call("published"), at(DEADLINE, -1))).toBe("open");
    expect(publicPhase(call("published"), at(DEADLINE, SECOND))).toBe("closed");
  });

  it("keeps a call open for submissions after the question deadline (status questions_closed)", () => {
    expect(publicPhase(call("questions_closed"), at(QUESTION_DEADLINE, SECOND))).toBe("open");
    expect(publicPhase(call("questions_closed"), DEADLINE)).toBe("closed");
  });

  it("never shows a draft as open, even long before the deadline", () => {
    expect(publicPhase(call("draft"), new Date("2017-01-01T00:00:00Z"))).toBe("closed");
  });

  it("shows a cancelled call as cancelled before and after the deadline", () => {
    expect(publicPhase(call("cancelled"), at(DEADLINE, -SECOND))).toBe("cancelled");
    expect(publicPhase(call("cancelled"), at(DEADLINE, SECOND))).toBe("cancelled");
  });

  it("shows awarded, staffing_active and archived calls as decided", () => {
    for (const status of ["awarded", "staffing_active", "archived"] as const) {
      expect(publicPhase(call(status), at(DEADLINE, -SECOND))).toBe("decided");
      expect(publicPhase(call(status), at(DEADLINE, 365 * 86_400_000))).toBe("decided");
    }
  });

  it("shows the stages between deadline and award as closed, even with a clock before the deadline", () => {
    for (const status of ["submission_closed", "opened", "formal_check", "evaluation", "award_proposed"] as const) {
      expect(publicPhase(call(status), at(DEADLINE, -SECOND))).toBe("closed");
    }
  });
});

describe("isQuestionWindowOpen", () => {
  it("is open one second before the question deadline and closed exactly at it", () => {
    expect(isQuestionWindowOpen(call("published"), at(QUESTION_DEADLINE, -SECOND))).toBe(true);
    expect(isQuestionWindowOpen(call("published"), QUESTION_DEADLINE)).toBe(false);
    expect(isQuestionWindowOpen(call("published"), at(QUESTION_DEADLINE, SECOND))).toBe(false);
  });

  it("is closed between the question deadline and the submission deadline", () => {
    expect(isQuestionWindowOpen(call("published"), at(DEADLINE, -SECOND))).toBe(false);
  });

  it("is closed for drafts and cancelled calls even before the question deadline", () => {
    const early = new Date("2017-02-01T00:00:00Z");
    expect(isQuestionWindowOpen(call("draft"), early)).toBe(false);
    expect(isQuestionWindowOpen(call("cancelled"), early)).toBe(false);
    expect(isQuestionWindowOpen(call("published"), early)).toBe(true);
  });
});

describe("timeRemaining", () => {
  it("splits 1 day 2 h 3 min 4 s into its parts", () => {
    const ms = ((1 * 24 + 2) * 3600 + 3 * 60 + 4) * 1000; // 93 784 s
    expect(timeRemaining(DEADLINE, at(DEADLINE, -ms))).toEqual({ days: 1, hours: 2, minutes: 3, seconds: 4 });
  });

  it("counts 13 days 23 h 59 min 59 s one second before two weeks are over", () => {
    const twoWeeks = 14 * 86_400_000;
    expect(timeRemaining(DEADLINE, at(DEADLINE, -(twoWeeks - SECOND)))).toEqual({
      days: 13,
      hours: 23,
      minutes: 59,
      seconds: 59,
    });
    expect(timeRemaining(DEADLINE, at(DEADLINE, -twoWeeks))).toEqual({ days: 14, hours: 0, minutes: 0, seconds: 0 });
  });

  it("drops the milliseconds: 1.999 s left counts as 1 s", () => {
    expect(timeRemaining(DEADLINE, at(DEADLINE, -1999))).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 1 });
  });

  it("gives zero parts, not null, with less than a second but more than nothing left", () => {
    expect(timeRemaining(DEADLINE, at(DEADLINE, -1))).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it("is null exactly at the deadline and after it", () => {
    expect(timeRemaining(DEADLINE, DEADLINE)).toBeNull();
    expect(timeRemaining(DEADLINE, at(DEADLINE, SECOND))).toBeNull();
  });
});
