// Parts of a lot bid as the carrier submitted it, shown to the city: the formal check and the
// evaluator's scoring page read the same concept texts and posts.
import { DataTable, type DataTableColumn } from "./data-table";
import { useTranslation } from "../i18n/use-translation";
import { postExtentCell } from "../submission/post-extent";
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

/** The posts (Stellen) of a lot bid. No column names a post, so no cell is a row header. */
export function PostsTable({ posts, lotNumber, captionId }: { posts: PostDraft[]; lotNumber: number; captionId: string }) {
  const { t, locale } = useTranslation();
  const yesNo = (value: boolean) => (value ? t("check.detail.yes") : t("check.detail.no"));
  const columns: DataTableColumn[] = [
    { label: t("check.detail.posts.col.fte"), numeric: true },
    { label: t("check.detail.posts.col.qualification") },
    { label: t("check.detail.posts.col.degree") },
    { label: t("check.detail.posts.col.payGroup") },
    { label: t("check.detail.posts.col.languages") },
  ];
  return (
    <DataTable
      id={captionId}
      caption={t("check.detail.posts.caption", { number: lotNumber })}
      rowHeaders={false}
      columns={columns}
      rows={posts.map((p) => [
        postExtentCell(p, t, locale),
        p.qualification,
        yesNo(p.hasPedagogicalDegree),
        p.payGroup,
        p.languages.join(", "),
      ])}
    />
  );
}
