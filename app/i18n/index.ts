// The message catalogue: German first, English second. Each area of the app keeps its
// messages in messages/<area>.ts as { de, en }, where `en` must have every key of `de`
// (the type checker enforces it). `t(key, params)` fills `{name}` placeholders.
import { catalogue, missingMessage } from "./catalogue";

export const locales = ["de", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "de";

export type MessageKey = keyof typeof catalogue.de;
export type Params = Record<string, string | number>;

// The `{name}` placeholders of a German text, as a union of names (never without any).
type Holes<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Holes<Rest> : never;
/** The placeholder names a key's text expects: `PlaceholdersOf<"nav.signedInAs">` is "name". */
export type PlaceholdersOf<K extends MessageKey> = Holes<(typeof catalogue.de)[K]>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * `t` for a locale. `lookups`, given by the server's render of a page (page-messages.tsx),
 * collects every key found, so that the page carries exactly those messages. In the browser
 * a key the page's messages lack suspends the render until the language is loaded
 * (catalogue.client.ts); on the server the catalogue is whole and a missing key is shown as is.
 */
export function translator(locale: Locale, lookups?: Set<string>): Translate {
  const messages: Record<string, string> = catalogue[locale];
  return (key, params) => {
    let template = messages[key];
    if (template === undefined) {
      missingMessage(locale);
      template = catalogue.de[key] ?? key;
    } else lookups?.add(key);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}

export { defineMessages } from "./define";
