// Parts of a lot bid as the carrier submitted it, shown to the city: the formal check and the
// evaluator's scoring page read the same concept texts and posts.
import { formatFteHundredths } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { PostDraft } from "../submission/rules";

/** A concept text as paragraphs: an empty line (Unix or Windows line ends) starts a new one. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="kern-body">
            {p}
          </p>
        ))}
    </>
  );
}

/**
 * The posts (Stellen) of a lot bid. No column names a post, so no cell is a row header
 * (DataTable would make one). `withPayDeclared`: the formal check also shows the declaration
 * of adequate pay.
 */
export function PostsTable({ posts, lotNumber, captionId, withPayDeclared = false }: { posts: PostDraft[]; lotNumber: number; captionId: string; withPayDeclared?: boolean }) {
  const { t, locale } = useTranslation();
  const yesNo = (value: boolean) => (value ? t("check.detail.yes") : t("check.detail.no"));
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="kern-table">
        <caption id={captionId}>{t("check.detail.posts.caption", { number: lotNumber })}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t("check.detail.posts.col.fte")}</th>
            <th scope="col" className="kern-table__header">{t("check.detail.posts.col.qualification")}</th>
            <th scope="col" className="kern-table__header">{t("check.detail.posts.col.degree")}</th>
            <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payGroup")}</th>
            {withPayDeclared ? <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payDeclared")}</th> : null}
            <th scope="col" className="kern-table__header">{t("check.detail.posts.col.languages")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {posts.map((p, i) => (
            <tr key={i} className="kern-table__row">
              <td className="kern-table__cell kern-table__cell--numeric">{formatFteHundredths(p.fteHundredths, locale)}</td>
              <td className="kern-table__cell">{p.qualification}</td>
              <td className="kern-table__cell">{yesNo(p.hasPedagogicalDegree)}</td>
              <td className="kern-table__cell">{p.payGroup}</td>
              {withPayDeclared ? <td className="kern-table__cell">{yesNo(p.payAdequacyDeclared)}</td> : null}
              <td className="kern-table__cell">{p.languages.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
