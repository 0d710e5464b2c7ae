// What the case file depends on besides the procedure, read from the request: the reader's
// language and the portal's address printed in its PDFs (decision 0037). The ZIP route and its
// status page must compute the same, or they would speak of different archives.
import { getLocale } from "../../i18n/locale.server";
import { now as serverNow } from "../../infra/clock.server";
import { env } from "../../infra/env.server";
import { publicBaseUrl } from "../../infra/http.server";
import type { CaseFileJobOptions } from "../../documents/case-file-job.server";

export async function caseFileOptions(request: Request, officerUserId: string, slug: string): Promise<CaseFileJobOptions> {
  return { officerUserId, callSlug: slug, locale: await getLocale(request), cityName: env().CITY_NAME, baseUrl: publicBaseUrl(request), now: serverNow() };
}
