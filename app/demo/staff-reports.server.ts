// The historic call's staff reports (Stellenbesetzungsmeldungen, decision 0024), illustrative:
// every carrier reports June and July 2017 for each of its contracts through the same domain
// functions as the report form (saveStaffReportDraft, attachProofDocument, submitStaffReport),
// each on its own day in 2017. About half of each contract's posts are filled from 1 June, the
// rest from 1 July, so that most posts stand by July; one Integrationsberatung post stays
// unfilled (a vacancy beyond the call's 60 days) and one Flüchtlingssozialarbeit post is held
// without the degree the role requires. Later periods are not reported: the portal shows them
// as late, which is what they would be. People are invented ("(fiktiv)").
import type { CarrierActor } from "../submission/applications.server";
import { contractDetailsOfCall, type ContractDetail } from "../contracts/contracts.server";
import type { PostInput } from "../contracts/staff-report-form.server";
import { attachProofDocument, saveStaffReportDraft, staffReportForCarrier, submitStaffReport } from "../contracts/staff-reports.server";
import { parseBerlinLocal } from "../i18n/berlin-time";
import type { Db } from "../infra/db.server";
import type { SavedFile } from "../infra/storage.server";
import type { CallView } from "../procurement/call-view";
import { fteOfWeeklyHours, fullTimeHoursHundredths } from "../submission/rules";

/** The periods reported, with the day each report is submitted (before its due day, the 15th of the next month). */
export const DEMO_REPORTED_PERIODS = [
  { from: "2017-06-01", submittedAt: "2017-07-10T10:00" },
  { from: "2017-07-01", submittedAt: "2017-08-10T10:00" },
] as const;

const roleCodeOf = (call: CallView, c: ContractDetail) => call.lots.find((l) => l.number === c.lotNumber)!.roleCode;

type Planned = { post: PostInput; from: (typeof DEMO_REPORTED_PERIODS)[number]["from"] };

/**
 * The posts a contract fills and from which period: its offered posts up to its contracted FTE,
 * the first half from 1 June, the rest from 1 July. `leaveVacant`: the last post is never
 * filled; `withoutDegree`: the first post filled in July lacks the degree.
 */
function plannedPosts(contract: ContractDetail, call: CallView, opts: { leaveVacant: boolean; withoutDegree: boolean }): Planned[] {
  const fullTime = fullTimeHoursHundredths(call.payScale);
  const role = call.roles.find((r) => r.code === roleCodeOf(call, contract))!;
  const posts: PostInput[] = [];
  let left = contract.fteHundredths;
  for (const offered of contract.posts) {
    if (left <= 0) break;
    const fte = Math.min(offered.fteHundredths, left);
    const weeklyHoursHundredths = Math.round((fte * fullTime) / 100);
    left -= fteOfWeeklyHours(weeklyHoursHundredths, fullTime);
    posts.push({
      postKey: null,
      personName: `Fachkraft ${posts.length + 1}, ${contract.number} (fiktiv)`,
      payGroup: offered.payGroup,
      weeklyHoursHundredths,
      fteHundredths: fteOfWeeklyHours(weeklyHoursHundredths, fullTime),
      hasDegree: role.requiresPedagogicalDegree,
      start: "2017-06-01",
      end: null,
    });
  }
  if (opts.leaveVacant) posts.pop();
  const half = Math.ceil(posts.length / 2);
  return posts.map((post, i) => {
    if (i < half) return { post, from: "2017-06-01" };
    const late = { ...post, start: "2017-07-01" };
    return { post: i === half && opts.withoutDegree ? { ...late, hasDegree: false } : late, from: "2017-07-01" };
  });
}

/**
 * Files and submits the illustrative reports of June and July 2017 for every contract of the
 * historic call. `proof` stores one proof document (a PDF) per post that claims a degree.
 */
export async function runDemoStaffReports(opts: { call: CallView; carriers: CarrierActor[]; db: Db; proof: () => Promise<{ upload: SavedFile; originalName: string }> }) {
  const { call, db } = opts;
  const actorOf = new Map(opts.carriers.map((a) => [a.organisationId, a]));
  const contracts = await contractDetailsOfCall(call.id, db);
  // The vacancy: the first Integrationsberatung contract with more than one post; the
  // mismatch: the first Flüchtlingssozialarbeit contract with more than one post.
  const withPosts = (code: string) => contracts.find((c) => roleCodeOf(call, c) === code && c.fteHundredths > 100);
  const vacant = withPosts("integrationsberatung");
  const unqualified = withPosts("fluechtlingssozialarbeit");
  for (const contract of contracts) {
    const actor = actorOf.get(contract.organisationId)!;
    const planned = plannedPosts(contract, call, { leaveVacant: contract === vacant, withoutDegree: contract === unqualified });
    for (const period of DEMO_REPORTED_PERIODS) {
      const now = parseBerlinLocal(period.submittedAt)!;
      const ref = { actor, contractId: contract.id, periodFrom: period.from, now, db };
      // What the previous report said stands (with its keys), then the posts filled in this period.
      const carried = (await staffReportForCarrier({ organisationId: actor.organisationId, contractId: contract.id, periodFrom: period.from, now, db })).carried;
      const posts: PostInput[] = [...carried.map(({ proofFileId: _proof, ...p }) => p), ...planned.filter((p) => p.from === period.from).map((p) => p.post)];
      const unfilled = posts.reduce((sum, p) => sum + p.fteHundredths, 0) < contract.fteHundredths;
      const { problems } = await saveStaffReportDraft({ ...ref, posts, vacancyNote: unfilled ? "Die übrigen Stellen sind ausgeschrieben (illustrativ)." : "" });
      if (problems.length) throw new Error(`demo staff report refused: ${JSON.stringify(problems)}`);
      for (const [ordinal, post] of posts.entries()) {
        if (post.hasDegree && !carried.some((c) => c.postKey === post.postKey && c.proofFileId)) await attachProofDocument({ ...ref, ordinal, ...(await opts.proof()) });
      }
      await submitStaffReport(ref);
    }
  }
}
