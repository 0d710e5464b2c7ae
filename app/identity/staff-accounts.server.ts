// Kontenverwaltung (account administration) of the city's staff, decision 0035: an
// administrator invites, disables and re-enables accounts, changes roles, resets a second
// factor and signs a person out everywhere. Granting the officer or the administrator role
// needs a second administrator (proposed by one, confirmed by another). The operator's CLI
// acts without a second administrator (first setup, emergencies) and is audited as "cli".
// Every act writes its audit entry (who, whom, what) in the transaction of the change; mails
// are sent by the caller after the commit, from what these functions return.
import { and, eq, isNull, max, ne, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { roleGrants, sessions, users, type UserRole } from "../infra/schema";
import { hashPassword } from "./passwords.server";
import { consumeToken, issueToken, peekToken } from "./tokens.server";
import { revokeSessionsOf as revokeSessions } from "./session-revocation.server";
import { hasSecondFactorSql, notifyFactorChange, removeSecondFactors } from "./second-factor.server";
import { isGuardedRole, type AccountState, type NewStaffAccount, type StaffRole } from "./staff-roles";

/** Who acts: a signed-in administrator, or the operator on the command line. */
export type AccountActor = { kind: "administrator"; userId: string } | { kind: "cli" };

export { isGuardedRole, NewStaffAccount, STAFF_ROLES, type AccountState, type StaffRole } from "./staff-roles";

export type StaffAccountRow = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  state: AccountState;
  secondFactor: boolean;
  lastSignInAt: Date | null;
};

export type StaffFilter = { role?: StaffRole; state?: AccountState };

const stateOf = (r: { disabledAt: Date | null; emailConfirmedAt: Date | null }): AccountState =>
  r.disabledAt ? "disabled" : r.emailConfirmedAt ? "active" : "invited";

/** The staff accounts (no carrier members), by name, with their last sign-in (a session's start). */
export async function listStaffAccounts(filter: StaffFilter = {}, database: Db = defaultDb()): Promise<StaffAccountRow[]> {
  const lastSignIn = database
    .select({ userId: sessions.userId, at: max(sessions.createdAt).as("last_at") })
    .from(sessions)
    .groupBy(sessions.userId)
    .as("last_sign_in");
  const rows = await database
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      emailConfirmedAt: users.emailConfirmedAt,
      hasSecondFactor: hasSecondFactorSql(), // TOTP or a passkey (decision 0034)
      lastSignInAt: lastSignIn.at,
    })
    .from(users)
    .leftJoin(lastSignIn, eq(lastSignIn.userId, users.id))
    .where(and(ne(users.role, "carrier"), filter.role ? eq(users.role, filter.role) : undefined))
    .orderBy(users.name, users.email);
  return rows
    .map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role as StaffRole,
      state: stateOf(r),
      secondFactor: Boolean(r.hasSecondFactor),
      // max() over a timestamp column comes back as the stored number.
      lastSignInAt: r.lastSignInAt === null ? null : new Date(Number(r.lastSignInAt)),
    }))
    .filter((r) => !filter.state || r.state === filter.state);
}

export async function staffAccount(userId: string, database: Db = defaultDb()): Promise<StaffAccountRow> {
  const row = (await listStaffAccounts({}, database)).find((r) => r.id === userId);
  if (!row) throw new DomainError("NOT_FOUND", "notFound.account");
  return row;
}

export type PendingGrant = {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  role: "officer" | "administrator";
  proposedByUserId: string | null;
  proposedByName: string | null;
  proposedAt: Date;
};

/** Grants waiting for a second administrator, oldest first. */
export async function listPendingGrants(database: Db | Tx = defaultDb()): Promise<PendingGrant[]> {
  return database
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      email: roleGrants.email,
      name: roleGrants.name,
      role: roleGrants.role,
      proposedByUserId: roleGrants.proposedByUserId,
      proposedByName: users.name,
      proposedAt: roleGrants.proposedAt,
    })
    .from(roleGrants)
    .leftJoin(users, eq(users.id, roleGrants.proposedByUserId))
    .where(isNull(roleGrants.decidedAt))
    .orderBy(roleGrants.proposedAt);
}

