import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { signInLockedMessage } from "./rate-limit-http.server";
import { blockedUntil } from "./rate-limits.server";

const FIFTEEN_MINUTES = { retryAfterSeconds: 15 * 60 };

describe("the end of a sign-in block", () => {
  it("is the server's now plus the wait, rounded up to the whole minute", () => {
    expect(blockedUntil(FIFTEEN_MINUTES, new Date("2017-01-20T08:00:00Z")).toISOString()).toBe("2017-01-20T08:15:00.000Z");
    expect(blockedUntil(FIFTEEN_MINUTES, new Date("2017-01-20T08:00:00.001Z")).toISOString()).toBe("2017-01-20T08:16:00.000Z");
    expect(blockedUntil({ retryAfterSeconds: 899 }, new Date("2017-01-20T08:00:01Z")).toISOString()).toBe("2017-01-20T08:15:00.000Z");
  });
});

describe("the message of a locked sign-in", () => {
  const de = translator("de");
  it("names the time of day in Berlin, in winter and in summer", () => {
    expect(signInLockedMessage(FIFTEEN_MINUTES, new Date("2017-01-20T08:00:00Z"), de, "de")).toBe(
      "Nach zu vielen falschen Passwörtern ist die Anmeldung mit dieser E-Mail-Adresse bis 09:15 Uhr gesperrt. Danach können Sie sich wieder anmelden.",
    );
    expect(signInLockedMessage(FIFTEEN_MINUTES, new Date("2017-06-01T10:00:30Z"), de, "de")).toContain("bis 12:16 Uhr gesperrt");
  });

  it("adds the date when the block ends on the next day in Berlin", () => {
    // 23:50 in Berlin (UTC+1): the block ends at 00:05 on 21 January.
    expect(signInLockedMessage(FIFTEEN_MINUTES, new Date("2017-01-20T22:50:00Z"), de, "de")).toContain("bis 21. Januar 2017, 00:05 Uhr gesperrt");
    // 23:01 UTC is still the 20th in UTC: the day counted is Berlin's, not the server's zone.
    expect(signInLockedMessage({ retryAfterSeconds: 60 }, new Date("2017-01-20T22:59:30Z"), de, "de")).toContain("bis 21. Januar 2017, 00:01 Uhr");
  });

  it("is in English for an English reader", () => {
    expect(signInLockedMessage(FIFTEEN_MINUTES, new Date("2017-01-20T08:00:00Z"), translator("en"), "en")).toBe(
      "After too many wrong passwords, signing in with this email address is locked until 09:15 (German time). After that you can sign in again.",
    );
  });
});
