import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("asks for at least twelve characters and no composition rules", () => {
    expect(passwordProblem("kurz")).toBe("password.tooShort");
    expect(passwordProblem("elf zeichen")).toBe("password.tooShort");
    expect(passwordProblem("zwölf zeiche")).toBeNull();
    expect(passwordProblem("nurkleinbuchstabenohnezahl")).toBeNull();
  });
  it("refuses one of the most common passwords", () => {
    expect(passwordProblem("qwerty123456")).toBe("password.common");
    expect(passwordProblem("LeaveMeAlone")).toBe("password.common"); // compared case-insensitively
  });
  it("refuses the user's own email address or name", () => {
    expect(passwordProblem("anna.traeger@example.org", { email: "anna.traeger@example.org" })).toBe("password.personal");
    expect(passwordProblem("anna.traeger2026!", { email: "anna.traeger@example.org" })).toBe("password.personal");
    expect(passwordProblem("Ünal Søren Łódź", { name: "Ünal Søren Łódź" })).toBe("password.personal");
  });
  it("counts characters, not bytes", () => {
    expect(passwordProblem("äöüäöüäöüäö")).toBe("password.tooShort"); // 11 characters, 22 bytes
  });
});
