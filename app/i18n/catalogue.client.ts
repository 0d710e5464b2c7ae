// The catalogue in the browser: only the page's language, filled before hydration by
// entry.client.tsx from a chunk per language that the build makes (vite-catalogue.ts;
// decision 0029). The server renders with the whole catalogue (catalogue.ts); both give a
// key the same text, so hydration sees the same page.
import type { Locale } from "./index";
import type { catalogue as whole } from "./catalogue";

export const catalogue = { de: {}, en: {} } as typeof whole;

/** Loads the language of the page, before React hydrates it. */
export async function loadLanguage(locale: Locale): Promise<void> {
  const { default: messages } = locale === "en" ? await import("virtual:i18n-catalogue/en") : await import("virtual:i18n-catalogue/de");
  Object.assign(catalogue[locale], messages);
}
