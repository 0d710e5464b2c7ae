// The page renderer of the document model (app/documents/blocks.ts): blocks as KERN markup.
// The PDF of the same model comes from app/documents/pdf.server.ts; a block that only print
// can show (or only a page) says so and is left out here (or there).
import { Fragment, useId, type ReactNode } from "react";
import {
  alignOf,
  blocksFor,
  cellText,
  isCovered,
  isSpan,
  isValue,
  lines,
  rowHeaderIndex,
  type Block,
  type DocumentModel,
  type Fact,
  type Inline,
  type Table,
  type Text,
  type Value,
} from "../documents/blocks";
import { formatValue, isoOf, type Reader } from "../documents/format";
import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";
import { BarPairChart } from "./bar-pair-chart";
import { LineChart } from "./line-chart";
import { COVERED_CELL, DataTable, type DataTableCell } from "./data-table";
import { DescriptionList } from "./description-list";
import { Heading, Section, type HeadingLevel } from "./section";

/**
 * `embedded`: the document is part of a page with its own h1 (the opening, the
 * Vergabevermerk): its title is an h2, it has no preline and its parts are stacked.
 */
export function DocumentView({ doc, embedded = false }: { doc: DocumentModel; embedded?: boolean }) {
  const reader = useTranslation();
  const titleId = useId();
  const blocks = blocksFor(doc.blocks, "page");
  const context: Context = { reader, embedded, titleId };
  return (
    <article aria-labelledby={titleId} className={embedded ? "stack" : undefined}>
      <Blocks blocks={blocks} level={embedded ? 2 : 1} context={context} />
    </article>
  );
}

/**
 * Blocks of a document where a page composes them with parts of its own (the call between
 * its status and its table of contents) or shows one of them (a ranking table). `level`:
 * the heading level of the part they belong to.
 */
export function DocumentBlocks({ blocks, level, embedded = true }: { blocks: Block[]; level: HeadingLevel; embedded?: boolean }) {
  const reader = useTranslation();
  const titleId = useId();
  return <Blocks blocks={blocksFor(blocks, "page")} level={level} context={{ reader, embedded, titleId }} />;
}

type Context = { reader: Reader; embedded: boolean; titleId: string };

/** `level`: the heading level of the part these blocks belong to. */
function Blocks({ blocks, level, context }: { blocks: Block[]; level: number; context: Context }) {
  return (
    <>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} level={level} context={context} />
      ))}
    </>
  );
}

const clamp = (level: number) => Math.min(6, level) as HeadingLevel;

function BlockView({ block, level, context }: { block: Block; level: number; context: Context }) {
  const { reader, embedded } = context;
  const text = (t: Text) => <TextView text={t} reader={reader} />;
  switch (block.kind) {
    case "letterhead":
      return embedded ? null : (
        <p className="kern-preline">
          {block.authority} · {block.department}
        </p>
      );
    case "title":
      return (
        <Heading level={clamp(level)} id={context.titleId}>
          {block.text}
        </Heading>
      );
    case "lead":
      return <p className="kern-body--large">{text(block.text)}</p>;
    case "section": {
      const sub = clamp(level + 1);
      // On a document page its parts are spaced apart and what they hold flows; within a
      // page, parts and what they hold are stacked.
      const spacing = embedded ? (block.card ? undefined : "stack") : level === 1 || block.card ? "call-section" : undefined;
      return (
        <Section
          title={text(block.title)}
          level={sub}
          id={block.id}
          card={block.card}
          minor={block.minor}
          badge={block.badge ? <Badge tone={block.badge.tone}>{block.badge.text}</Badge> : undefined}
          className={spacing}
        >
          <Blocks blocks={blocksFor(block.blocks, "page")} level={sub} context={context} />
        </Section>
      );
    }
    case "heading":
      return (
        <Heading level={clamp(level + 1)} minor={block.minor}>
          {text(block.text)}
        </Heading>
      );
    case "paragraph": {
      const className = block.size === "small" ? "kern-body--small" : `kern-body${block.size === "large" ? " kern-body--large" : ""}${block.strong ? " kern-body--bold" : ""}`;
      return <p className={className}>{text(block.text)}</p>;
    }
    case "list": {
      const items = block.items.map((item, i) => <li key={i}>{text(item)}</li>);
      if (block.style === "number") return <ol className="kern-list kern-list--number">{items}</ol>;
      return <ul className={block.style === "bullet" ? "kern-list kern-list--bullet" : "kern-list"}>{items}</ul>;
    }
    case "facts":
      return <Facts items={block.items} reader={reader} compact={block.compact} />;
    case "table":
      return <TableView table={block} reader={reader} />;
    case "chart":
    case "lineChart":
      return (
        <figure className="staffing-chart">
          {block.kind === "chart" ? <BarPairChart chart={block} reader={reader} /> : <LineChart chart={block} reader={reader} />}
          <figcaption className="kern-body--small">{block.note}</figcaption>
          <TableView table={block.table} reader={reader} />
        </figure>
      );
    case "note":
      return (
        <Alert tone={block.tone} title={block.title ? text(block.title) : undefined} icon={Boolean(block.title) && (block.tone === "warning" || block.tone === "danger")}>
          {block.body.map((b, i) => (
            <p key={i} className="kern-body">
              {text(b)}
            </p>
          ))}
        </Alert>
      );
    // A letter on a page reads in text order; the sender line belongs to the envelope's window.
    case "senderLine":
      return null;
    case "address":
      return (
        <address className="kern-body">
          {block.lines.map((line, i) => (
            <Fragment key={i}>
              {i > 0 ? <br /> : null}
              {text(line)}
            </Fragment>
          ))}
        </address>
      );
    case "reference":
      return <Facts items={block.rows.map(([label, value]) => ({ label, value }))} reader={reader} />;
    case "subject":
      return <p className="kern-body kern-body--bold">{block.text}</p>;
    case "salutation":
      return <p className="kern-body">{block.text}</p>;
    case "closing":
      return (
        <>
          <p className="kern-body">{block.greeting}</p>
          <p className="kern-body">{text(lines(block.office))}</p>
        </>
      );
  }
}

