// Zuschlagsvorschlag: which bid gets how many FTE in each lot, from the ranking per lot
// (Rangfolge). Pure: no database. All FTE in integer hundredths.
//
// Rules, stated once:
// - With split (Losteilung erlaubt): down the ranking, each bid gets what it offered until
//   the requirement is covered; the bid that completes it gets only the remainder
//   (Restbedarf); later bids are not needed. Whatever all bids together do not cover stays
//   uncovered (ungedeckt).
// - Without split: the lot goes to the best-ranked bid alone, which gets min(offered,
//   required); any shortfall stays uncovered, no second carrier is added.
// - Bids offering no FTE are passed over.
// - Equal rank numbers (a tie that scoring could not break): with split, the tied bids share
//   what is left of the requirement in equal parts, each at most its offer (a part one bid
//   cannot take goes to the others); an indivisible last hundredth goes to the bids in input
//   order. Without split, the first of the tied bids in input order wins, i.e. the order
//   lotResults produced (by organisation name) unless the officer reorders it to record a
//   decision (z. B. Losentscheid); the reason says so, so the tie is never decided silently.
// - Cap (Höchstzahl an Losen je Träger): a carrier wins a lot when it is awarded more than
//   0 FTE there. A carrier that would win more lots than the cap keeps its best ones: by its
//   rank in the lot, then the lot with the larger required FTE (more need covered by the
//   better-ranked carrier), then the earlier lot in the input. In the lots it drops, the next
//   bids move up. This repeats until no carrier is over the cap; it ends, because a dropped
//   bid never returns and only moves others up. It is a greedy rule per carrier, not a
//   city-wide optimisation.
import { formatFte } from "../staffing/required-fte";

export type RankedOffer = { bidId: string; organisationId: string; rank: number; offeredHundredths: number };

export type AllocationLot = { lotId: string; requiredHundredths: number; ranking: RankedOffer[] };

export type AllocationInput = { lots: AllocationLot[]; allowSplit: boolean; maxLotsPerCarrier: number | null };

export type AwardStatus =
  | "awarded" // gets all it offered
  | "partial" // gets less than it offered: the remainder, or the lot's requirement
  | "notNeeded" // Bedarf gedeckt
  | "noSplit" // lot not divided, another bid has it
  | "capReached" // Obergrenze an Losen erreicht
  | "nothingOffered";

export type BidAward = RankedOffer & {
  awardedHundredths: number;
  status: AwardStatus;
  /** Equal rank with another bid in this lot. */
  tie: boolean;
  reason: string;
};

export type LotAllocation = {
  lotId: string;
  requiredHundredths: number;
  awardedHundredths: number;
  uncoveredHundredths: number;
  /** In rank order; equal ranks in input order. */
  awards: BidAward[];
  note: string;
};

export type CarrierLots = { organisationId: string; lotIds: string[]; droppedLotIds: string[] };

export type AllocationResult = {
  lots: LotAllocation[];
  carriers: CarrierLots[];
  /** Passes until no carrier was over the cap (1 when nobody was). */
  rounds: number;
};

const lotCount = (n: number) => (n === 1 ? "1 Los" : `${n} Losen`);
const key = (lotId: string, bidId: string) => `${lotId}\u0000${bidId}`;

function check(input: AllocationInput) {
  const cap = input.maxLotsPerCarrier;
  if (cap !== null && (!Number.isInteger(cap) || cap < 1)) throw new RangeError("maxLotsPerCarrier must be a positive integer or null");
  for (const lot of input.lots) {
    if (!Number.isInteger(lot.requiredHundredths) || lot.requiredHundredths < 0) throw new RangeError(`lot ${lot.lotId}: required FTE must be whole hundredths ≥ 0`);
    const seen = new Set<string>();
    for (const b of lot.ranking) {
      if (!Number.isInteger(b.offeredHundredths) || b.offeredHundredths < 0) throw new RangeError(`bid ${b.bidId}: offered FTE must be whole hundredths ≥ 0`);
      if (seen.has(b.bidId)) throw new RangeError(`bid ${b.bidId} appears twice in lot ${lot.lotId}`);
      seen.add(b.bidId);
    }
  }
}

