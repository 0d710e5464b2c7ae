import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { localeCookie } from "../i18n/locale.server";
import { currentUser } from "../identity/sessions.server";
import { setPreferredLocale } from "../identity/users.server";
import { safeRedirectPath } from "../infra/http.server";

const LanguageForm = z.object({ lang: z.enum(["de", "en"]), redirectTo: z.string().optional() });

// The language switch is a plain form so that it works without JavaScript. Signed in, the
// choice is kept with the account too: it decides the language of the mails and letters the
// user receives (German, with an English translation if English; decision 0020).
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const user = await currentUser(request);
  if (user) await setPreferredLocale(user.id, parsed.data.lang);
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
