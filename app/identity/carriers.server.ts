// Carrier organisations (Träger) and their members: registration, email confirmation,
// invitations, password reset, sign-out everywhere. Mails are sent by the caller after
// the transaction commits; these functions return what the mail needs.
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import type { MailRecipient } from "../infra/mail.server";
import { applications, memberships, organisations, users } from "../infra/schema";
import { hashPassword } from "./passwords.server";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "./password-policy";
import { consumeToken, issueToken, peekToken } from "./tokens.server";
import { revokeSessionsOf as revokeSessions } from "./session-revocation.server";

// Messages are catalogue keys; routes translate them.
const required = (key: string) => z.string().trim().min(1, key);
const email = z.string().trim().toLowerCase().min(1, "register.emailMissing").email("register.emailInvalid").max(254);
const password = z.string().max(MAX_PASSWORD_LENGTH, "password.tooLong");

export const OrganisationInput = z.object({
  organisationName: required("register.organisationNameMissing").pipe(z.string().max(200)),
  legalForm: required("register.legalFormMissing").pipe(z.string().max(100)),
  street: required("register.streetMissing").pipe(z.string().max(200)),
  postalCode: z.string().trim().regex(/^\d{5}$/, "register.postalCodeInvalid"),
  city: required("register.cityMissing").pipe(z.string().max(100)),
  registerCourt: z.string().trim().max(100).optional().transform((v) => v || null),
  registerNumber: z.string().trim().max(100).optional().transform((v) => v || null),
  nonProfit: z.enum(["ja", "nein"], { errorMap: () => ({ message: "register.nonProfitMissing" }) }),
  contactPhone: z.string().trim().max(50).optional().transform((v) => v || null),
});

export const MemberInput = z.object({
  name: required("register.nameMissing").pipe(z.string().max(200)),
  email,
  password,
});

export const RegistrationInput = OrganisationInput.merge(MemberInput).superRefine((v, ctx) => {
  const problem = passwordProblem(v.password, { email: v.email, name: v.name });
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: problem });
});
export type RegistrationInput = z.infer<typeof RegistrationInput>;

async function emailTaken(tx: Pick<Db, "select">, address: string): Promise<boolean> {
  return Boolean(await first(tx.select({ id: users.id }).from(users).where(eq(users.email, address))));
}

/** Registers an organisation and its first member; the member must confirm the email. */
export async function registerCarrier(opts: { input: RegistrationInput; now: Date; db?: Db }) {
  const { input, now } = opts;
  const passwordHash = await hashPassword(input.password);
  return writeTx(async (tx) => {
    if (await emailTaken(tx, input.email)) throw new DomainError("CONFLICT", "register.emailTaken");
    const [organisation] = await tx
      .insert(organisations)
      .values({
        name: input.organisationName,
        legalForm: input.legalForm,
        street: input.street,
        postalCode: input.postalCode,
        city: input.city,
        registerCourt: input.registerCourt,
        registerNumber: input.registerNumber,
        nonProfit: input.nonProfit === "ja",
        contactName: input.name,
        contactEmail: input.email,
        contactPhone: input.contactPhone,
      })
      .returning({ id: organisations.id, name: organisations.name });
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "carrier", passwordHash })
      .returning({ id: users.id, email: users.email, name: users.name });
    await tx.insert(memberships).values({ userId: user.id, organisationId: organisation.id });
    const { token, expiresAt } = await issueToken(tx, { purpose: "confirm-email", email: user.email, userId: user.id, now });
    await appendAudit(tx, {
      at: now,
      actorUserId: user.id,
      action: "organisation.registered",
      objectType: "organisation",
      objectId: organisation.id,
      details: { userId: user.id },
    });
    return { user, organisation, confirmToken: token, expiresAt };
  }, opts.db ?? defaultDb());
}

/**
 * A registration named an address that already has an account (G15): nothing changes, the
 * page answers as for a new address, and the owner is told by mail. Audited with the account.
 */
