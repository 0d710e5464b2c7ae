import { useRouteLoaderData } from "@remix-run/react";
import { useContext, useMemo } from "react";
import { defaultLocale, translator, type Locale, type MessageKey } from "./index";
import { MessageLookups } from "./page-messages";

/** The translator for the locale the root loader chose; on the server it records the keys it finds. */
export function useTranslation() {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  const locale = data?.locale ?? defaultLocale;
  const lookups = useContext(MessageLookups);
  const t = useMemo(() => translator(locale, lookups ?? undefined), [locale, lookups]);
  return { t, locale };
}

/**
 * Keys a component shows later without a server render in between: text of state only the
 * browser changes (an upload's progress) or a document title a meta function computes. The
 * server puts them into the page's messages (page-messages.tsx); in the browser a missing
 * one suspends the render until the language is loaded, as `t` does.
 */
export function useMessagesForLater(keys: readonly MessageKey[]): void {
  const { t } = useTranslation();
  for (const key of keys) t(key);
}
