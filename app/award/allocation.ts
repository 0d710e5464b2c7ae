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
// - Tandem (Flüchtlingssozialarbeit + Flüchtlingsbegleitung of one region, roles paired by
//   tandemWith), within each cap round:
//   - pairs first: in both lots of a tandem, the bids of carriers that offered the two lots
//     as a pair (Tandemangebot) go before single bids; pairs by the sum of their two ranks,
//     then their rank in the first lot, then input order; single bids follow by rank;
//   - each carrier's ratio: a carrier awarded FTE in both lots keeps its first-role share
//     within target ± tolerance (the staffing plan's test); its larger side is cut to the
//     limit (whole hundredths, down) and the rest goes to the next bids;
//   - the region's ratio: when both lots are awarded something but one stays short, the
//     other lot is awarded at most what keeps the region's share within the tolerance; the
//     cut stays uncovered. A side no bid covers at all does not hold the other back (its
//     need is left to a new call, the staffing plan warns).
//   These cuts only lower limits, so repeating them until nothing changes ends.
//   A tandem is split when a carrier holds FTE in only one of its two lots: the result names
//   that carrier and the carriers of the other lot, who must declare their cooperation.
import { formatFte } from "../staffing/required-fte";

export type RankedOffer = { bidId: string; organisationId: string; rank: number; offeredHundredths: number };

export type AllocationLot = { lotId: string; requiredHundredths: number; ranking: RankedOffer[] };

/** The two lots of one region's tandem and the call's ratio for it. */
export type AllocationTandem = {
  regionCode: string;
  /** [the first role's lot, the partner role's lot] */
  lotIds: [string, string];
  /** Staffing shares of the two roles (50 : 50 in the 1 : 1 tandem). */
  shares: [number, number];
  /** Allowed deviation of the first role's share from its target, in percentage points. */
  tolerancePercentPoints: number;
};

/** A carrier's offer of both lots of a tandem as a pair (Tandemangebot). */
export type PairOffer = { organisationId: string; lotIds: [string, string] };

export type AllocationInput = {
  lots: AllocationLot[];
  allowSplit: boolean;
  maxLotsPerCarrier: number | null;
  tandems?: AllocationTandem[];
  pairOffers?: PairOffer[];
};

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
  /** Part of a pair offer that was honoured as such (both bids in play). */
  pair: boolean;
  /** Cut below what it could get, to keep its tandem ratio. */
  tandemCut: boolean;
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

export type TandemAllocation = {
  regionCode: string;
  lotIds: [string, string];
  awardedHundredths: [number, number];
  /** Awarded share of the first role, to one decimal; null when nothing is awarded. */
  sharePercent: number | null;
  /** FTE of a lot left uncovered to keep the region's ratio ([first, partner]). */
  regionCutHundredths: [number, number];
  /** Both lots are awarded, and some carrier holds FTE in only one of them. */
  split: boolean;
  /** Carriers with FTE in one lot only, and which. */
  unpaired: { organisationId: string; lotId: string }[];
  /** Who must declare the cooperation in this tandem (unpaired and their counterparts), input order. */
  cooperation: string[];
};

