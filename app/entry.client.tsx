// Remix's default browser entry, except that the catalogue starts with the messages the
// document carries: the ones the server's render of this page used (i18n/page-messages.tsx,
// decision 0029). The page hydrates with them and loads no more of the catalogue until a
// render needs a key they lack (i18n/catalogue.client.ts).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { defaultLocale, isLocale } from "./i18n";
import { startWith } from "./i18n/catalogue.client";
import { InlineMessages, PAGE_MESSAGES_ID } from "./i18n/page-messages";

const lang = document.documentElement.lang;
const inline = document.getElementById(PAGE_MESSAGES_ID)?.textContent ?? "";
startWith(isLocale(lang) ? lang : defaultLocale, inline);
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <InlineMessages.Provider value={inline}>
        <RemixBrowser />
      </InlineMessages.Provider>
    </StrictMode>,
  );
});
