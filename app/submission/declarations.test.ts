import { describe, expect, it } from "vitest";
import {
  declaredGrounds,
  exclusionDeclarationErrors,
  exclusionGrounds,
  isMandatoryGround,
  missingDeclarations,
  noDeclarations,
  payDeclarationErrors,
  signatureOf,
  type Declarations,
} from "./declarations";

const who = { name: "Erika Beispiel", role: "Geschäftsführerin" };
const cleaning = "Schaden ersetzt, Geschäftsführung ausgetauscht, Compliance-Stelle eingerichtet.";

describe("declarations in Textform", () => {
  it("the declaration records name, role and time", () => {
    const at = new Date("2017-01-20T10:15:30Z");
    expect(signatureOf({ name: "  Erika Beispiel ", role: " Geschäftsführerin" }, at)).toEqual({
      name: "Erika Beispiel",
      role: "Geschäftsführerin",
      declaredAt: "2017-01-20T10:15:30.000Z",
    });
  });

  it("refuses a declaration without the declaring person's name or role", () => {
    expect(payDeclarationErrors({ name: " ", role: "", confirmed: true }).map((e) => e.field)).toEqual(["name", "funktion"]);
    expect(exclusionDeclarationErrors({ name: "", role: "Vorstand", choice: "none", applies: {} }).map((e) => e.key)).toEqual([
      "declaration.error.nameMissing",
    ]);
  });

  it("refuses the pay declaration until it is confirmed", () => {
    expect(payDeclarationErrors({ ...who, confirmed: false }).map((e) => e.key)).toEqual(["declaration.error.payNotConfirmed"]);
    expect(payDeclarationErrors({ ...who, confirmed: true })).toEqual([]);
  });

  it("asks whether a ground applies, and for at least one ground when the carrier says one does", () => {
    expect(exclusionDeclarationErrors({ ...who, choice: "", applies: {} }).map((e) => e.key)).toEqual(["declaration.error.choiceMissing"]);
    expect(exclusionDeclarationErrors({ ...who, choice: "some", applies: {} }).map((e) => e.key)).toEqual(["declaration.error.noGroundTicked"]);
    expect(exclusionDeclarationErrors({ ...who, choice: "none", applies: {} })).toEqual([]);
  });

  it("asks for the self-cleaning (§ 125 GWB) of each ground that applies, next to that ground", () => {
    const errors = exclusionDeclarationErrors({ ...who, choice: "some", applies: { "gwb124-1-3": "ja", "gwb123-4": cleaning } });
    expect(errors).toEqual([{ field: "selbstreinigung-gwb124-1-3", key: "declaration.error.selfCleaningMissing", params: { min: 20 } }]);
  });

  it("keeps the grounds that apply in the order of §§ 123, 124, and none when the carrier says none applies", () => {
    const input = { ...who, choice: "some" as const, applies: { "gwb124-1-3": ` ${cleaning} `, "gwb123-4": cleaning } };
    expect(declaredGrounds(input)).toEqual([
      { ground: "gwb123-4", selfCleaning: cleaning },
      { ground: "gwb124-1-3", selfCleaning: cleaning },
    ]);
    expect(declaredGrounds({ ...input, choice: "none" })).toEqual([]);
  });

  it("lists the two grounds of § 123 as mandatory and the nine of § 124 (1) as optional", () => {
    expect(exclusionGrounds.filter(isMandatoryGround)).toEqual(["gwb123-1", "gwb123-4"]);
    expect(exclusionGrounds.filter((g) => !isMandatoryGround(g))).toHaveLength(9);
  });

  it("names each declaration not yet made as missing, linked to its place on the declarations step", () => {
    expect(missingDeclarations(noDeclarations)).toEqual([
      { key: "missing.declaration.pay", anchor: "erklaerungen#pay" },
      { key: "missing.declaration.exclusion", anchor: "erklaerungen#exclusion" },
    ]);
    const signature = signatureOf(who, new Date());
    const made: Declarations = {
      pay: { kind: "pay", text: "…", signature },
      exclusion: { kind: "exclusion", grounds: [], text: "…", signature },
    };
    expect(missingDeclarations(made)).toEqual([]);
  });
});
