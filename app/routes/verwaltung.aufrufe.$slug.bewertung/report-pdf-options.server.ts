// What the Vergabevermerk's PDF depends on besides the evaluation, read from the request: the
// reader's language and the address printed in the footer (decision 0031). The PDF route and
// its status page must compute the same, or they would speak of different documents.
import { getLocale } from "../../i18n/locale.server";
import { now as serverNow } from "../../infra/clock.server";
import { env } from "../../infra/env.server";
import { publicBaseUrl } from "../../infra/http.server";
import type { ReportPdfOptions } from "../../evaluation/report-job.server";

export async function reportPdfOptions(request: Request, officerUserId: string, slug: string): Promise<ReportPdfOptions> {
  return {
    officerUserId,
    callSlug: slug,
    locale: await getLocale(request),
    cityName: env().CITY_NAME,
    publicUrl: `${publicBaseUrl(request)}/verwaltung/aufrufe/${slug}/vergabevermerk`,
    now: serverNow(),
  };
}
