// A page carries the messages its render used, and only those (issue 15, decision 3; decision
// 0029). The server's render collects every key `t` finds in a Set (MessageLookups, given by
// entry.server.tsx); <PageMessages>, rendered after the page's content, writes those keys'
// texts into the document as JSON. The browser starts its catalogue from them
// (entry.client.tsx) and renders the same element with the same text when it hydrates.
import { useFetchers, useNavigation } from "@remix-run/react";
import { createContext, useContext, useEffect } from "react";
import { catalogue, loadLanguage } from "./catalogue";
import type { Locale } from "./index";

/** Server: the keys this request's render has looked up. Browser: null. */
export const MessageLookups = createContext<Set<string> | null>(null);

/** Browser: the inline catalogue exactly as the server sent it. */
export const InlineMessages = createContext("");

export const PAGE_MESSAGES_ID = "seitentexte";

/** The texts of `keys` in a locale, as JSON safe inside a <script> element. */
export function pageMessagesJson(locale: Locale, keys: Iterable<string>): string {
  const messages: Record<string, string> = catalogue[locale];
  const picked: Record<string, string> = {};
  for (const key of keys) if (key in messages) picked[key] = messages[key];
  // "<" as \u003c: no text can end the element ("</script>") or open a comment.
  return JSON.stringify(picked).replace(/</g, "\\u003c");
}

/** The page's messages; rendered after everything that looks keys up. */
export function PageMessages({ locale }: { locale: Locale }) {
  const lookups = useContext(MessageLookups);
  const inline = useContext(InlineMessages);
  // A navigation or a form sent almost always leads to texts this page does not carry: the
  // language starts loading with the request, not when the answer's render misses a key.
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = navigation.state !== "idle" || fetchers.some((fetcher) => fetcher.state !== "idle");
  useEffect(() => {
    if (busy) void loadLanguage(locale);
  }, [busy, locale]);
  // Not executed (type application/json): the CSP's script-src does not apply, no nonce.
  return <script type="application/json" id={PAGE_MESSAGES_ID} dangerouslySetInnerHTML={{ __html: lookups ? pageMessagesJson(locale, lookups) : inline }} />;
}