// ---------------------------------------------------------------------------------------
// Checks shared by the acts.

/** The acting administrator must be an active administrator now (a demoted one acts no more). */
async function checkActor(tx: Tx, actor: AccountActor): Promise<string | null> {
  if (actor.kind === "cli") return null;
  if (!(await isActiveAdministrator(tx, actor.userId))) throw new DomainError("FORBIDDEN", "accounts.notAdministrator");
  return actor.userId;
}

async function isActiveAdministrator(tx: Tx, userId: string): Promise<boolean> {
  const row = await first(tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)));
  return Boolean(row && row.role === "administrator" && !row.disabledAt);
}

/** Records the decision on a pending grant and audits it as `account.grant-<outcome>`. */
async function decideGrant(
  tx: Tx,
  grant: { id: string; role: string },
  outcome: "confirmed" | "withdrawn",
  actorUserId: string,
  now: Date,
  details: Record<string, unknown>,
): Promise<void> {
  await tx.update(roleGrants).set({ decidedAt: now, decidedByUserId: actorUserId, outcome }).where(eq(roleGrants.id, grant.id));
  await appendAudit(tx, { at: now, actorUserId, action: `account.grant-${outcome}`, objectType: "role-grant", objectId: grant.id, details: { role: grant.role, ...details } });
}

/** The staff account acted upon; an administrator never acts on their own account here. */
async function targetOf(tx: Tx, actor: AccountActor, userId: string) {
  const row = await first(
    tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, emailConfirmedAt: users.emailConfirmedAt, anonymisedAt: users.anonymisedAt })
      .from(users)
      .where(eq(users.id, userId)),
  );
  // The CLI may act on any account (a carrier member in an emergency); administrators on staff only.
  if (!row || (actor.kind === "administrator" && row.role === "carrier")) throw new DomainError("NOT_FOUND", "notFound.account");
  if (actor.kind === "administrator" && row.id === actor.userId) throw new DomainError("FORBIDDEN", "accounts.ownAccount");
  return row;
}

/** The portal must keep one active administrator, or nobody could manage accounts but the CLI. */
async function checkNotLastAdministrator(tx: Tx, target: { id: string; role: UserRole }): Promise<void> {
  if (target.role !== "administrator") return;
  const others = (await first(
    tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, "administrator"), isNull(users.disabledAt), ne(users.id, target.id))),
  ))!.n;
  if (others === 0) throw new DomainError("CONFLICT", "accounts.lastAdministrator");
}

async function emailTaken(tx: Tx, email: string): Promise<boolean> {
  return Boolean(await first(tx.select({ id: users.id }).from(users).where(eq(users.email, email))));
}

async function openGrantFor(tx: Tx, where: { userId?: string; email?: string }) {
  return first(
    tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(isNull(roleGrants.decidedAt), where.userId ? eq(roleGrants.userId, where.userId) : eq(roleGrants.email, where.email!))),
  );
}

async function audit(tx: Tx, actor: AccountActor, now: Date, action: string, userId: string, details: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(tx, {
    at: now,
    actorUserId: actor.kind === "administrator" ? actor.userId : null,
    action,
    objectType: "user",
    objectId: userId,
    details: actor.kind === "cli" ? { ...details, via: "cli" } : details,
  });
}

/**
 * The hash of a random password nobody knows: an invited account signs in only after the
 * invitation set a password, and a sign-in attempt takes as long as for any account.
 */
function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString("base64url"));
}

/** What the invitation mail needs (Einladung: the person sets their password with the link). */
export type StaffInvitation = { email: string; name: string; role: StaffRole; token: string; expiresAt: Date };