/** Shares `amount` equally among offers, each at most its own (water-filling). */
function shareEqually(amount: number, caps: number[]): number[] {
  const given = caps.map(() => 0);
  let left = amount;
  for (;;) {
    const open = caps.map((c, i) => i).filter((i) => given[i] < caps[i]);
    if (left === 0 || open.length === 0) return given;
    const part = Math.floor(left / open.length);
    if (part === 0) {
      // Fewer hundredths left than open bids: one each, in input order.
      for (const i of open) {
        if (left === 0) break;
        given[i] += 1;
        left -= 1;
      }
      continue;
    }
    for (const i of open) {
      const take = Math.min(part, caps[i] - given[i]);
      given[i] += take;
      left -= take;
    }
  }
}

function allocateLot(lot: AllocationLot, allowSplit: boolean, cap: number | null, dropped: Set<string>): LotAllocation {
  // Stable sort: equal ranks keep the input order.
  const ordered = [...lot.ranking].sort((a, b) => a.rank - b.rank);
  const counts = new Map<number, number>();
  for (const b of ordered) counts.set(b.rank, (counts.get(b.rank) ?? 0) + 1);
  const result = new Map<string, { awarded: number; status: AwardStatus; shared?: boolean }>();
  let remaining = lot.requiredHundredths;
  let winnerRank: number | null = null;
  let winnerRivals = 0; // other live candidates of the winner's rank, without split

  for (let i = 0; i < ordered.length; ) {
    const group = ordered.filter((b) => b.rank === ordered[i].rank);
    i += group.length;
    const candidates: RankedOffer[] = [];
    for (const b of group) {
      if (dropped.has(key(lot.lotId, b.bidId))) result.set(b.bidId, { awarded: 0, status: "capReached" });
      else if (b.offeredHundredths === 0) result.set(b.bidId, { awarded: 0, status: "nothingOffered" });
      else candidates.push(b);
    }
    if (!allowSplit) {
      for (const b of candidates) {
        if (winnerRank !== null) {
          result.set(b.bidId, { awarded: 0, status: "noSplit" });
        } else if (remaining === 0) {
          result.set(b.bidId, { awarded: 0, status: "notNeeded" });
        } else {
          const awarded = Math.min(b.offeredHundredths, remaining);
          result.set(b.bidId, { awarded, status: awarded < b.offeredHundredths ? "partial" : "awarded" });
          remaining -= awarded;
          winnerRank = b.rank;
          winnerRivals = candidates.length - 1;
        }
      }
      continue;
    }
    const offered = candidates.reduce((s, b) => s + b.offeredHundredths, 0);
    const shared = offered > remaining && candidates.length > 1;
    const shares = offered <= remaining ? candidates.map((b) => b.offeredHundredths) : shareEqually(remaining, candidates.map((b) => b.offeredHundredths));
    candidates.forEach((b, k) => {
      const awarded = shares[k];
      const status: AwardStatus = awarded === 0 ? "notNeeded" : awarded < b.offeredHundredths ? "partial" : "awarded";
      result.set(b.bidId, { awarded, status, shared });
      remaining -= awarded;
    });
  }

  const awards: BidAward[] = ordered.map((b) => {
    const { awarded, status, shared = false } = result.get(b.bidId)!;
    const tie = (counts.get(b.rank) ?? 0) > 1;
    // Without split, only a tie for the lot itself was decided by the input order.
    const decidedByOrder = !allowSplit && winnerRivals > 0 && b.rank === winnerRank && (status !== "capReached" && status !== "nothingOffered");
    return { ...b, awardedHundredths: awarded, status, tie, reason: reasonFor(b, awarded, status, shared, allowSplit, cap, decidedByOrder) };
  });
  const awardedTotal = awards.reduce((s, a) => s + a.awardedHundredths, 0);
  const uncovered = lot.requiredHundredths - awardedTotal;
  const note =
    uncovered === 0
      ? `Bedarf ${formatFte(lot.requiredHundredths)} VZÄ gedeckt`
      : `Bedarf ${formatFte(lot.requiredHundredths)} VZÄ, zugeschlagen ${formatFte(awardedTotal)} VZÄ, ungedeckt ${formatFte(uncovered)} VZÄ`;
  return { lotId: lot.lotId, requiredHundredths: lot.requiredHundredths, awardedHundredths: awardedTotal, uncoveredHundredths: uncovered, awards, note };
}