function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return (
    <strong className={`kern-badge kern-badge--${tone}`}>
      <span className="kern-label">{children}</span>
    </strong>
  );
}

function Facts({ items, reader, compact = false }: { items: Fact[]; reader: Reader; compact?: boolean }) {
  return (
    <DescriptionList
      className={compact ? "scale-list" : undefined}
      items={items
        .filter((item) => item.only !== "print")
        .map((item) => ({
          label: item.label,
          value:
            "address" in item ? (
              <address className="kern-body">
                <TextView text={lines(item.address)} reader={reader} />
              </address>
            ) : "list" in item ? (
              <ul className="kern-list">
                {item.list.map((line, j) => (
                  <li key={j}>
                    <TextView text={line} reader={reader} />
                  </li>
                ))}
              </ul>
            ) : (
              <TextView text={item.value} reader={reader} />
            ),
        }))}
    />
  );
}

function TableView({ table, reader }: { table: Table; reader: Reader }) {
  const header = rowHeaderIndex(table.columns);
  const columns = table.columns.map((c, i) => ({ label: c.label, numeric: alignOf(c) === "end", rowHeader: i === header }));
  const rows = table.rows.map((row) =>
    row.map((cell, i): DataTableCell => {
      if (isCovered(cell)) return COVERED_CELL;
      if (isSpan(cell)) return { content: <TextView text={cellText(cell.cell, table.columns[i])} reader={reader} />, rowSpan: cell.rowSpan };
      return <TextView text={cellText(cell, table.columns[i])} reader={reader} />;
    }),
  );
  const totals = table.totals;
  const offset = totals ? table.columns.length - totals.cells.length : 0;
  const totalCell = (cell: (typeof table.rows)[number][number], i: number): ReactNode => {
    if (isCovered(cell) || isSpan(cell)) return null;
    const content = <TextView text={cellText(cell, table.columns[offset + i])} reader={reader} />;
    return totals?.strong ? <strong>{content}</strong> : content;
  };
  return (
    <DataTable
      id={table.id}
      caption={table.caption}
      columns={columns}
      rows={rows}
      totals={totals ? { label: totals.label, cells: totals.cells.map(totalCell) } : undefined}
      striped={table.striped}
      small={table.small}
    />
  );
}

/**
 * A SHA-256 in hex, in <code class="hash"> (app.css: word-break: break-all), so that it wraps
 * on small screens; the <wbr> every 16 characters does the same where that style is missing.
 * Copying still yields the unbroken string.
 */
export function Hash({ value }: { value: string }) {
  const chunks = value.match(/.{1,16}/g) ?? [value];
  return (
    <code className="hash" translate="no">
      {chunks.map((chunk, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {chunk}
        </Fragment>
      ))}
    </code>
  );
}

function ValueView({ value, reader }: { value: Value; reader: Reader }) {
  if (value.format === "hash") return <Hash value={String(value.value)} />;
  const iso = isoOf(value);
  const text = formatValue(value, reader);
  return iso ? <time dateTime={iso}>{text}</time> : <>{text}</>;
}

function InlineView({ inline, reader }: { inline: Inline; reader: Reader }) {
  if (typeof inline === "string") return <>{inline}</>;
  if ("br" in inline) return <br />;
  const content = "value" in inline ? <ValueView value={inline.value} reader={reader} /> : inline.text;
  const linked =
    "href" in inline && inline.href ? (
      <a className="kern-link" href={inline.href} download={inline.download || undefined}>
        {content}
      </a>
    ) : (
      content
    );
  switch (inline.style) {
    case "strong":
    case "flag":
      return <strong>{linked}</strong>;
    case "badge":
      return <Badge tone="danger">{linked}</Badge>;
    case "secondary":
      return <span className="kern-body--small">{linked}</span>;
    default:
      return <>{linked}</>;
  }
}

export function TextView({ text, reader }: { text: Text | Value; reader: Reader }) {
  if (typeof text === "string") return <>{text}</>;
  if (isValue(text)) return <ValueView value={text} reader={reader} />;
  return (
    <>
      {text.map((inline, i) => (
        <InlineView key={i} inline={inline} reader={reader} />
      ))}
    </>
  );
}