/** Makes the account (no usable password yet) and the invitation's token. */
async function createInvited(
  tx: Tx,
  actor: AccountActor,
  input: NewStaffAccount & { unusableHash: string },
  now: Date,
  details: Record<string, unknown> = {},
): Promise<StaffInvitation & { userId: string }> {
  if (await emailTaken(tx, input.email)) throw new DomainError("CONFLICT", "accounts.emailTaken", { email: input.email }, "email");
  const [user] = await tx
    .insert(users)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash: input.unusableHash })
    .returning({ id: users.id });
  const issued = await issueToken(tx, { purpose: "invite", email: input.email, userId: user.id, now });
  await audit(tx, actor, now, "account.invited", user.id, { role: input.role, ...details });
  return { userId: user.id, email: input.email, name: input.name, role: input.role, token: issued.token, expiresAt: issued.expiresAt };
}

// ---------------------------------------------------------------------------------------
// The acts.

export type CreateOutcome = { kind: "invited"; invitation: StaffInvitation; userId: string } | { kind: "proposed"; grantId: string };

/**
 * A new staff account. An evaluator is invited at once; the officer and administrator
 * roles wait for a second administrator (the CLI invites at once).
 */
export async function createStaffAccount(opts: { actor: AccountActor; input: NewStaffAccount; now: Date; db?: Db }): Promise<CreateOutcome> {
  const unusableHash = await unusablePasswordHash();
  return writeTx(async (tx) => {
    const proposer = await checkActor(tx, opts.actor);
    const input = { ...opts.input, email: opts.input.email.trim().toLowerCase(), unusableHash };
    if (opts.actor.kind === "cli" || !isGuardedRole(input.role)) {
      const invited = await createInvited(tx, opts.actor, input, opts.now);
      return { kind: "invited" as const, invitation: invited, userId: invited.userId };
    }
    if (await emailTaken(tx, input.email)) throw new DomainError("CONFLICT", "accounts.emailTaken", { email: input.email }, "email");
    if (await openGrantFor(tx, { email: input.email })) throw new DomainError("CONFLICT", "accounts.grantPending");
    const grantId = await proposeGrant(tx, { userId: null, email: input.email, name: input.name, role: input.role, proposer, now: opts.now }, { newAccount: true });
    return { kind: "proposed" as const, grantId };
  }, opts.db ?? defaultDb());
}

/** A grant of a guarded role waiting for a second administrator, audited. */
async function proposeGrant(
  tx: Tx,
  g: { userId: string | null; email: string; name: string; role: "officer" | "administrator"; proposer: string | null; now: Date },
  details: Record<string, unknown>,
): Promise<string> {
  const [grant] = await tx
    .insert(roleGrants)
    .values({ userId: g.userId, email: g.email, name: g.name, role: g.role, proposedByUserId: g.proposer, proposedAt: g.now })
    .returning({ id: roleGrants.id });
  await appendAudit(tx, { at: g.now, actorUserId: g.proposer, action: "account.grant-proposed", objectType: "role-grant", objectId: grant.id, details: { role: g.role, ...details } });
  return grant.id;
}

export type RoleOutcome = { kind: "changed" } | { kind: "proposed"; grantId: string } | { kind: "unchanged" };

/**
 * Changes an account's role. Towards the evaluator role one administrator suffices; the
 * officer and administrator roles wait for a second one (not so on the CLI). The person's
 * sessions end: the new role applies from the next sign-in.
 */