function reasonFor(
  b: RankedOffer,
  awarded: number,
  status: AwardStatus,
  shared: boolean,
  allowSplit: boolean,
  cap: number | null,
  decidedByOrder: boolean,
): string {
  const head = `Rang ${b.rank}`;
  let text: string;
  switch (status) {
    case "awarded":
      text = `${head}: ${formatFte(awarded)} VZÄ zugeschlagen`;
      break;
    case "partial":
      text = `${head}: ${formatFte(awarded)} VZÄ zugeschlagen (${allowSplit ? (shared ? "Restbedarf zu gleichen Teilen" : "Restbedarf") : "Bedarf des Loses"}; angeboten ${formatFte(b.offeredHundredths)} VZÄ)`;
      break;
    case "notNeeded":
      text = `${head}: nicht berücksichtigt, Bedarf gedeckt`;
      break;
    case "noSplit":
      text = `${head}: nicht berücksichtigt, Los wird nicht geteilt`;
      break;
    case "capReached":
      text = `${head}: nicht berücksichtigt, Obergrenze von ${lotCount(cap ?? 0)} erreicht`;
      break;
    case "nothingOffered":
      text = `${head}: nicht berücksichtigt, keine VZÄ angeboten`;
      break;
  }
  if (decidedByOrder) {
    text += ` – Gleichstand auf Rang ${b.rank}, entschieden nach der Reihenfolge der Rangliste`;
  }
  return text;
}

/** The Zuschlagsvorschlag for all lots of a call. */
export function allocateFte(input: AllocationInput): AllocationResult {
  check(input);
  const cap = input.maxLotsPerCarrier;
  const dropped = new Set<string>();
  const droppedLots = new Map<string, string[]>();
  const maxRounds = input.lots.reduce((s, l) => s + l.ranking.length, 0) + 1;
  for (let round = 1; ; round++) {
    const allocations = input.lots.map((lot) => allocateLot(lot, input.allowSplit, cap, dropped));
    const won = new Map<string, { lotIndex: number; rank: number; required: number; bidId: string }[]>();
    allocations.forEach((a, lotIndex) => {
      for (const w of a.awards) {
        if (w.awardedHundredths === 0) continue;
        const list = won.get(w.organisationId) ?? [];
        list.push({ lotIndex, rank: w.rank, required: a.requiredHundredths, bidId: w.bidId });
        won.set(w.organisationId, list);
      }
    });
    let changed = false;
    if (cap !== null) {
      for (const [organisationId, list] of won) {
        if (list.length <= cap) continue;
        list.sort((x, y) => x.rank - y.rank || y.required - x.required || x.lotIndex - y.lotIndex);
        for (const drop of list.slice(cap)) {
          const lotId = input.lots[drop.lotIndex].lotId;
          dropped.add(key(lotId, drop.bidId));
          droppedLots.set(organisationId, [...(droppedLots.get(organisationId) ?? []), lotId]);
          changed = true;
        }
      }
    }
    if (!changed) {
      const organisations = [...new Set(input.lots.flatMap((l) => l.ranking.map((b) => b.organisationId)))];
      const carriers = organisations.map((organisationId) => ({
        organisationId,
        lotIds: allocations.filter((a) => a.awards.some((w) => w.organisationId === organisationId && w.awardedHundredths > 0)).map((a) => a.lotId),
        droppedLotIds: input.lots.map((l) => l.lotId).filter((id) => droppedLots.get(organisationId)?.includes(id)),
      }));
      return { lots: allocations, carriers, rounds: round };
    }
    // Cannot happen (each round drops at least one of finitely many bids); a guard anyway.
    if (round > maxRounds) throw new Error("allocation did not settle");
  }
}

/** The awarded FTE as flat contracts (only bids with more than 0 FTE), e.g. for the Stellenplan. */
export function contractsOf(result: AllocationResult): { lotId: string; bidId: string; organisationId: string; awardedHundredths: number }[] {
  return result.lots.flatMap((l) =>
    l.awards.filter((a) => a.awardedHundredths > 0).map((a) => ({ lotId: l.lotId, bidId: a.bidId, organisationId: a.organisationId, awardedHundredths: a.awardedHundredths })),
  );
}
