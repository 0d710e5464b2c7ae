import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { ApplicationStatus, LatestSubmission } from "../submission/applications.server";

/** States plainly whether anything has been submitted: a draft is never a submission. */
export function ApplicationStatusBanner(props: {
  status: ApplicationStatus;
  latest: LatestSubmission | null;
  changedSinceSubmission: boolean;
  editable: boolean;
  deadline: Date;
}) {
  const { t, locale } = useTranslation();
  const deadline = formatDateTime(props.deadline, locale);
  let kind = "info";
  let text: string;
  if (props.status === "submitted" && props.latest) {
    kind = props.changedSinceSubmission ? "warning" : "success";
    text = t("application.status.submitted", {
      version: props.latest.version,
      date: formatDateTime(props.latest.submittedAt, locale),
      number: props.latest.receiptNumber,
    });
    if (props.changedSinceSubmission) text += " " + t("application.status.changedSince");
  } else if (props.status === "withdrawn") {
    kind = "warning";
    text = t("application.status.withdrawn");
  } else {
    kind = "warning";
    text = t("application.status.draft");
  }
  return (
    <div className={`kern-alert kern-alert--${kind}`} role="status">
      <div className="kern-alert__body stack">
        <p className="kern-body kern-body--bold">{text}</p>
        <p className="kern-body">
          {props.editable ? t("application.deadline", { date: deadline }) : t("application.deadlinePassed", { date: deadline })}
        </p>
      </div>
    </div>
  );
}
