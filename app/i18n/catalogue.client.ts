// The catalogue in the browser (decision 0029). It starts with the messages the server's
// render of the page looked up, which the document carries as JSON (page-messages.tsx), so
// the page hydrates with exactly the server's text and loads nothing more. A key it lacks
// (another route after a client-side navigation, an action's refusal) suspends the render
// until the page's language is loaded whole, once, from a chunk the build makes per language
// (vite-catalogue.ts). Remix renders navigations and submissions in transitions, so React
// keeps the old screen until then: no key is ever shown instead of its text.
import type { Locale } from "./index";
import type { catalogue as whole } from "./catalogue";

export const catalogue = { de: {}, en: {} } as typeof whole;

const loading: Partial<Record<Locale, Promise<void>>> = {};
const loaded = new Set<Locale>();

/** The messages of the document's inline catalogue, before React hydrates the page. */
export function startWith(locale: Locale, json: string): void {
  if (json) Object.assign(catalogue[locale], JSON.parse(json) as Record<string, string>);
}

/** Loads a language whole, once. */
export function loadLanguage(locale: Locale): Promise<void> {
  return (loading[locale] ??= (locale === "en" ? import("virtual:i18n-catalogue/en") : import("virtual:i18n-catalogue/de")).then(
    ({ default: messages }) => {
      Object.assign(catalogue[locale], messages);
      loaded.add(locale);
    },
    () => {
      // The chunk did not come (a new deployment removed it, the network went away): the
      // server renders every page whole, so a new document shows the page with all its text.
      window.location.reload();
      return new Promise<void>(() => {});
    },
  ));
}

/** A key the page's messages lack: suspends the render (throws the load) until its language is in. */
export function missingMessage(locale: Locale): void {
  if (!loaded.has(locale)) throw loadLanguage(locale);
}