export async function registrationAttempt(opts: { email: string; now: Date; db?: Db }) {
  return writeTx(async (tx) => {
    const owner = await first(
      tx
        .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.email, opts.email.trim().toLowerCase())),
    );
    if (!owner) return null;
    await appendAudit(tx, { at: opts.now, actorUserId: null, action: "user.registration-attempt", objectType: "user", objectId: owner.id });
    // A disabled account's owner is not written to (the account is out of use).
    return owner.disabledAt ? null : { email: owner.email, name: owner.name, locale: owner.locale };
  }, opts.db ?? defaultDb());
}

/** A new confirmation link for a member who lost the first one. */
export async function renewConfirmation(opts: { userId: string; now: Date; db?: Db }) {
  return writeTx(async (tx) => {
    const user = await first(
      tx
        .select({ email: users.email, name: users.name, confirmed: users.emailConfirmedAt })
        .from(users)
        .where(eq(users.id, opts.userId)),
    );
    if (!user || user.confirmed) return null;
    return { ...user, ...(await issueToken(tx, { purpose: "confirm-email", email: user.email, userId: opts.userId, now: opts.now })) };
  }, opts.db ?? defaultDb());
}

export async function confirmEmail(opts: { token: string; now: Date; db?: Db }): Promise<{ userId: string } | null> {
  return writeTx(async (tx) => {
    const row = await consumeToken(tx, { token: opts.token, purpose: "confirm-email", now: opts.now });
    if (!row?.userId) return null;
    await tx
      .update(users)
      .set({ emailConfirmedAt: opts.now })
      .where(and(eq(users.id, row.userId), isNull(users.emailConfirmedAt)));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: row.userId,
      action: "user.email-confirmed",
      objectType: "user",
      objectId: row.userId,
    });
    return { userId: row.userId };
  }, opts.db ?? defaultDb());
}

export type CarrierContext = {
  organisationId: string;
  organisationName: string;
  emailConfirmed: boolean;
};

/** The organisation of a carrier member; null for city staff. */
export async function carrierContext(userId: string, database: Pick<Db, "select"> = defaultDb()): Promise<CarrierContext | null> {
  const row = await first(
    database
      .select({
        organisationId: organisations.id,
        organisationName: organisations.name,
        confirmed: users.emailConfirmedAt,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.userId, userId)),
  );
  if (!row) return null;
  return { organisationId: row.organisationId, organisationName: row.organisationName, emailConfirmed: row.confirmed !== null };
}

export async function listMembers(organisationId: string, database: Db = defaultDb()) {
  return database
    .select({ id: users.id, name: users.name, email: users.email, confirmedAt: users.emailConfirmedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId));
}

export const InvitationInput = z.object({ email });

/** A confirmed member invites a colleague by email (Einladung). */
export async function inviteMember(opts: { actorUserId: string; email: string; now: Date; db?: Db }) {
  return writeTx(async (tx) => {
    const ctx = await carrierContext(opts.actorUserId, tx);
    if (!ctx) throw new DomainError("FORBIDDEN", "members.notAMember");
    if (!ctx.emailConfirmed) throw new DomainError("FORBIDDEN", "members.confirmFirst");
    if (await emailTaken(tx, opts.email)) throw new DomainError("CONFLICT", "members.emailTaken");
    const inviter = (await first(tx.select({ name: users.name }).from(users).where(eq(users.id, opts.actorUserId))))!;
    const issued = await issueToken(tx, {
      purpose: "invite",
      email: opts.email,
      organisationId: ctx.organisationId,
      now: opts.now,
    });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId,
      action: "organisation.member-invited",
      objectType: "organisation",
      objectId: ctx.organisationId,
      details: {},
    });
    return { ...issued, inviterName: inviter.name, organisationName: ctx.organisationName };
  }, opts.db ?? defaultDb());
}

export async function invitationFor(opts: { token: string; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const row = await peekToken(database, { token: opts.token, purpose: "invite", now: opts.now });
  if (!row?.organisationId) return null;
  const organisation = await first(database.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId)));
  return organisation ? { email: row.email, organisationName: organisation.name } : null;
}

export const AcceptInvitationInput = z
  .object({ name: required("register.nameMissing").pipe(z.string().max(200)), password })
  .strip();

