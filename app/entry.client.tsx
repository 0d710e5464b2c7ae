// Remix's default browser entry, except that the page's language of the message catalogue is
// loaded before hydration: the browser gets one language, not the whole catalogue
// (app/i18n/catalogue.client.ts, decision 0029).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { defaultLocale, isLocale } from "./i18n";
import { loadLanguage } from "./i18n/catalogue.client";

const lang = document.documentElement.lang;
loadLanguage(isLocale(lang) ? lang : defaultLocale).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
