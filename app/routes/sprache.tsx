import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { localeCookie } from "../i18n/locale.server";
import { safeRedirectPath } from "../infra/http.server";

const LanguageForm = z.object({ lang: z.enum(["de", "en"]), redirectTo: z.string().optional() });

// The language switch is a plain form so that it works without JavaScript.
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
