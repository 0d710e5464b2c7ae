// Erklärungen in Textform (§ 126b BGB) of an application (decision 0019): that the carrier pays
// at least the pay groups the call states for each role, and that no exclusion ground of
// §§ 123, 124 GWB applies, or which does and what self-cleaning (§ 125 GWB) it shows. Textform
// means a readable declaration that names the person who makes it: here the declaring
// person's name and role (Funktion) in the organisation, and the time by the server clock,
// recorded with the declared text. Pure: no database.
import type { DeclarationKind } from "../infra/schema";

/**
 * Exclusion grounds: § 123 GWB (mandatory) and § 124 Abs. 1 GWB (optional). The catalogue
 * names each as `ground.<code>` (German and English).
 */
export const exclusionGrounds = [
  "gwb123-1", // Abs. 1 Nr. 1–10: conviction for a listed offence
  "gwb123-4", // Abs. 4: taxes or social security contributions unpaid
  "gwb124-1-1", // environmental, social or labour law obligations breached
  "gwb124-1-2", // insolvency, liquidation, ceased activity
  "gwb124-1-3", // grave professional misconduct
  "gwb124-1-4", // agreements distorting competition
  "gwb124-1-5", // conflict of interest
  "gwb124-1-6", // distortion of competition by prior involvement
  "gwb124-1-7", // significant deficient performance of an earlier contract
  "gwb124-1-8", // misrepresentation, information withheld
  "gwb124-1-9", // undue influence on the procedure
] as const;
export type ExclusionGround = (typeof exclusionGrounds)[number];

export function isExclusionGround(value: string): value is ExclusionGround {
  return (exclusionGrounds as readonly string[]).includes(value);
}

/** § 123 grounds exclude unless § 123 (5) or self-cleaning applies; § 124 grounds may exclude. */
export function isMandatoryGround(ground: ExclusionGround): boolean {
  return ground.startsWith("gwb123-");
}

/** The catalogue key of a ground's name ("§ 124 Abs. 1 Nr. 3 GWB: schwere Verfehlung …"). */
export function groundName(ground: ExclusionGround): `ground.${ExclusionGround}` {
  return `ground.${ground}`;
}

/** Who declared and when (Textform: the person is named; the time is the server's). */
export type Signature = { name: string; role: string; declaredAt: string };

/** The declared text is stored as it read in German (the binding text) when it was declared. */
export type PayDeclaration = { kind: "pay"; text: string; signature: Signature };
export type ExclusionDeclaration = {
  kind: "exclusion";
  /** Empty: no ground applies. Otherwise each ground that applies with its self-cleaning measures. */
  grounds: { ground: ExclusionGround; selfCleaning: string }[];
  text: string;
  signature: Signature;
};
export type Declaration = PayDeclaration | ExclusionDeclaration;
export type Declarations = { pay: PayDeclaration | null; exclusion: ExclusionDeclaration | null };

export const noDeclarations: Declarations = { pay: null, exclusion: null };

export const MAX_NAME_CHARS = 200;
export const MAX_SELF_CLEANING_CHARS = 4000;
/** Self-cleaning must say something (compensation, cooperation, measures), not "ja". */
export const MIN_SELF_CLEANING_CHARS = 20;

/** The declarations in the order of the form and of every list of them. */
export function declarationList(d: Declarations | undefined): Declaration[] {
  return d ? [d.pay, d.exclusion].filter((x): x is Declaration => x !== null) : [];
}

export type DeclarationFormError = { field: string; key: string; params?: Record<string, string | number> };

export type PayFormInput = { name: string; role: string; confirmed: boolean };
export type ExclusionFormInput = {
  name: string;
  role: string;
  /** "none": no ground applies; "some": the grounds ticked in `applies` apply. */
  choice: "none" | "some" | "";
  applies: Partial<Record<ExclusionGround, string>>;
};

function signatureErrors(input: { name: string; role: string }): DeclarationFormError[] {
  const errors: DeclarationFormError[] = [];
  const name = input.name.trim();
  const role = input.role.trim();
  if (!name) errors.push({ field: "name", key: "declaration.error.nameMissing" });
  else if ([...name].length > MAX_NAME_CHARS) errors.push({ field: "name", key: "declaration.error.tooLong", params: { max: MAX_NAME_CHARS } });
  if (!role) errors.push({ field: "funktion", key: "declaration.error.roleMissing" });
  else if ([...role].length > MAX_NAME_CHARS) errors.push({ field: "funktion", key: "declaration.error.tooLong", params: { max: MAX_NAME_CHARS } });
  return errors;
}

/** Why the pay declaration cannot be made as given (empty: it can). */
export function payDeclarationErrors(input: PayFormInput): DeclarationFormError[] {
  const errors = signatureErrors(input);
  if (!input.confirmed) errors.push({ field: "bestaetigt", key: "declaration.error.payNotConfirmed" });
  return errors;
}

/** Why the exclusion declaration cannot be made as given (empty: it can). */
export function exclusionDeclarationErrors(input: ExclusionFormInput): DeclarationFormError[] {
  const errors = signatureErrors(input);
  if (input.choice === "") errors.push({ field: "auswahl", key: "declaration.error.choiceMissing" });
  if (input.choice === "some") {
    const ticked = exclusionGrounds.filter((g) => input.applies[g] !== undefined);
    if (ticked.length === 0) errors.push({ field: "auswahl", key: "declaration.error.noGroundTicked" });
    for (const g of ticked) {
      const text = input.applies[g]!.trim();
      if ([...text].length < MIN_SELF_CLEANING_CHARS) {
        errors.push({ field: `selbstreinigung-${g}`, key: "declaration.error.selfCleaningMissing", params: { min: MIN_SELF_CLEANING_CHARS } });
      } else if ([...text].length > MAX_SELF_CLEANING_CHARS) {
        errors.push({ field: `selbstreinigung-${g}`, key: "declaration.error.tooLong", params: { max: MAX_SELF_CLEANING_CHARS } });
      }
    }
  }
  return errors;
}

/** The grounds an exclusion declaration names, in the order of the list. */
export function declaredGrounds(input: ExclusionFormInput): ExclusionDeclaration["grounds"] {
  if (input.choice !== "some") return [];
  return exclusionGrounds.flatMap((g) => (input.applies[g] !== undefined ? [{ ground: g, selfCleaning: input.applies[g]!.trim() }] : []));
}

export function signatureOf(input: { name: string; role: string }, at: Date): Signature {
  return { name: input.name.trim(), role: input.role.trim(), declaredAt: at.toISOString() };
}

/** The missing-list entries for declarations not yet made (anchors: "erklaerungen#<kind>"). */
export function missingDeclarations(d: Declarations | undefined): { key: string; anchor: string }[] {
  const kinds: DeclarationKind[] = ["pay", "exclusion"];
  return kinds.flatMap((kind) => (d?.[kind] ? [] : [{ key: `missing.declaration.${kind}`, anchor: `erklaerungen#${kind}` }]));
}
