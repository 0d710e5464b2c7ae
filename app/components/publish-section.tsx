// The publish form of a draft call, on the editor and on the preview page.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { AnchorError, SubmitButton } from "./form";
import { Section } from "./section";

/** `error` is the refusal, shown above the button. */
export function PublishSection({ slug, withPreviewLink = true, error }: { slug: string; withPreviewLink?: boolean; error?: string }) {
  const { t } = useTranslation();
  return (
    <Section id="abschnitt-publish" level={2} title={t("authoring.section.publish")} className="call-section stack">
      <p className="kern-body">{t("authoring.publish.intro")}</p>
      {withPreviewLink ? (
        <p>
          <Link className="kern-link" to={`/verwaltung/aufrufe/${slug}/vorschau`}>
            {t("authoring.preview.link")}
          </Link>
        </p>
      ) : null}
      <AnchorError name="publish" error={error} />
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <SubmitButton label={t("authoring.publish.submit")} />
      </Form>
    </Section>
  );
}
