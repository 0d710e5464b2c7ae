// Registering a passkey (WebAuthn) for the signed-in account: the page script asks for
// options, lets the browser create the credential, and posts its answer (decision 0034).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { requireSession } from "../identity/sessions.server";
import { passkeyRegistrationOptions, registerPasskey } from "../identity/second-factor.server";
import { jsonAnswer, passkeyRelyingParty, RegistrationAnswer } from "../identity/passkey-http.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("options") }),
  z.object({ intent: z.literal("verify"), name: z.string().default(""), response: RegistrationAnswer }),
]);

export async function action({ request }: ActionFunctionArgs) {
  // The enrolment page's own step: a staff session without a factor may take it.
  const session = await requireSession(request, { enrolment: true });
  const { t, locale } = await getTranslator(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return jsonAnswer({ error: t("security.passkey.failed") }, { status: 400 });
  const rp = passkeyRelyingParty(request);
  const now = serverNow();
  try {
    if (parsed.data.intent === "options") {
      return jsonAnswer({ options: await passkeyRegistrationOptions({ userId: session.user.id, rp, now }) });
    }
    await registerPasskey({ userId: session.user.id, sessionId: session.id, name: parsed.data.name, response: parsed.data.response, rp, now });
    return jsonAnswer({ ok: true });
  } catch (error) {
    if (error instanceof DomainError) return jsonAnswer({ error: refusalMessage(error, t, locale) }, { status: 400 });
    throw error;
  }
}