export async function changeRole(opts: { actor: AccountActor; userId: string; role: StaffRole; now: Date; db?: Db }): Promise<RoleOutcome> {
  return writeTx(async (tx): Promise<RoleOutcome> => {
    const proposer = await checkActor(tx, opts.actor);
    const target = await targetOf(tx, opts.actor, opts.userId);
    if (target.role === "carrier") throw new DomainError("CONFLICT", "accounts.carrierRole");
    if (target.role === opts.role) return { kind: "unchanged" as const };
    if (opts.actor.kind === "cli" || !isGuardedRole(opts.role)) {
      await checkNotLastAdministrator(tx, target);
      await tx.update(users).set({ role: opts.role }).where(eq(users.id, target.id));
      await revokeSessions(tx, target.id, opts.now);
      await audit(tx, opts.actor, opts.now, "account.role-changed", target.id, { from: target.role, to: opts.role });
      return { kind: "changed" as const };
    }
    if (await openGrantFor(tx, { userId: target.id })) throw new DomainError("CONFLICT", "accounts.grantPending");
    const grantId = await proposeGrant(tx, { userId: target.id, email: target.email, name: target.name, role: opts.role, proposer, now: opts.now }, { userId: target.id, from: target.role });
    return { kind: "proposed" as const, grantId };
  }, opts.db ?? defaultDb());
}

async function openGrant(tx: Tx, grantId: string) {
  const grant = await first(tx.select().from(roleGrants).where(eq(roleGrants.id, grantId)));
  if (!grant) throw new DomainError("NOT_FOUND", "accounts.grantUnknown");
  if (grant.decidedAt) throw new DomainError("CONFLICT", "accounts.grantDecided");
  return grant;
}

/**
 * The second administrator confirms a grant: never the one who proposed it, nor the person
 * it is for. A new account is made and invited now; an existing one gets the role and its
 * sessions end.
 */
export async function confirmGrant(opts: { actorUserId: string; grantId: string; now: Date; db?: Db }): Promise<{ invitation: StaffInvitation | null; userId: string }> {
  const unusableHash = await unusablePasswordHash();
  return writeTx(async (tx) => {
    const actor: AccountActor = { kind: "administrator", userId: opts.actorUserId };
    await checkActor(tx, actor);
    const grant = await openGrant(tx, opts.grantId);
    if (grant.proposedByUserId === opts.actorUserId) throw new DomainError("FORBIDDEN", "accounts.grantSameAdministrator");
    if (grant.userId === opts.actorUserId) throw new DomainError("FORBIDDEN", "accounts.ownAccount");
    // Four eyes means two active administrators: a proposal of someone since disabled or
    // moved to another role no longer counts as the first pair of eyes.
    if (!grant.proposedByUserId || !(await isActiveAdministrator(tx, grant.proposedByUserId))) throw new DomainError("CONFLICT", "accounts.grantProposerInactive");
    await decideGrant(tx, grant, "confirmed", opts.actorUserId, opts.now, { proposedBy: grant.proposedByUserId, userId: grant.userId });
    if (!grant.userId) {
      const invited = await createInvited(tx, actor, { email: grant.email, name: grant.name, role: grant.role, unusableHash }, opts.now, { grantId: grant.id });
      await tx.update(roleGrants).set({ userId: invited.userId }).where(eq(roleGrants.id, grant.id));
      return { invitation: invited, userId: invited.userId };
    }
    const target = await targetOf(tx, actor, grant.userId);
    await tx.update(users).set({ role: grant.role }).where(eq(users.id, target.id));
    await revokeSessions(tx, target.id, opts.now);
    await audit(tx, actor, opts.now, "account.role-changed", target.id, { from: target.role, to: grant.role, grantId: grant.id });
    return { invitation: null, userId: target.id };
  }, opts.db ?? defaultDb());
}

/** Any administrator may withdraw (the proposer) or refuse (another) a pending grant. */
export async function withdrawGrant(opts: { actorUserId: string; grantId: string; now: Date; db?: Db }): Promise<void> {
  await writeTx(async (tx) => {
    await checkActor(tx, { kind: "administrator", userId: opts.actorUserId });
    const grant = await openGrant(tx, opts.grantId);
    await decideGrant(tx, grant, "withdrawn", opts.actorUserId, opts.now, { userId: grant.userId });
  }, opts.db ?? defaultDb());
}