/** The invited colleague sets name and password; the invitation mail proves the address. */
export async function acceptInvitation(opts: { token: string; name: string; password: string; now: Date; db?: Db }) {
  const passwordHash = await hashPassword(opts.password);
  return writeTx(async (tx) => {
    const row = await consumeToken(tx, { token: opts.token, purpose: "invite", now: opts.now });
    if (!row?.organisationId) throw new DomainError("NOT_FOUND", "invitation.invalid");
    if (await emailTaken(tx, row.email)) throw new DomainError("CONFLICT", "members.emailTaken");
    const [user] = await tx
      .insert(users)
      .values({ email: row.email, name: opts.name, role: "carrier", passwordHash, emailConfirmedAt: opts.now })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    await tx.insert(memberships).values({ userId: user.id, organisationId: row.organisationId });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: user.id,
      action: "organisation.member-joined",
      objectType: "organisation",
      objectId: row.organisationId,
      details: { userId: user.id },
    });
    return user;
  }, opts.db ?? defaultDb());
}

/** Issues a reset link if the address has an account; says nothing either way to the caller's user. */
export async function requestPasswordReset(opts: { email: string; now: Date; db?: Db }) {
  return writeTx(async (tx) => {
    const user = await first(
      tx
        .select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.email, opts.email.trim().toLowerCase())),
    );
    if (!user || user.disabledAt) return null;
    const issued = await issueToken(tx, { purpose: "reset-password", email: user.email, userId: user.id, now: opts.now });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: null,
      action: "user.password-reset-requested",
      objectType: "user",
      objectId: user.id,
    });
    return { ...issued, email: user.email, name: user.name };
  }, opts.db ?? defaultDb());
}

/** Sets a new password and ends every session of the account. */
export async function resetPassword(opts: { token: string; password: string; now: Date; db?: Db }) {
  const passwordHash = await hashPassword(opts.password);
  return writeTx(async (tx) => {
    const row = await consumeToken(tx, { token: opts.token, purpose: "reset-password", now: opts.now });
    if (!row?.userId) throw new DomainError("NOT_FOUND", "reset.invalid");
    // A reset link proves the address, so it also confirms an unconfirmed one.
    const user = await first(tx.select({ confirmed: users.emailConfirmedAt }).from(users).where(eq(users.id, row.userId)));
    await tx
      .update(users)
      .set({ passwordHash, emailConfirmedAt: user?.confirmed ?? opts.now })
      .where(eq(users.id, row.userId));
    await revokeSessions(tx, row.userId, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: row.userId,
      action: "user.password-reset",
      objectType: "user",
      objectId: row.userId,
    });
    return { userId: row.userId };
  }, opts.db ?? defaultDb());
}


/** Abmelden auf allen Geräten. */
export async function signOutEverywhere(opts: { userId: string; now: Date; db?: Db }): Promise<void> {
  await writeTx(async (tx) => {
    await revokeSessions(tx, opts.userId, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.userId,
      action: "auth.sign-out-everywhere",
      objectType: "user",
      objectId: opts.userId,
    });
  }, opts.db ?? defaultDb());
}

/** Addresses and languages of the active members of one organisation. */
export async function memberRecipients(database: Pick<Db, "select">, organisationId: string): Promise<MailRecipient[]> {
  const rows = await database
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), isNull(users.disabledAt)));
  return rows.map((r) => ({ email: r.email, locale: r.locale ?? "de" }));
}

/**
 * Addresses and languages of the active members of every organisation that started an
 * application on a call, and among them those of organisations whose application is
 * submitted (they are told they may revise it before the deadline).
 */
export async function bidderRecipients(
  database: Pick<Db, "selectDistinct">,
  callId: string,
): Promise<{ recipients: MailRecipient[]; submittedRecipients: MailRecipient[] }> {
  const rows = await database
    .selectDistinct({ email: users.email, locale: users.locale, status: applications.status })
    .from(applications)
    .innerJoin(memberships, eq(memberships.organisationId, applications.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(applications.callId, callId), isNull(users.disabledAt)));
  const readers = (of: typeof rows) => [...new Map(of.map((r) => [r.email, { email: r.email, locale: r.locale ?? "de" }] as const)).values()];
  return { recipients: readers(rows), submittedRecipients: readers(rows.filter((r) => r.status === "submitted")) };
}
