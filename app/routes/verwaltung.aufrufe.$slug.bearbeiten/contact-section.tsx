// The contact of the awarding authority, as the call names it.
import { AnchorError, TextField } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { EditorSection, type SectionProps } from "./editor-section";

export function ContactSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const field = (k: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={`contact.${k}`} label={t(`authoring.contact.${k}` as MessageKey)} defaultValue={v[`contact.${k}`]} error={err(`contact.${k}`)} autoComplete="off" {...extra} />
  );
  return (
    <EditorSection {...rest}>
      <AnchorError name="contact" error={err("contact")} />
      {field("name")}
      {field("department")}
      {field("street")}
      {field("postalCode", { inputMode: "numeric" })}
      {field("city")}
      {field("email", { type: "email" })}
      {field("phone", { hint: t("register.optional") })}
      {field("url", { type: "url", hint: t("register.optional") })}
    </EditorSection>
  );
}