export type AllocationResult = {
  lots: LotAllocation[];
  carriers: CarrierLots[];
  tandems: TandemAllocation[];
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
  for (const t of input.tandems ?? []) {
    if (t.lotIds[0] === t.lotIds[1]) throw new RangeError(`tandem ${t.regionCode}: two different lots needed`);
    if (!t.shares.every((x) => Number.isInteger(x) && x > 0)) throw new RangeError(`tandem ${t.regionCode}: shares must be positive integers`);
    if (!(t.tolerancePercentPoints >= 0)) throw new RangeError(`tandem ${t.regionCode}: tolerance must be ≥ 0`);
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

/** What the tandem rules set for one lot in a round: the order, cuts per bid, the region's cut. */
type LotContext = {
  /** Sort key per bid id (compared element by element); bids not in it sort by [1, rank]. */
  pairKeys: Map<string, number[]>;
  /** At most this many hundredths per bid id (carrier's ratio). */
  ceilings: Map<string, number>;
  /** At most this much of the requirement is awarded (region's ratio). */
  limit: number;
};

const NO_CONTEXT = (lot: AllocationLot): LotContext => ({ pairKeys: new Map(), ceilings: new Map(), limit: lot.requiredHundredths });

function regionCutOf(required: number, awarded: number, limit: number): number {
  return limit < required && awarded === limit ? required - limit : 0;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function allocateLot(lot: AllocationLot, allowSplit: boolean, cap: number | null, dropped: Set<string>, context: LotContext = NO_CONTEXT(lot)): LotAllocation {
  const keyOf = (b: RankedOffer) => context.pairKeys.get(b.bidId) ?? [1, b.rank];
  // Stable sorts: equal keys keep the input order. Allocation goes by the key (pairs first),
  // the awards are listed by rank.
  const byRank = [...lot.ranking].sort((a, b) => a.rank - b.rank);
  const ordered = [...lot.ranking].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const counts = new Map<number, number>();
  for (const b of byRank) counts.set(b.rank, (counts.get(b.rank) ?? 0) + 1);
  const result = new Map<string, { awarded: number; status: AwardStatus; shared?: boolean }>();
  let remaining = Math.min(context.limit, lot.requiredHundredths);
  let winnerKey: number[] | null = null;
  let winnerRivals = 0; // other live candidates of the winner's key, without split
  const available = (b: RankedOffer) => Math.min(b.offeredHundredths, context.ceilings.get(b.bidId) ?? Infinity);

  for (let i = 0; i < ordered.length; ) {
    const group = ordered.filter((b) => compareKeys(keyOf(b), keyOf(ordered[i])) === 0);
    i += group.length;
    const candidates: RankedOffer[] = [];
    for (const b of group) {
      if (dropped.has(key(lot.lotId, b.bidId))) result.set(b.bidId, { awarded: 0, status: "capReached" });
      else if (b.offeredHundredths === 0) result.set(b.bidId, { awarded: 0, status: "nothingOffered" });
      else candidates.push(b);
    }
    if (!allowSplit) {
      for (const b of candidates) {
        if (winnerKey !== null) {
          result.set(b.bidId, { awarded: 0, status: "noSplit" });
        } else if (remaining === 0) {
          result.set(b.bidId, { awarded: 0, status: "notNeeded" });
        } else {
          const awarded = Math.min(available(b), remaining);
          result.set(b.bidId, { awarded, status: awarded < b.offeredHundredths ? "partial" : "awarded" });
          remaining -= awarded;
          winnerKey = keyOf(b);
          winnerRivals = candidates.length - 1;
        }
      }
      continue;
    }
    const offered = candidates.reduce((s, b) => s + available(b), 0);
    const shared = offered > remaining && candidates.length > 1;
    const shares = offered <= remaining ? candidates.map(available) : shareEqually(remaining, candidates.map(available));
    candidates.forEach((b, k) => {
      const awarded = shares[k];
      const status: AwardStatus = awarded === 0 ? "notNeeded" : awarded < b.offeredHundredths ? "partial" : "awarded";
      result.set(b.bidId, { awarded, status, shared });
      remaining -= awarded;
    });
  }

  const awards: BidAward[] = byRank.map((b) => {
    const { awarded, status, shared = false } = result.get(b.bidId)!;
    const tie = (counts.get(b.rank) ?? 0) > 1;
    // Without split, only a tie for the lot itself was decided by the input order.
    const decidedByOrder =
      !allowSplit && winnerRivals > 0 && winnerKey !== null && compareKeys(keyOf(b), winnerKey) === 0 && status !== "capReached" && status !== "nothingOffered";
    const pair = context.pairKeys.has(b.bidId);
    const tandemCut = status === "partial" && available(b) < b.offeredHundredths && awarded === available(b);
    return { ...b, awardedHundredths: awarded, status, tie, pair, tandemCut, reason: reasonFor(b, awarded, status, shared, allowSplit, cap, decidedByOrder, pair, tandemCut) };
  });
  const awardedTotal = awards.reduce((s, a) => s + a.awardedHundredths, 0);
  const uncovered = lot.requiredHundredths - awardedTotal;
  // The region's limit counts only where it binds (the offers would have given more).
  const regionCut = regionCutOf(lot.requiredHundredths, awardedTotal, context.limit);
  let note =
    uncovered === 0
      ? `Bedarf ${formatFte(lot.requiredHundredths)} VZÄ gedeckt`
      : `Bedarf ${formatFte(lot.requiredHundredths)} VZÄ, zugeschlagen ${formatFte(awardedTotal)} VZÄ, ungedeckt ${formatFte(uncovered)} VZÄ`;
  if (regionCut > 0) note += ` (davon ${formatFte(regionCut)} VZÄ nicht vergeben, um das Tandemverhältnis der Region zu halten)`;
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
  pair: boolean,
  tandemCut: boolean,
): string {
  const head = pair ? `Rang ${b.rank}, Tandemangebot` : `Rang ${b.rank}`;
  let text: string;
  switch (status) {
    case "awarded":
      text = `${head}: ${formatFte(awarded)} VZÄ zugeschlagen`;
      break;
    case "partial":
      text = `${head}: ${formatFte(awarded)} VZÄ zugeschlagen (${tandemCut ? "Tandemverhältnis des Trägers" : allowSplit ? (shared ? "Restbedarf zu gleichen Teilen" : "Restbedarf") : "Bedarf des Loses"}; angeboten ${formatFte(b.offeredHundredths)} VZÄ)`;
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

/** Largest FTE of the first role that keeps its share within the tolerance next to `partner` FTE of the second (null: no limit). */
function maxFirst(t: AllocationTandem, partner: number): number | null {
  const [sA, sB] = t.shares;
  const p = t.tolerancePercentPoints;
  const below = 100 * sB - p * (sA + sB);
  return below <= 0 ? null : Math.floor((partner * (100 * sA + p * (sA + sB))) / below);
}

/** The same for the second role, next to `first` FTE of the first. */
function maxSecond(t: AllocationTandem, first: number): number | null {
  return maxFirst({ ...t, shares: [t.shares[1], t.shares[0]] }, first);
}

function awardsByCarrier(a: LotAllocation): Map<string, { bidId: string; hundredths: number }> {
  const m = new Map<string, { bidId: string; hundredths: number }>();
  for (const w of a.awards) if (w.awardedHundredths > 0) m.set(w.organisationId, { bidId: w.bidId, hundredths: w.awardedHundredths });
  return m;
}

/**
 * One cap round: every lot allocated, the tandem rules applied until they change nothing.
 * Contexts start afresh each round, since the dropped bids change who is in play.
 */
function allocateRound(input: AllocationInput, dropped: Set<string>): { allocations: LotAllocation[]; contexts: Map<string, LotContext> } {
  const contexts = new Map(input.lots.map((l) => [l.lotId, NO_CONTEXT(l)]));
  const lotById = new Map(input.lots.map((l) => [l.lotId, l]));
  const tandems = (input.tandems ?? []).filter((t) => lotById.has(t.lotIds[0]) && lotById.has(t.lotIds[1]));
  for (const t of tandems) {
    const [first, second] = t.lotIds.map((id) => lotById.get(id)!);
    for (const pair of input.pairOffers ?? []) {
      if (pair.lotIds[0] !== t.lotIds[0] || pair.lotIds[1] !== t.lotIds[1]) continue;
      const a = first.ranking.find((b) => b.organisationId === pair.organisationId);
      const b = second.ranking.find((x) => x.organisationId === pair.organisationId);
      // A pair counts only while both its bids are in play.
      if (!a || !b || dropped.has(key(first.lotId, a.bidId)) || dropped.has(key(second.lotId, b.bidId)) || !a.offeredHundredths || !b.offeredHundredths) continue;
      contexts.get(first.lotId)!.pairKeys.set(a.bidId, [0, a.rank + b.rank, a.rank]);
      contexts.get(second.lotId)!.pairKeys.set(b.bidId, [0, a.rank + b.rank, a.rank]);
    }
  }
  const guard = input.lots.reduce((s, l) => s + l.requiredHundredths + l.ranking.reduce((x, b) => x + b.offeredHundredths, 0), 0) + 2;
  for (let pass = 0; ; pass++) {
    const allocations = input.lots.map((lot) => allocateLot(lot, input.allowSplit, input.maxLotsPerCarrier, dropped, contexts.get(lot.lotId)));
    const byId = new Map(allocations.map((a) => [a.lotId, a]));
    let changed = false;
    const lower = (lotId: string, bidId: string | null, value: number | null) => {
      if (value === null) return;
      const c = contexts.get(lotId)!;
      if (bidId === null) {
        if (value < c.limit) (c.limit = value), (changed = true);
      } else if (value < (c.ceilings.get(bidId) ?? Infinity)) {
        c.ceilings.set(bidId, value);
        changed = true;
      }
    };
    for (const t of tandems) {
      const [a, b] = t.lotIds.map((id) => byId.get(id)!);
      const inB = awardsByCarrier(b);
      for (const [organisationId, x] of awardsByCarrier(a)) {
        const y = inB.get(organisationId);
        if (!y) continue;
        const limitA = maxFirst(t, y.hundredths);
        const limitB = maxSecond(t, x.hundredths);
        if (limitA !== null && x.hundredths > limitA) lower(a.lotId, x.bidId, limitA);
        else if (limitB !== null && y.hundredths > limitB) lower(b.lotId, y.bidId, limitB);
      }
      if (changed) continue;
      if (a.awardedHundredths > 0 && b.awardedHundredths > 0) {
        lower(a.lotId, null, maxFirst(t, b.awardedHundredths));
        lower(b.lotId, null, maxSecond(t, a.awardedHundredths));
      }
    }
    if (!changed) return { allocations, contexts };
    // Cannot happen (limits only fall, in whole hundredths); a guard anyway.
    if (pass > guard) throw new Error("tandem allocation did not settle");
  }
}

/**
 * Whether a tandem's awards split it: both lots awarded, some carrier in one lot only. Who
 * must cooperate: those carriers and every carrier of the other lot, in the order of `awards`.
 * Used by the allocation and again on the decisions as an officer changed them.
 */
export function tandemSplit(
  lotIds: [string, string],
  awards: { lotId: string; organisationId: string; awardedHundredths: number }[],
): Pick<TandemAllocation, "split" | "unpaired" | "cooperation"> {
  const holders = (lotId: string) => new Set(awards.filter((w) => w.lotId === lotId && w.awardedHundredths > 0).map((w) => w.organisationId));
  const [inA, inB] = lotIds.map(holders);
  // Without any award on one side there is nobody to cooperate with: a vacancy, not a split.
  if (inA.size === 0 || inB.size === 0) return { split: false, unpaired: [], cooperation: [] };
  const unpaired = [
    ...[...inA].filter((o) => !inB.has(o)).map((organisationId) => ({ organisationId, lotId: lotIds[0] })),
    ...[...inB].filter((o) => !inA.has(o)).map((organisationId) => ({ organisationId, lotId: lotIds[1] })),
  ];
  const involved = new Set<string>();
  for (const u of unpaired) {
    involved.add(u.organisationId);
    for (const o of u.lotId === lotIds[0] ? inB : inA) involved.add(o);
  }
  const order = [...new Set(awards.map((w) => w.organisationId))];
  return { split: unpaired.length > 0, unpaired, cooperation: order.filter((o) => involved.has(o)) };
}

function tandemResults(input: AllocationInput, allocations: LotAllocation[], contexts: Map<string, LotContext>): TandemAllocation[] {
  const byId = new Map(allocations.map((a) => [a.lotId, a]));
  return (input.tandems ?? [])
    .filter((t) => byId.has(t.lotIds[0]) && byId.has(t.lotIds[1]))
    .map((t) => {
      const [a, b] = t.lotIds.map((id) => byId.get(id)!);
      const { split, unpaired, cooperation } = tandemSplit(t.lotIds, [...a.awards.map((w) => ({ ...w, lotId: a.lotId })), ...b.awards.map((w) => ({ ...w, lotId: b.lotId }))]);
      const total = a.awardedHundredths + b.awardedHundredths;
      return {
        regionCode: t.regionCode,
        lotIds: t.lotIds,
        awardedHundredths: [a.awardedHundredths, b.awardedHundredths],
        // Half up to one decimal.
        sharePercent: total === 0 ? null : Math.floor((a.awardedHundredths * 2000 + total) / (2 * total)) / 10,
        regionCutHundredths: [regionCutOf(a.requiredHundredths, a.awardedHundredths, contexts.get(a.lotId)!.limit), regionCutOf(b.requiredHundredths, b.awardedHundredths, contexts.get(b.lotId)!.limit)],
        split,
        unpaired,
        cooperation,
      };
    });
}

/** The Zuschlagsvorschlag for all lots of a call. */
export function allocateFte(input: AllocationInput): AllocationResult {
  check(input);
  const cap = input.maxLotsPerCarrier;
  const dropped = new Set<string>();
  const droppedLots = new Map<string, string[]>();
  const maxRounds = input.lots.reduce((s, l) => s + l.ranking.length, 0) + 1;
  for (let round = 1; ; round++) {
    const { allocations, contexts } = allocateRound(input, dropped);
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
      return { lots: allocations, carriers, tandems: tandemResults(input, allocations, contexts), rounds: round };
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
