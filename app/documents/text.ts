// The plain-text renderer of the document model (./blocks.ts): blocks in reading order as
// paragraphs of text. The letters keep this text as their accessible twin and send it as
// mail (app/award/letters.ts).
import { cellText, isCovered, isSpan, type Block, type Cell, type Column, type Table } from "./blocks";
import { plainText, type Reader } from "./format";

/** A cell as text: empty where another cell covers it. */
function cell(c: Cell, column: Column, reader: Reader): string {
  if (isCovered(c)) return "";
  return plainText(cellText(isSpan(c) ? c.cell : c, column), reader, " ");
}

/** A table row as one line: the first cell names the row, the others are labelled. */
export function tableRowText(row: Cell[], columns: Column[], reader: Reader): string {
  return row
    .map((c, i) => {
      const text = cell(c, columns[i], reader);
      return !text ? "" : i === 0 ? text : `${columns[i].label}: ${text}`;
    })
    .filter(Boolean)
    .join(" | ");
}

/** Every row of a table as a line, the totals row last. */
export function tableLines(table: Table, reader: Reader): string[] {
  const rows = table.rows.map((row) => tableRowText(row, table.columns, reader));
  if (!table.totals) return rows;
  const { label, cells } = table.totals;
  const offset = table.columns.length - cells.length;
  return [...rows, tableRowText([label, ...Array<Cell>(offset - 1).fill(""), ...cells], table.columns, reader)];
}

/** The paragraphs of text a block reads as. */
export function blockText(block: Block, reader: Reader): string[] {
  const text = (t: Parameters<typeof plainText>[0]) => plainText(t, reader);
  switch (block.kind) {
    case "letterhead":
      return [`${block.authority}\n${block.department}`];
    case "title":
    case "lead":
    case "heading":
    case "paragraph":
      return [text(block.text)];
    case "subject":
    case "salutation":
      return [block.text];
    case "section":
      return [text(block.title), ...block.blocks.flatMap((b) => blockText(b, reader))];
    case "list":
      return [block.items.map((item, i) => `${block.style === "number" ? `${i + 1}.` : "-"} ${text(item)}`).join("\n")];
    case "facts":
      return [
        block.items
          .map((item) => `${item.label}: ${"address" in item ? item.address.join(", ") : "list" in item ? item.list.map(text).join("; ") : text(item.value)}`)
          .join("\n"),
      ];
    case "table":
      return [tableLines(block, reader).join("\n")];
    case "chart":
    case "lineChart":
      return [block.title, tableLines(block.table, reader).join("\n")];
    case "note":
      return [[...(block.title ? [text(block.title)] : []), block.body.map(text).join(" ")].join(": ")];
    case "senderLine":
      return [block.parts.join(", ")];
    case "address":
      return [block.lines.map(text).join("\n")];
    case "reference":
      return [block.rows.map(([label, value]) => `${label}: ${value}`).join("\n")];
    case "closing":
      return [block.greeting, block.office.join("\n")];
  }
}
