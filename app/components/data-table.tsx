// A KERN table: a caption that names it (and the scrollable region around it on small
// screens), column headers, one cell per row that names the row (th scope="row"), numbers
// aligned at the end, and an optional totals row. Used by DocumentView for the document
// model's tables and directly by pages whose tables hold links or controls.
import { isValidElement, useId, type ReactNode } from "react";

export type DataTableColumn = {
  label: ReactNode;
  numeric?: boolean;
  /** The column whose cells name their rows; the first unless one says so. */
  rowHeader?: boolean;
};

/** A cell spanning `rowSpan` rows; the rows below give `COVERED_CELL` in its column. */
export type SpanningCell = { content: ReactNode; rowSpan: number };
export const COVERED_CELL = Symbol("covered by a cell above");
export type DataTableCell = ReactNode | SpanningCell | typeof COVERED_CELL;

function isSpanning(cell: DataTableCell): cell is SpanningCell {
  return typeof cell === "object" && cell !== null && !isValidElement(cell) && !Array.isArray(cell) && "rowSpan" in cell;
}

export function DataTable({
  id,
  caption,
  columns,
  rows,
  totals,
  striped = false,
  small = false,
  rowHeaders = true,
}: {
  /** The caption's id, where something links to the table. */
  id?: string;
  caption: ReactNode;
  columns: DataTableColumn[];
  /** One array per row with a cell per column. */
  rows: DataTableCell[][];
  /** The closing row: `label` spans the columns before `cells`, which fill the last ones. */
  totals?: { label: ReactNode; cells: ReactNode[] };
  striped?: boolean;
  small?: boolean;
  /** False where no column names its rows (a post is only its figures). */
  rowHeaders?: boolean;
}) {
  const generated = useId();
  const captionId = id ?? generated;
  const header = rowHeaders ? Math.max(0, columns.findIndex((c) => c.rowHeader)) : -1;
  const cellClass = (i: number) => `kern-table__cell${columns[i]?.numeric ? " kern-table__cell--numeric" : ""}`;
  const tableClass = ["kern-table", striped ? "kern-table--striped" : "", small ? "kern-table--small" : ""].filter(Boolean).join(" ");
  const cell = (content: DataTableCell, i: number) => {
    if (content === COVERED_CELL) return null;
    const [inner, rowSpan] = isSpanning(content) ? [content.content, content.rowSpan] : [content, undefined];
    return i === header ? (
      <th key={i} scope="row" rowSpan={rowSpan} className={cellClass(i)}>
        {inner}
      </th>
    ) : (
      <td key={i} rowSpan={rowSpan} className={cellClass(i)}>
        {inner}
      </td>
    );
  };
  const spanned = totals ? columns.length - totals.cells.length : 0;
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className={tableClass}>
        <caption id={captionId}>{caption}</caption>
        {columns.some((c) => c.label) ? (
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              {columns.map((c, i) => (
                <th key={i} scope="col" className={`kern-table__header${c.numeric ? " kern-table__header--numeric" : ""}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody className="kern-table__body">
          {rows.map((row, r) => (
            <tr key={r} className="kern-table__row">
              {row.map(cell)}
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr className="kern-table__row">
              <th scope="row" colSpan={spanned > 1 ? spanned : undefined} className="kern-table__cell">
                {totals.label}
              </th>
              {totals.cells.map((content, i) => (
                <td key={i} className={cellClass(spanned + i)}>
                  {content}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
