// The six-digit code of an authenticator app, asked at sign-in and when switching it on.
import { useTranslation } from "../i18n/use-translation";
import { TextField } from "./form";

export function OneTimeCodeField({ error }: { error?: string }) {
  const { t } = useTranslation();
  return <TextField name="code" label={t("security.code.label")} hint={t("security.code.hint")} autoComplete="one-time-code" error={error} required />;
}
