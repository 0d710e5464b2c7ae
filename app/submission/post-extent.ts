// A post's extent as its readers see it: weekly hours with the FTE derived from them
// ("19,5 Wochenstunden (= 0,5 VZÄ)"), or the FTE alone for a post saved before weekly hours
// were asked (decision 0021).
import type { Locale, Translate } from "../i18n";
import { formatFteHundredths } from "../i18n/format";
import type { PostDraft } from "./rules";

type Extent = Pick<PostDraft, "fteHundredths" | "weeklyHoursHundredths">;

/** In a sentence: "19,5 Wochenstunden (= 0,5 VZÄ)". */
export function postExtent(post: Extent, t: Translate, locale: Locale): string {
  const fte = formatFteHundredths(post.fteHundredths, locale);
  return post.weeklyHoursHundredths === undefined
    ? t("post.extentFteOnly", { fte })
    : t("post.extent", { hours: formatFteHundredths(post.weeklyHoursHundredths, locale), fte });
}

/** In a column headed "Wochenstunden (= VZÄ)": "19,5 (= 0,5)". */
export function postExtentCell(post: Extent, t: Translate, locale: Locale): string {
  const fte = formatFteHundredths(post.fteHundredths, locale);
  return post.weeklyHoursHundredths === undefined
    ? t("post.extentCellFteOnly", { fte })
    : t("post.extentCell", { hours: formatFteHundredths(post.weeklyHoursHundredths, locale), fte });
}