/** Disables (the person cannot sign in; every session ends) or re-enables an account. */
export async function setAccountDisabled(opts: { actor: AccountActor; userId: string; disabled: boolean; now: Date; db?: Db }): Promise<void> {
  await writeTx(async (tx) => {
    await checkActor(tx, opts.actor);
    const target = await targetOf(tx, opts.actor, opts.userId);
    if (Boolean(target.disabledAt) === opts.disabled) return; // already so: nothing to audit
    // Retention took the person's name, address and password (decision 0036): nobody could use it.
    if (!opts.disabled && target.anonymisedAt) throw new DomainError("CONFLICT", "retention.refusal.accountAnonymised");
    if (opts.disabled) {
      await checkNotLastAdministrator(tx, target);
      await revokeSessions(tx, target.id, opts.now);
    }
    await tx.update(users).set({ disabledAt: opts.disabled ? opts.now : null }).where(eq(users.id, target.id));
    await audit(tx, opts.actor, opts.now, opts.disabled ? "account.disabled" : "account.enabled", target.id);
  }, opts.db ?? defaultDb());
}

/** Ends every session of the person (a lost laptop, a leaver on their last day). */
export async function signOutAccountEverywhere(opts: { actor: AccountActor; userId: string; now: Date; db?: Db }): Promise<void> {
  await writeTx(async (tx) => {
    await checkActor(tx, opts.actor);
    const target = await targetOf(tx, opts.actor, opts.userId);
    await revokeSessions(tx, target.id, opts.now);
    await audit(tx, opts.actor, opts.now, "account.signed-out-everywhere", target.id);
  }, opts.db ?? defaultDb());
}

/**
 * Resets the second factor (a lost phone): every factor (TOTP and passkeys) goes and every
 * session ends, since one of them may be on the lost device, in one transaction with its audit
 * entry; the person enrols again at the next sign-in and is told by mail (decision 0034).
 */
export async function resetAccountSecondFactor(opts: { actor: AccountActor; userId: string; now: Date; db?: Db }): Promise<void> {
  const database = opts.db ?? defaultDb();
  const target = await writeTx(async (tx) => {
    await checkActor(tx, opts.actor);
    const target = await targetOf(tx, opts.actor, opts.userId);
    const removed = await removeSecondFactors(tx, target.id, opts.now);
    await audit(tx, opts.actor, opts.now, "account.second-factor-reset", target.id, removed);
    return target;
  }, database);
  await notifyFactorChange(target.id, "reset", opts.now, database);
}

/** The account an e-mail address names (the CLI's way of naming a person). */
export async function accountIdByEmail(email: string, database: Db = defaultDb()): Promise<string> {
  const row = await first(database.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())));
  if (!row) throw new DomainError("NOT_FOUND", "notFound.account");
  return row.id;
}

// ---------------------------------------------------------------------------------------
// The invited person sets their password.

/** The invitation a link names, while valid: a staff invitation names an account, no organisation. */
export async function staffInvitationFor(opts: { token: string; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const row = await peekToken(database, { token: opts.token, purpose: "invite", now: opts.now });
  if (!row?.userId || row.organisationId) return null;
  const user = await first(database.select({ name: users.name, role: users.role }).from(users).where(eq(users.id, row.userId)));
  return user ? { email: row.email, name: user.name, role: user.role } : null;
}

/** Sets the password; the mail with the link proved the address. */
export async function acceptStaffInvitation(opts: { token: string; password: string; now: Date; db?: Db }) {
  const passwordHash = await hashPassword(opts.password); // outside the transaction: it is slow
  return writeTx(async (tx) => {
    const row = await consumeToken(tx, { token: opts.token, purpose: "invite", now: opts.now });
    if (!row?.userId || row.organisationId) throw new DomainError("NOT_FOUND", "invitation.invalid");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, emailConfirmedAt: opts.now })
      .where(and(eq(users.id, row.userId), isNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (!user) throw new DomainError("NOT_FOUND", "invitation.invalid");
    await appendAudit(tx, { at: opts.now, actorUserId: user.id, action: "account.invitation-accepted", objectType: "user", objectId: user.id });
    return user;
  }, opts.db ?? defaultDb());
}
