// The notices of the award procedure (Vorabinformation, Zuschlag, Absage, Aufhebung): what
// each carrier's letter says about its lots, and the pipeline that sends it. PDFs are
// rendered and stored before the transaction (it awaits nothing but queries); the rows that name them are
// written in it; mail goes out after the commit and a failed mail is logged, never undoing
// the step (the notice stays on the carrier's dashboard). Notice PDFs belong to the
// addressee's organisation (stored_files.organisation_id) and to its application
// (stored_files.application_id), so that app/submission/access.server.ts lets that
// organisation's members and, after the opening, the city's officers read them, and nobody
// else. The letters' text is app/award/letters.ts, their PDF letters-pdf.server.ts. The stored
// PDF is the German letter, the binding one; a member who chose English gets with it the
// English translation, marked as such, in the mail and as a second PDF (decision 0020).
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { translator, type Locale } from "../i18n";
import { memberRecipients } from "../identity/carriers.server";
import { first, type Db, type Tx } from "../infra/db.server";
import { env } from "../infra/env.server";
import { DomainError } from "../infra/errors";
import { sendToEachReader } from "../infra/mail.server";
import { lots, notices, organisations, storedFiles } from "../infra/schema";
import { fileStorage, type FileStorage, type SavedFile } from "../infra/storage.server";
import { removeUnlessRecorded } from "../infra/stored-files.server";
import { loadCallView } from "../procurement/calls.server";
import { lotResults } from "../evaluation/assessment.server";
import { renderNoticePdf, noticeFileName } from "./letters-pdf.server";
import { noticeMail, noticeText, type LetterInput, type LotOutcome, type NoticeDocument } from "./letters";
import { countingEntries, decisionsOf, lotLabel, type CallRow, type Reader, type StoredAllocation } from "./records.server";

export type SentNotices = { notices: number; mailsSent: number };

// ---------------------------------------------------------------------------------------
// Outcomes per carrier and lot (for the letters)

type Outcomes = Map<string, { organisationId: string; organisationName: string; applicationId: string; lots: LotOutcome[] }>;

