import { describe, expect, it } from "vitest";
import { addBerlinDays, changesSince, extensionRequiredForAmendment, extensionRequiredForAnswer, followingOpening, proposedDeadline } from "./extension";

// Dresden 2017: questions until 20 February, submissions until 28 February 2017, 12:00 (CET, UTC+1).
const questionDeadline = new Date("2017-02-20T11:00:00Z");
const submissionDeadline = new Date("2017-02-28T11:00:00Z");
const askedAt = new Date("2017-02-15T09:00:00Z");

describe("extension for a late answer (§ 20 Abs. 3 Nr. 1 VgV)", () => {
  it("requires an extension when an answer is published five days before the deadline", () => {
    expect(extensionRequiredForAnswer({ askedAt, questionDeadline, submissionDeadline, publishedAt: new Date("2017-02-23T11:00:00Z") })).toBe(true);
  });

  it("requires an extension one second after the sixth day before the deadline began", () => {
    expect(extensionRequiredForAnswer({ askedAt, questionDeadline, submissionDeadline, publishedAt: new Date("2017-02-22T11:00:01Z") })).toBe(true);
  });

  it("does not require an extension when an answer is published exactly six days before the deadline", () => {
    expect(extensionRequiredForAnswer({ askedAt, questionDeadline, submissionDeadline, publishedAt: new Date("2017-02-22T11:00:00Z") })).toBe(false);
  });

  it("does not require an extension for a question asked after the question deadline", () => {
    expect(
      extensionRequiredForAnswer({ askedAt: questionDeadline, questionDeadline, submissionDeadline, publishedAt: new Date("2017-02-27T11:00:00Z") }),
    ).toBe(false);
  });

  it("does not require an extension once the deadline has passed (nothing left to extend)", () => {
    expect(extensionRequiredForAnswer({ askedAt, questionDeadline, submissionDeadline, publishedAt: submissionDeadline })).toBe(false);
  });

  it("proposes the first day at the deadline's time that leaves six days after the answer", () => {
    // Published 23 Feb 15:00 CET: six days later is 1 March 15:00; the deadline's 12:00 on 2 March is the first after it.
    expect(proposedDeadline({ trigger: "answer", submissionDeadline, publishedAt: new Date("2017-02-23T14:00:00Z") })).toEqual(new Date("2017-03-02T11:00:00Z"));
    // Published 23 Feb 12:00 CET exactly: 1 March 12:00 leaves six days.
    expect(proposedDeadline({ trigger: "answer", submissionDeadline, publishedAt: new Date("2017-02-23T11:00:00Z") })).toEqual(new Date("2017-03-01T11:00:00Z"));
  });
});

describe("extension for a material amendment (§ 20 Abs. 3 Nr. 2 VgV)", () => {
  it("requires an extension when an amendment marked material is published before the deadline", () => {
    expect(extensionRequiredForAmendment({ material: true, submissionDeadline, publishedAt: new Date("2017-02-01T09:00:00Z") })).toBe(true);
  });

  it("does not require an extension for an amendment not marked material", () => {
    expect(extensionRequiredForAmendment({ material: false, submissionDeadline, publishedAt: new Date("2017-02-27T09:00:00Z") })).toBe(false);
  });

  it("does not require an extension for a material amendment after the deadline", () => {
    expect(extensionRequiredForAmendment({ material: true, submissionDeadline, publishedAt: new Date("2017-03-01T09:00:00Z") })).toBe(false);
  });

  it("proposes six days more, and at least six days after the amendment", () => {
    expect(proposedDeadline({ trigger: "amendment", submissionDeadline, publishedAt: new Date("2017-02-01T09:00:00Z") })).toEqual(new Date("2017-03-06T11:00:00Z"));
    // Published 27 Feb, 16:00 CET: 6 March 12:00 still leaves six days; from 1 March, 16:00, only 8 March does.
    expect(proposedDeadline({ trigger: "amendment", submissionDeadline, publishedAt: new Date("2017-02-27T15:00:00Z") })).toEqual(new Date("2017-03-06T11:00:00Z"));
    expect(proposedDeadline({ trigger: "amendment", submissionDeadline, publishedAt: new Date("2017-03-01T15:00:00Z") })).toEqual(new Date("2017-03-08T11:00:00Z"));
  });
});

describe("deadline arithmetic", () => {
  it("keeps the Berlin time of day across the change to summer time", () => {
    // 24 March 2017, 12:00 CET + 6 days = 30 March 2017, 12:00 CEST (UTC+2).
    expect(addBerlinDays(new Date("2017-03-24T11:00:00Z"), 6)).toEqual(new Date("2017-03-30T10:00:00Z"));
  });

  it("moves the opening by as much as the deadline", () => {
    const opening = new Date("2017-03-01T08:00:00Z");
    expect(followingOpening({ opening, submissionDeadline, newDeadline: new Date("2017-03-02T11:00:00Z") })).toEqual(new Date("2017-03-03T08:00:00Z"));
  });
});

describe("what changed since an application began", () => {
  it("lists the answers and amendments published after the start, oldest first", () => {
    const started = new Date("2017-02-10T10:00:00Z");
    const changes = changesSince(started, [
      { kind: "amendment", number: 2, title: "Frist", publishedAt: new Date("2017-02-24T10:00:00Z") },
      { kind: "amendment", number: 1, title: "Vorher", publishedAt: new Date("2017-02-01T10:00:00Z") },
      { kind: "answer", id: "q1", question: "Tandem?", publishedAt: new Date("2017-02-23T10:00:00Z") },
      { kind: "answer", id: "q0", question: "Gleichzeitig", publishedAt: started },
    ]);
    expect(changes.map((c) => (c.kind === "amendment" ? c.number : c.id))).toEqual(["q1", 2]);
  });
});
