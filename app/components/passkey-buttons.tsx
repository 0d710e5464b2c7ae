// Passkeys need the browser's WebAuthn API, so these parts appear only once the page runs
// JavaScript and the browser has the API; without it the page offers the TOTP code alone.
// The answer goes to the server as a form body (server.mjs takes only forms).
import { useEffect, useState, type FormEvent } from "react";
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";
import { SubmitButton, TextField } from "./form";

type Answer = { ok?: boolean; redirect?: string; error?: string; options?: unknown };

async function post(action: string, fields: Record<string, string>): Promise<Answer> {
  const response = await fetch(action, { method: "POST", body: new URLSearchParams(fields), headers: { Accept: "application/json" } });
  return (await response.json()) as Answer;
}

function useWebAuthn(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  return supported;
}

/**
 * One WebAuthn ceremony: options from the server, the browser's step (`run`), its answer back
 * with `fields`. Returns the server's answer, or the message to show when a step failed.
 */
async function ceremony(
  action: string,
  run: (options: never) => Promise<unknown>,
  fields: Record<string, string>,
  t: ReturnType<typeof useTranslation>["t"],
): Promise<Answer | string> {
  const options = await post(action, { intent: "options" });
  if (!options.options) return options.error ?? t("security.passkey.failed");
  let response;
  try {
    response = await run(options.options as never);
  } catch {
    return t("security.passkey.cancelled");
  }
  const answer = await post(action, { intent: "verify", ...fields, response: JSON.stringify(response) });
  return answer.error ?? answer;
}

function PasskeyError({ text }: { text: string | null }) {
  return text ? (
    <Alert tone="danger" role="alert">
      <p className="kern-body">{text}</p>
    </Alert>
  ) : null;
}

/** Registers a passkey for the signed-in account, then reloads `done`. */
export function PasskeyRegistration({ action, done }: { action: string; done: string }) {
  const { t } = useTranslation();
  const supported = useWebAuthn();
  const [error, setError] = useState<string | null>(null);
  if (!supported) return null;
  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const answer = await ceremony(action, (optionsJSON) => startRegistration({ optionsJSON }), { name }, t);
    if (typeof answer === "string" || !answer.ok) return setError(typeof answer === "string" ? answer : t("security.passkey.failed"));
    window.location.assign(done);
  }
  return (
    <form method="post" action={action} onSubmit={register} className="stack">
      <PasskeyError text={error} />
      <TextField name="name" id="passkey-name" label={t("security.passkey.name")} hint={t("security.passkey.nameHint")} autoComplete="off" />
      <SubmitButton kind="secondary" label={t("security.passkey.add")} />
    </form>
  );
}

/** The second step of signing in with one of the account's passkeys. */
export function PasskeySignIn({ action, weiter }: { action: string; weiter: string }) {
  const { t } = useTranslation();
  const supported = useWebAuthn();
  const [error, setError] = useState<string | null>(null);
  if (!supported) return null;
  async function signIn() {
    setError(null);
    const answer = await ceremony(action, (optionsJSON) => startAuthentication({ optionsJSON }), { weiter }, t);
    if (typeof answer === "string" || !answer.redirect) return setError(typeof answer === "string" ? answer : t("security.passkey.failed"));
    window.location.assign(answer.redirect);
  }
  return (
    <div className="stack">
      <PasskeyError text={error} />
      <div>
        <button type="button" className="kern-btn kern-btn--primary" onClick={signIn}>
          <span className="kern-label">{t("security.passkey.signIn")}</span>
        </button>
      </div>
    </div>
  );
}
