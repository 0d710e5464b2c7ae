import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { defaultLocale, translator, type Locale } from "./index";

/** The translator for the locale the root loader chose. */
export function useTranslation() {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  const locale = data?.locale ?? defaultLocale;
  const t = useMemo(() => translator(locale), [locale]);
  return { t, locale };
}