/** Each bidder's outcome per lot; `onlyLots`: just those lots (a round of the award). */
export async function outcomesOf(database: Db, call: CallRow, allocation: StoredAllocation, onlyLots?: Set<string>): Promise<Outcomes> {
  const entries = await countingEntries(database, call.id);
  const decisions = await decisionsOf(database, call.id);
  const results = await lotResults({ callId: call.id, db: database });
  const resultsByLot = new Map(results.lots.map((l) => [l.lotId, l]));
  const cancelledLots = new Map(
    (await database.select({ id: lots.id, reason: lots.cancellationReason }).from(lots).where(and(eq(lots.callId, call.id))))
      .filter((l) => l.reason !== null)
      .map((l) => [l.id, l.reason!]),
  );
  const lotMeta = new Map((await loadCallView(call.slug, { includeDrafts: true, db: database }))!.lots.map((l) => [l.id, l]));
  const fteOf = (lotId: string, submissionId: string) => decisions.find((d) => d.lotId === lotId && d.submissionId === submissionId);
  const out: Outcomes = new Map();
  for (const entry of entries) {
    const own: LotOutcome[] = [];
    for (const l of entry.lots) {
      if (onlyLots && !onlyLots.has(l.lotId)) continue;
      const meta = lotMeta.get(l.lotId);
      if (!meta) continue;
      const label = lotLabel(meta);
      const exclusion =
        allocation.excluded.find((x) => x.submissionId === entry.submissionId && x.lotId === null) ??
        allocation.excluded.find((x) => x.submissionId === entry.submissionId && x.lotId === l.lotId);
      const allocated = allocation.lots.find((a) => a.lotId === l.lotId);
      const winners = (allocated?.bids ?? [])
        .map((b) => ({ b, d: fteOf(l.lotId, b.submissionId) }))
        .filter(({ b, d }) => d && d.fteAwardedHundredths > 0 && b.submissionId !== entry.submissionId)
        .map(({ b, d }) => ({ organisationName: b.organisationName, awardedHundredths: d!.fteAwardedHundredths }));
      if (cancelledLots.has(l.lotId)) {
        own.push({ lotLabel: label, status: "cancelled", offeredHundredths: null, awardedHundredths: 0, reason: cancelledLots.get(l.lotId)!, changeReason: null, winners: [], comparison: null });
        continue;
      }
      if (exclusion || !allocated) {
        own.push({
          lotLabel: label,
          status: "excluded",
          offeredHundredths: null,
          awardedHundredths: 0,
          reason: exclusion?.reason ?? "Das Angebot wurde nicht zugelassen.",
          changeReason: null,
          winners,
          comparison: null,
        });
        continue;
      }
      const bid = allocated.bids.find((b) => b.submissionId === entry.submissionId);
      const decision = fteOf(l.lotId, entry.submissionId);
      if (!bid || !decision) continue;
      const awarded = decision.fteAwardedHundredths;
      const status: LotOutcome["status"] = awarded === 0 ? "unsuccessful" : awarded < bid.offeredHundredths ? "partial" : "awarded";
      // The comparison is with the best-ranked carrier awarded FTE in the lot (not oneself).
      const winnerBid = allocated.bids.find((b) => b.submissionId !== entry.submissionId && (fteOf(l.lotId, b.submissionId)?.fteAwardedHundredths ?? 0) > 0);
      const lotResult = resultsByLot.get(l.lotId);
      const ownResult = lotResult?.bids.find((b) => b.submissionId === entry.submissionId);
      const winnerResult = winnerBid ? lotResult?.bids.find((b) => b.submissionId === winnerBid.submissionId) : undefined;
      own.push({
        lotLabel: label,
        status,
        offeredHundredths: bid.offeredHundredths,
        awardedHundredths: awarded,
        reason: decision.changeReason ? decision.reason : bid.reason,
        changeReason: decision.changeReason,
        winners,
        comparison:
          winnerBid && ownResult && winnerResult
            ? {
                winnerName: winnerBid.organisationName,
                rows: results.criteria.filter((c) => ownResult.criteria.some((x) => x.criterionId === c.id)).map((c) => ({
                  criterion: c.name,
                  weightPercent: c.weightPercent,
                  own: ownResult.criteria.find((x) => x.criterionId === c.id)?.final ?? null,
                  winner: winnerResult.criteria.find((x) => x.criterionId === c.id)?.final ?? null,
                })),
                ownTotal: ownResult.total,
                winnerTotal: winnerResult.total,
                ownRank: ownResult.rank,
                winnerRank: winnerResult.rank,
              }
            : null,
      });
    }
    if (own.length) out.set(entry.organisationId, { organisationId: entry.organisationId, organisationName: entry.organisationName, applicationId: entry.applicationId, lots: own });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sending notices: PDF stored before the transaction, rows in it, mail after it.

/** A notice to one organisation, before it is rendered: `write` writes it in a language (German is sent and stored, English translates it). */
export type NoticeToSend = { organisationId: string; applicationId: string | null; write: (locale: Locale) => NoticeDocument };

type Outgoing = NoticeToSend & { doc: NoticeDocument; pdf: Uint8Array; fileName: string; saved: SavedFile };

export type SendOptions = {
  /** Where the PDFs are stored; default fileStorage(). */
  storage?: FileStorage;
  /** The portal's public base URL, for the PDF footer and the mail's link. */
  baseUrl?: string;
  /** Default true; the demo loader may leave the mails out. */
  sendMails?: boolean;
};

/** The portal's public base URL for letters and mails, without a trailing slash (may be empty). */
export function baseUrlOf(opts: SendOptions): string {
  return (opts.baseUrl ?? env().PUBLIC_URL ?? "").replace(/\/$/, "");
}

async function renderAndStore(docs: NoticeToSend[], slug: string, opts: SendOptions): Promise<Outgoing[]> {
  const storage = opts.storage ?? fileStorage();
  const out: Outgoing[] = [];
  try {
    for (const d of docs) {
      const doc = d.write("de");
      const pdf = await renderNoticePdf(doc, { cityName: env().CITY_NAME, publicUrl: `${baseUrlOf(opts)}/aufrufe/${slug}` });
      const fileName = noticeFileName(doc.kind, slug);
      const saved = await storage.save(Readable.from([Buffer.from(pdf)]), { fileName, maxBytes: 50 * 1024 * 1024, allowed: [{ mime: "application/pdf", label: "PDF" }], madeByPortal: true });
      out.push({ ...d, doc, pdf, fileName, saved });
    }
  } catch (error) {
    // Nothing recorded them yet: the rows come in `record`.
    for (const o of out) await (opts.storage ?? fileStorage()).remove(o.saved.storageKey).catch(() => {});
    throw error;
  }
  return out;
}

async function removeStored(database: Db, outgoing: Outgoing[], opts: SendOptions) {
  const storage = opts.storage ?? fileStorage();
  for (const o of outgoing) await removeUnlessRecorded(database, storage, o.saved.storageKey);
}

export async function insertNotices(tx: Tx, outgoing: Outgoing[], callId: string, officerId: string, now: Date, earliestAwardAt: Date | null) {
  const written = [];
  for (const o of outgoing) {
    const [{ id: fileId }] = await tx
      .insert(storedFiles)
      .values({
        backend: o.saved.backend,
        storageKey: o.saved.storageKey,
        originalName: o.fileName,
        mediaType: o.saved.mediaType,
        sizeBytes: o.saved.sizeBytes,
        sha256: o.saved.sha256,
        uploadedByUserId: officerId,
        organisationId: o.organisationId,
        applicationId: o.applicationId,
      })
      .returning({ id: storedFiles.id });
    const [{ id: noticeId }] = await tx
      .insert(notices)
      .values({ callId, organisationId: o.organisationId, kind: o.doc.kind, sentAt: now, earliestAwardAt, storedFileId: fileId, body: noticeText(o.doc) })
      .returning({ id: notices.id });
    written.push({ noticeId, fileId, organisationId: o.organisationId, kind: o.doc.kind, sha256: o.saved.sha256 });
  }
  return written;
}

/**
 * Mails each notice to its organisation's members; `callId`: every notice names a bidder of
 * that call. A member who chose English gets the translation after the German text and its
 * PDF (rendered for the mail, not stored: the stored letter is the German one) as a second attachment.
 */
async function mailNotices(database: Db, callId: string, outgoing: Outgoing[], opts: SendOptions, slug: string): Promise<number> {
  if (opts.sendMails === false) return 0;
  const t = translator("de");
  const portalUrl = baseUrlOf(opts) ? `${baseUrlOf(opts)}/traeger` : undefined;
  let sent = 0;
  for (const o of outgoing) {
    const attachment = { filename: o.fileName, content: o.pdf, contentType: "application/pdf" };
    sent += await sendToEachReader(
      await memberRecipients(database, o.organisationId),
      async (reader) => {
        if (reader === "de") {
          // A cancellation may come before the opening: sealed in the outbox until then.
          return { ...noticeMail(o.doc, t, { portalUrl, baseUrl: opts.baseUrl }), attachments: [attachment], sealedUntilOpeningOf: callId };
        }
        const translation = o.write(reader);
        const pdf = await renderNoticePdf(translation, { cityName: env().CITY_NAME, publicUrl: `${baseUrlOf(opts)}/aufrufe/${slug}` });
        return {
          ...noticeMail(o.doc, t, { portalUrl, baseUrl: opts.baseUrl }, translation),
          attachments: [attachment, { filename: noticeFileName(translation.kind, slug, reader), content: pdf, contentType: "application/pdf" }],
          sealedUntilOpeningOf: callId,
        };
      },
      `${o.doc.kind} notice`,
    );
  }
  return sent;
}

/**
 * The pipeline of every notice: each PDF rendered and stored first (a transaction awaits
 * nothing but queries); `record` writes the rows and the audit entry in one transaction, and if it throws
 * the stored PDFs are removed again; `afterCommit` runs next; then the mails go out.
 */
export async function deliverNotices(
  database: Db,
  call: { id: string; slug: string },
  docs: NoticeToSend[],
  opts: SendOptions,
  steps: { record: (outgoing: Outgoing[]) => Promise<void>; afterCommit?: () => Promise<void> | void },
): Promise<SentNotices> {
  const outgoing = await renderAndStore(docs, call.slug, opts);
  try {
    await steps.record(outgoing);
  } catch (error) {
    await removeStored(database, outgoing, opts);
    throw error;
  }
  await steps.afterCommit?.();
  const mailsSent = await mailNotices(database, call.id, outgoing, opts, call.slug);
  return { notices: outgoing.length, mailsSent };
}

/**
 * What every letter of the call to one organisation needs: the call's file number, the
 * office (the call's authority and its contact), the organisation's postal address as it
 * registered it, and the moment of sending, which dates the letter.
 */
export async function letterInput(database: Reader, call: CallRow, organisationId: string, sentAt: Date): Promise<LetterInput> {
  const addressee = await first(
    database
      .select({ name: organisations.name, street: organisations.street, postalCode: organisations.postalCode, city: organisations.city })
      .from(organisations)
      .where(eq(organisations.id, organisationId)),
  );
  if (!addressee) throw new DomainError("NOT_FOUND", "notFound.carrier");
  const contact = call.texts.contact;
  return {
    call: { title: call.title, isDemo: call.isDemo, fileNumber: call.texts.fileNumber ?? null, serviceStart: call.serviceStart, contractEnd: call.contractEnd },
    office: {
      authority: call.authority,
      department: contact.department,
      unit: contact.name,
      street: contact.street,
      postalCode: contact.postalCode,
      city: contact.city,
      email: contact.email,
      phone: contact.phone,
    },
    addressee,
    sentAt,
  };
}
