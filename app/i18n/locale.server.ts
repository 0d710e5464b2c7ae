import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, translator, type Locale } from "./index";

// The chosen language; a plain preference, not a secret, so neither signed nor httpOnly-critical.
export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
});

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : defaultLocale;
}

export async function getTranslator(request: Request) {
  const locale = await getLocale(request);
  return { locale, t: translator(locale) };
}
