// The data model for the whole life of a call (docs/architecture.md, Domain objects and
// The life of a call).
// Times are UTC instants stored as integer milliseconds; money is integer cents;
// FTE (Vollzeitäquivalente) are integer hundredths, so 1.5 FTE is stored as 150.
// Tables that later steps fill (applications, scores, awards, staffing) are here
// from the start so that every migration after this one only adds, never reshapes.
import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
  type ReferenceConfig,
} from "drizzle-orm/sqlite-core";
import { callStatuses, type CallStatus } from "./call-statuses";
import { randomId } from "./ids";

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => randomId());
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
/** A required reference to another table's row (a foreign key that is never null). */
const ref = (name: string, target: ReferenceConfig["ref"], actions?: ReferenceConfig["actions"]) =>
  text(name).notNull().references(target, actions);
const instant = (name: string) => integer(name, { mode: "timestamp_ms" });
const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

// ---------------------------------------------------------------- people

// One role per account (decision 0035): an administrator manages staff accounts and reads no
// call; a person who also works as an officer holds a second account.
export const userRoles = ["officer", "evaluator", "carrier", "administrator"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = sqliteTable("users", {
  id: id(),
  email: text("email").notNull().unique(), // stored lower-case
  name: text("name").notNull(),
  role: text("role", { enum: userRoles }).notNull(),
  passwordHash: text("password_hash").notNull(),
  emailConfirmedAt: instant("email_confirmed_at"),
  disabledAt: instant("disabled_at"),
  // TOTP second factor (RFC 6238) for officers and evaluators; the secret is sealed with the
  // master key (never stored in the clear), enabled once the user proved one code.
  totpSecretSealed: text("totp_secret_sealed"),
  totpEnabledAt: instant("totp_enabled_at"),
  // Last accepted TOTP time step, so that one code cannot be used twice (replay).
  totpLastStep: integer("totp_last_step"),
  // The language the user chose while signed in (the language switch): mails and letters to
  // them carry an English translation after the binding German text (decision 0020). Null:
  // never chose, German.
  locale: text("locale", { enum: ["de", "en"] }),
  // Anonymised by retention (decision 0036): name, address and secrets replaced, the row
  // kept because the records of calls refer to it.
  anonymisedAt: instant("anonymised_at"),
  createdAt: createdAt(),
});

// Server-side sessions so that a session can be revoked (sign-out everywhere).
// Only the SHA-256 of the token is stored; the token itself lives in the cookie.
export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: ref("user_id", () => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
    // When this session proved the second factor; null: password only.
    secondFactorAt: instant("second_factor_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// Granting the officer or the administrator role (Vier-Augen-Prinzip, decision 0035): one
// administrator proposes, another confirms. A grant for a new account names the address and
// name; the account is made at the confirmation (userId is then set).
export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: id(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(), // lower-case, as users.email
    name: text("name").notNull(),
    role: text("role", { enum: ["officer", "administrator"] }).notNull(),
    proposedByUserId: text("proposed_by_user_id").references(() => users.id),
    proposedAt: instant("proposed_at").notNull(),
    decidedByUserId: text("decided_by_user_id").references(() => users.id),
    decidedAt: instant("decided_at"),
    outcome: text("outcome", { enum: ["confirmed", "withdrawn"] }),
  },
  (t) => [index("role_grants_open_idx").on(t.decidedAt)],
);

// Passkeys (WebAuthn credentials) as a second factor, one row per authenticator; decision 0034.
// The public key verifies assertions; the counter, where the authenticator keeps one, must
// grow (a clone shows an old counter).
export const passkeys = sqliteTable(
  "passkeys",
  {
    id: id(),
    userId: ref("user_id", () => users.id, { onDelete: "cascade" }),
    credentialId: text("credential_id").notNull().unique(), // base64url, as the browser names it
    publicKey: blob("public_key", { mode: "buffer" }).notNull(), // COSE
    counter: integer("counter").notNull(),
    transports: json<string[]>("transports").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: instant("last_used_at"),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

// A WebAuthn challenge waiting for its answer: single use, 5 minutes; only its account and
// purpose are stored next to it.
export const passkeyChallenges = sqliteTable("passkey_challenges", {
  id: id(),
  userId: ref("user_id", () => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["register", "sign-in"] }).notNull(),
  challenge: text("challenge").notNull().unique(),
  expiresAt: instant("expires_at").notNull(),
});

// Träger (carrier organisation)
export const organisations = sqliteTable("organisations", {
  id: id(),
  name: text("name").notNull(),
  legalForm: text("legal_form").notNull(),
  street: text("street").notNull(),
  postalCode: text("postal_code").notNull(),
  city: text("city").notNull(),
  registerCourt: text("register_court"),
  registerNumber: text("register_number"),
  nonProfit: integer("non_profit", { mode: "boolean" }).notNull(),
  contactName: text("contact_name").notNull(),
  contactEmail: text("contact_email").notNull(),
  contactPhone: text("contact_phone"),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    userId: ref("user_id", () => users.id, { onDelete: "cascade" }),
    organisationId: ref("organisation_id", () => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    // A carrier member belongs to exactly one organisation
    // (docs/architecture.md, Carriers, members and staff).
    uniqueIndex("memberships_user_unique").on(t.userId),
  ],
);

// One-time tokens: email confirmation, password reset, member invitation.
export const userTokens = sqliteTable("user_tokens", {
  id: id(),
  tokenHash: text("token_hash").notNull().unique(),
  purpose: text("purpose", { enum: ["confirm-email", "reset-password", "invite"] }).notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  organisationId: text("organisation_id").references(() => organisations.id),
  email: text("email").notNull(),
  expiresAt: instant("expires_at").notNull(),
  usedAt: instant("used_at"),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------- the call

export { callStatuses, type CallStatus };

/** The pay scale a call states its floors in (see CallDefinition.payScale); groups lowest first. */
export type CallPayScale = {
  name: string;
  groups: string[];
  tariffOrEquivalentRequired: boolean;
  illustrative: boolean;
  /** A full-time post's weekly hours (TVöD: 39): a post's FTE is its weekly hours divided by them. */
  fullTimeWeeklyHours: number;
};

/** How cost is scored without rewarding lower pay (see CallDefinition.costRule). */
export type CallCostRule =
  | { kind: "nonPersonnelPerFte"; reason: string[] }
  | { kind: "qualityOnly"; fixedRates: string[]; reason: string[] };

/**
 * Vertragsbedingungen every contract of the call carries (see CallDefinition.contract,
 * decision 0022); calls made before them have the definitions' defaults.
 */
export type CallContractTerms = {
  reporting: { interval: "monthly" | "quarterly"; dueDays: number };
  vacancyToleranceDays: number;
  /** Nachsteuerung: a lot is adjusted when new figures move its requirement beyond ± this % of its contracted FTE. */
  adjustmentTolerancePercent: number;
  adjustmentBoundsPercent: number;
};

/** Free texts of a call that pages and PDF print as they are (see CallDefinition). */
export type CallTexts = {
  summary: string;
  description: string[];
  standards: string[];
  vulnerableGroups: string[];
  adequatePay: string[];
  howToApply: string[];
  questionRules: string[];
  illustrativeNotice: string;
  illustrative: string[];
  /** Aktenzeichen of the procedure (letters' reference line); calls imported before it existed have none. */
  fileNumber?: string;
  contact: {
    name: string;
    department: string;
    street: string;
    postalCode: string;
    city: string;
    email: string;
    phone?: string;
    url?: string;
  };
};

// Aufruf zur Interessenbekundung
export const calls = sqliteTable("calls", {
  id: id(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  authority: text("authority").notNull(),
  department: text("department").notNull(),
  status: text("status", { enum: callStatuses }).notNull().default("draft"),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  currency: text("currency").notNull().default("EUR"),
  texts: json<CallTexts>("texts").notNull(),
  // Null for calls imported before pay floors existed: their posts name a pay group in free text.
  payScale: json<CallPayScale>("pay_scale"),
  // Null for calls imported before the cost rule existed: their price criterion scored personnel cost.
  costRule: json<CallCostRule>("cost_rule"),
  // Calls made before the contract terms get the definitions' defaults (migration 0016);
  // migration 0020 added the Nachsteuerung's tolerance to every stored row. The default below
  // is 0016's (changing it would rebuild the table): every insert names the terms.
  contractTerms: json<CallContractTerms>("contract_terms")
    .notNull()
    .default(sql`'{"reporting":{"interval":"quarterly","dueDays":30},"vacancyToleranceDays":60,"adjustmentBoundsPercent":20}'`),
  publishedAt: instant("published_at"),
  questionDeadline: instant("question_deadline").notNull(),
  submissionDeadline: instant("submission_deadline").notNull(),
  openingAt: instant("opening_at").notNull(),
  bindingPeriodEnd: instant("binding_period_end").notNull(),
  serviceStart: instant("service_start").notNull(),
  contractEnd: instant("contract_end").notNull(),
  maxLotsPerCarrier: integer("max_lots_per_carrier"),
  allowLotSplit: integer("allow_lot_split", { mode: "boolean" }).notNull().default(true),
  // Allowed deviation of a tandem's first-role share from its target, in percentage points.
  tandemTolerancePoints: integer("tandem_tolerance_points").notNull().default(5),
  clientsPerFte: integer("clients_per_fte").notNull(),
  scaleMin: integer("scale_min").notNull(),
  scaleMax: integer("scale_max").notNull(),
  spreadThreshold: integer("spread_threshold").notNull().default(2),
  definitionHash: text("definition_hash").notNull(),
  // The definition the call was made from (CallDefinition JSON): drafts are edited through it.
  definition: text("definition", { mode: "json" }).$type<Record<string, unknown>>(),
  cancelledAt: instant("cancelled_at"),
  cancellationReason: text("cancellation_reason"),
  // Folgeaufruf (decision 0027): the call whose uncovered lots this one offers again; its
  // awards count in the original's staffing plan by region and role.
  followUpOfCallId: text("follow_up_of_call_id").references((): AnySQLiteColumn => calls.id),
  // Aufbewahrung (decision 0036): an officer's later retention date than the computed one
  // (e.g. a pending court case), and when retention deleted what the call's record let go.
  retentionUntil: instant("retention_until"),
  retentionDoneAt: instant("retention_done_at"),
  createdAt: createdAt(),
  updatedAt: instant("updated_at").notNull(),
});

export const regions = sqliteTable(
  "regions",
  {
    id: id(),
    callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [uniqueIndex("regions_call_code").on(t.callId, t.code)],
);

// Rolle / Leistung
export const roles = sqliteTable(
  "roles",
  {
    id: id(),
    callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    tasks: json<string[]>("tasks").notNull(),
    qualifications: text("qualifications").notNull(),
    // Flüchtlingssozialarbeit needs a pedagogical / social-work degree.
    requiresPedagogicalDegree: integer("requires_pedagogical_degree", { mode: "boolean" }).notNull(),
    payGuideline: text("pay_guideline").notNull(),
    // Mindestentgeltgruppe: a group of the call's pay scale (calls.pay_scale).
    minPayGroup: text("min_pay_group"),
    tandemWith: text("tandem_with"), // code of the partner role, if any
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [uniqueIndex("roles_call_code").on(t.callId, t.code)],
);

// Los = one region × one role
export const lots = sqliteTable(
  "lots",
  {
    id: id(),
    callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    regionId: ref("region_id", () => regions.id, { onDelete: "cascade" }),
    roleId: ref("role_id", () => roles.id, { onDelete: "cascade" }),
    // Losvolumen the call states (a follow-up call's uncovered FTE); null: from the staffing
    // rule and the client figures.
    volumeHundredths: integer("volume_hundredths"),
    cancelledAt: instant("cancelled_at"),
    cancellationReason: text("cancellation_reason"),
  },
  (t) => [
    uniqueIndex("lots_call_number").on(t.callId, t.number),
    uniqueIndex("lots_call_region_role").on(t.callId, t.regionId, t.roleId),
  ],
);

// Wertungskriterium
export const criteria = sqliteTable(
  "criteria",
  {
    id: id(),
    callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    weightPercent: integer("weight_percent").notNull(),
    kind: text("kind", { enum: ["quality", "price"] }).notNull(),
    priceFormula: text("price_formula"),
    sortOrder: integer("sort_order").notNull(),
    // The roles whose lots it scores (null: every role) and the concept sections it scores.
    roleCodes: json<string[] | null>("role_codes"),
    sectionCodes: json<string[]>("section_codes").notNull().default(sql`'[]'`),
  },
  (t) => [uniqueIndex("criteria_call_code").on(t.callId, t.code)],
);

// The published meaning of each point of a criterion's scale.
export const scalePoints = sqliteTable(
  "scale_points",
  {
    criterionId: ref("criterion_id", () => criteria.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    meaning: text("meaning").notNull(),
  },
  (t) => [primaryKey({ columns: [t.criterionId, t.points] })],
);

// Sections of the concept a carrier writes per lot, along the call's standards.
export const conceptSections = sqliteTable(
  "concept_sections",
  {
    id: id(),
    callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    title: text("title").notNull(),
    guidance: text("guidance").notNull(),
    maxChars: integer("max_chars").notNull(),
    sortOrder: integer("sort_order").notNull(),
    // The roles whose carriers write it; null: every role.
    roleCodes: json<string[] | null>("role_codes"),
  },
  (t) => [uniqueIndex("concept_sections_call_code").on(t.callId, t.code)],
);

export const targetGroups = ["asylum", "rightToStay", "vulnerable"] as const;
export type TargetGroup = (typeof targetGroups)[number];

// Personalbemessung: how the FTE required per lot follow from client figures.
export const staffingRules = sqliteTable("staffing_rules", {
  id: id(),
  callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
  roleId: text("role_id")
    .notNull()
    .unique()
    .references(() => roles.id, { onDelete: "cascade" }),
  basis: text("basis", { enum: ["clientsPerFte", "fixedPerRegion"] }).notNull(),
  clientsPerFte: integer("clients_per_fte"),
  targetGroup: text("target_group", { enum: targetGroups }),
  // Share of the key in a tandem, in percent (e.g. 50 for a 1 : 1 tandem).
  sharePercent: integer("share_percent"),
  fixedFteHundredths: integer("fixed_fte_hundredths"),
  explanation: text("explanation").notNull(),
});

export const storedFiles = sqliteTable("stored_files", {
  id: id(),
  backend: text("backend", { enum: ["local", "uploadthing"] }).notNull(),
  storageKey: text("storage_key").notNull().unique(), // random; never the carrier's file name
  originalName: text("original_name").notNull(),
  mediaType: text("media_type").notNull(), // decided from the bytes
  sizeBytes: integer("size_bytes").notNull(),
  sha256: text("sha256").notNull(),
  encrypted: integer("encrypted", { mode: "boolean" }).notNull().default(false),
  // Bid files are stored encrypted with their call's key (sealed storage, VgV § 54).
  sealedCallId: text("sealed_call_id").references(() => calls.id),
  uploadedByUserId: text("uploaded_by_user_id").references(() => users.id),
  // The carrier a file belongs to; reads check it in the query (null: the city's own files).
  organisationId: text("organisation_id").references(() => organisations.id),
  // The application a carrier's file was uploaded for: the city may read it after the opening.
  applicationId: text("application_id"),
  // Deleted by retention (decision 0036): the bytes are gone, the row (size, hash) stays as
  // the record that the file existed; its original name is cleared.
  deletedAt: instant("deleted_at"),
  createdAt: createdAt(),
}, (t) => [
  // The per-application file count (MAX_APPLICATION_FILES), read in every upload's transaction.
  index("stored_files_application").on(t.applicationId),
]);

// Documents made outside requests (decision 0031): one row per document and state of what it
// shows (`state_key`, a hash), so that any instance can answer for it. A running job whose
// heartbeat stopped (its process died) is taken over by the next request.
// The case file (Vergabeakte, decision 0037) is a ZIP of the call's records.
export const documentJobKinds = ["evaluation-report", "case-file"] as const;
export const documentJobStatuses = ["running", "done", "failed", "superseded"] as const;
export const documentJobStages = ["queued", "data", "layout", "files", "saving"] as const;
export const documentJobs = sqliteTable(
  "document_jobs",
  {
    id: id(),
    kind: text("kind", { enum: documentJobKinds }).notNull(),
    callId: ref("call_id", () => calls.id),
    stateKey: text("state_key").notNull(),
    status: text("status", { enum: documentJobStatuses }).notNull(),
    stage: text("stage", { enum: documentJobStages }).notNull(),
    // Parts of the document done and in all, for the progress line (0 of 0 while unknown).
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    // The instance that runs it (random per process) and when it last said so.
    runner: text("runner").notNull(),
    heartbeatAt: instant("heartbeat_at").notNull(),
    attempts: integer("attempts").notNull().default(1),
    requestedByUserId: ref("requested_by_user_id", () => users.id),
    storedFileId: text("stored_file_id").references(() => storedFiles.id),
    startedAt: instant("started_at").notNull(),
    finishedAt: instant("finished_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("document_jobs_state_idx").on(t.kind, t.callId, t.stateKey)],
);

// The data key of a call (AES-256-GCM), wrapped with the master key from configuration.
// The master key is never in the database; a copy of the database alone opens nothing.
export const callKeys = sqliteTable("call_keys", {
  callId: text("call_id")
    .primaryKey()
    .references(() => calls.id, { onDelete: "cascade" }),
  wrappedKey: blob("wrapped_key", { mode: "buffer" }).notNull(),
  // Identifies the master key that wrapped it, for key rotation.
  masterKeyId: text("master_key_id").notNull(),
  createdAt: createdAt(),
});

// Documents of the call itself (Vergabeunterlagen), public once the call is.
export const callDocuments = sqliteTable("call_documents", {
  id: id(),
  callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  description: text("description").notNull(),
  storedFileId: text("stored_file_id").references(() => storedFiles.id),
  url: text("url"),
  sortOrder: integer("sort_order").notNull(),
});

// Änderung / Berichtigung: a dated amendment after publication.
export const amendments = sqliteTable(
  "amendments",
  {
    id: id(),
    callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    reason: text("reason").notNull(),
    changes: json<Record<string, unknown>>("changes").notNull(),
    publishedAt: instant("published_at").notNull(),
    publishedByUserId: text("published_by_user_id").references(() => users.id),
    // Marked by the officer as a material change of the call (§ 20 Abs. 3 Nr. 2 VgV).
    material: integer("material", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("amendments_call_number").on(t.callId, t.number)],
);

// Bieterfrage: asked by a carrier, published anonymised with its answer.
export const questions = sqliteTable("questions", {
  id: id(),
  callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
  askedByUserId: text("asked_by_user_id").references(() => users.id),
  organisationId: text("organisation_id").references(() => organisations.id),
  body: text("body").notNull(),
  askedAt: instant("asked_at").notNull(),
  publicQuestion: text("public_question"),
  answer: text("answer"),
  answeredByUserId: text("answered_by_user_id").references(() => users.id),
  publishedAt: instant("published_at"),
});

// Fristverlängerung (§ 20 Abs. 3 VgV): the officer's decision after a late answer or a
// material amendment: extended for everyone (by the amendment it names) or why not.
export const extensionTriggers = ["answer", "amendment"] as const;
export const extensionDecisions = sqliteTable("extension_decisions", {
  id: id(),
  callId: ref("call_id", () => calls.id, { onDelete: "cascade" }),
  trigger: text("trigger", { enum: extensionTriggers }).notNull(),
  questionId: text("question_id").references(() => questions.id, { onDelete: "cascade" }),
  // The material amendment that required the decision.
  amendmentNumber: integer("amendment_number"),
  previousDeadline: instant("previous_deadline").notNull(),
  proposedDeadline: instant("proposed_deadline").notNull(),
  // Extended: the new deadline and the amendment that set it; declined: the reason.
  newDeadline: instant("new_deadline"),
  extensionAmendmentNumber: integer("extension_amendment_number"),
  reason: text("reason"),
  decidedAt: instant("decided_at").notNull(),
  decidedByUserId: ref("decided_by_user_id", () => users.id),
});

// ---------------------------------------------------------------- applications

// Interessenbekundung: one organisation's application to one call.
export const applications = sqliteTable(
  "applications",
  {
    id: id(),
    callId: ref("call_id", () => calls.id),
    organisationId: ref("organisation_id", () => organisations.id),
    status: text("status", { enum: ["draft", "submitted", "withdrawn"] }).notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [uniqueIndex("applications_call_org").on(t.callId, t.organisationId)],
);

// A frozen, submitted version. Content is sealed (encrypted) until the opening.
export const submissions = sqliteTable(
  "submissions",
  {
    id: id(),
    applicationId: ref("application_id", () => applications.id),
    version: integer("version").notNull(),
    receiptNumber: text("receipt_number").notNull().unique(),
    submittedAt: instant("submitted_at").notNull(),
    submittedByUserId: text("submitted_by_user_id").references(() => users.id),
    contentHash: text("content_hash").notNull(),
    sealedContent: blob("sealed_content", { mode: "buffer" }).notNull(),
    auditHeadAtSubmission: text("audit_head_at_submission").notNull(),
    withdrawnAt: instant("withdrawn_at"),
    // Set when retention replaced the content of a bid not awarded by what the record needs
    // (decision 0036); content_hash stays the hash of what was submitted.
    contentDeletedAt: instant("content_deleted_at"),
  },
  (t) => [uniqueIndex("submissions_application_version").on(t.applicationId, t.version)],
);

// Draft content per lot; the submitted copy lives sealed in `submissions`.
export const lotBids = sqliteTable(
  "lot_bids",
  {
    id: id(),
    applicationId: ref("application_id", () => applications.id, { onDelete: "cascade" }),
    lotId: ref("lot_id", () => lots.id),
    concept: json<Record<string, string>>("concept").notNull(),
    conceptFileId: text("concept_file_id").references(() => storedFiles.id),
    // Offered with the region's tandem partner lot as a pair (Tandemangebot); set on both bids.
    tandemPair: integer("tandem_pair", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("lot_bids_application_lot").on(t.applicationId, t.lotId)],
);

export const offeredPosts = sqliteTable("offered_posts", {
  id: id(),
  lotBidId: ref("lot_bid_id", () => lotBids.id, { onDelete: "cascade" }),
  roleId: ref("role_id", () => roles.id),
  position: integer("position").notNull().default(0),
  // Derived from the weekly hours (hours / the call's full-time hours); what allocation and cost use.
  fteHundredths: integer("fte_hundredths").notNull(),
  // Wochenstunden in hundredths (19,5 h = 1950); null only where never recorded.
  weeklyHoursHundredths: integer("weekly_hours_hundredths"),
  qualification: text("qualification").notNull(),
  hasPedagogicalDegree: integer("has_pedagogical_degree", { mode: "boolean" }).notNull(),
  payGroup: text("pay_group").notNull(),
  // The former "Vergütung angemessen" tick box: kept because migrations only add, read by nothing
  // since the pay floors and the Textform pay declaration replaced it (decision 0021).
  payAdequacyDeclared: integer("pay_adequacy_declared", { mode: "boolean" }).notNull(),
  languages: json<string[]>("languages").notNull(),
});

export const costPlans = sqliteTable("cost_plans", {
  lotBidId: text("lot_bid_id")
    .primaryKey()
    .references(() => lotBids.id, { onDelete: "cascade" }),
  personnelCostPerFteCents: integer("personnel_cost_per_fte_cents").notNull(),
  materialCostCents: integer("material_cost_cents").notNull(),
  overheadCents: integer("overhead_cents").notNull(),
});

export const applicationDocumentKinds = [
  "registerExtract",
  "nonProfitCertificate",
  "references",
  "declarations",
  "degreeProofs",
] as const;

export const applicationDocuments = sqliteTable("application_documents", {
  id: id(),
  applicationId: ref("application_id", () => applications.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: applicationDocumentKinds }).notNull(),
  storedFileId: ref("stored_file_id", () => storedFiles.id),
});

// Erklärungen in Textform (§ 126b BGB) of the application: the pay declaration and the
// declaration on exclusion grounds (§§ 123–125 GWB), each with the declaring person's name,
// role and the server time. Part of the bid: the content is sealed with the call's key like
// the lot bids (decision 0019).
export const declarationKinds = ["pay", "exclusion"] as const;
export type DeclarationKind = (typeof declarationKinds)[number];

export const applicationDeclarations = sqliteTable(
  "application_declarations",
  {
    applicationId: ref("application_id", () => applications.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: declarationKinds }).notNull(),
    content: json<Record<string, string>>("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.kind] })],
);

// ---------------------------------------------------------------- opening and evaluation

// Öffnungsprotokoll, VgV § 55: started by one officer, confirmed by another.
export const openings = sqliteTable("openings", {
  id: id(),
  callId: text("call_id")
    .notNull()
    .unique()
    .references(() => calls.id),
  startedByUserId: ref("started_by_user_id", () => users.id),
  startedAt: instant("started_at").notNull(),
  confirmedByUserId: text("confirmed_by_user_id").references(() => users.id),
  confirmedAt: instant("confirmed_at"),
  record: json<unknown>("record"),
  auditHeadAtOpening: text("audit_head_at_opening"),
  recordFileId: text("record_file_id").references(() => storedFiles.id),
});

// Formale Prüfung per submission and lot bid.
export const formalChecks = sqliteTable("formal_checks", {
  id: id(),
  submissionId: ref("submission_id", () => submissions.id),
  lotId: text("lot_id").references(() => lots.id), // null: applies to the whole submission
  item: text("item").notNull(),
  passed: integer("passed", { mode: "boolean" }).notNull(),
  note: text("note").notNull(),
  checkedByUserId: ref("checked_by_user_id", () => users.id),
  checkedAt: instant("checked_at").notNull(),
});

// Ausschluss: a submission (lotId null) or one lot bid excluded in the formal check, with the
// reason that later notices reuse.
export const exclusions = sqliteTable(
  "exclusions",
  {
    id: id(),
    submissionId: ref("submission_id", () => submissions.id),
    lotId: text("lot_id").references(() => lots.id),
    reason: text("reason").notNull(),
    // The exclusion ground of §§ 123, 124 GWB it rests on (app/submission/declarations.ts);
    // null: another reason (late, incomplete, ...).
    ground: text("ground"),
    decidedByUserId: ref("decided_by_user_id", () => users.id),
    decidedAt: instant("decided_at").notNull(),
  },
  (t) => [uniqueIndex("exclusions_unique").on(t.submissionId, t.lotId)],
);

export const groundFindings = ["none", "selfCleaning", "exclude"] as const;
export type GroundFinding = (typeof groundFindings)[number];

// The officer's finding per exclusion ground in the formal check: no ground, the ground
// applies but the self-cleaning (§ 125 GWB) suffices, or exclude. A new row per change.
export const exclusionGroundFindings = sqliteTable("exclusion_ground_findings", {
  id: id(),
  submissionId: ref("submission_id", () => submissions.id),
  ground: text("ground").notNull(),
  finding: text("finding", { enum: groundFindings }).notNull(),
  note: text("note").notNull(),
  checkedByUserId: ref("checked_by_user_id", () => users.id),
  checkedAt: instant("checked_at").notNull(),
});

// Nachforderung: the city asks a carrier to supply a missing document by a date.
export const documentRequests = sqliteTable("document_requests", {
  id: id(),
  submissionId: ref("submission_id", () => submissions.id),
  description: text("description").notNull(),
  dueAt: instant("due_at").notNull(),
  requestedByUserId: ref("requested_by_user_id", () => users.id),
  requestedAt: instant("requested_at").notNull(),
  answeredFileId: text("answered_file_id").references(() => storedFiles.id),
  answeredByUserId: text("answered_by_user_id").references(() => users.id),
  answeredAt: instant("answered_at"),
});

export const evaluatorAssignments = sqliteTable(
  "evaluator_assignments",
  {
    lotId: ref("lot_id", () => lots.id),
    evaluatorId: ref("evaluator_id", () => users.id),
    assignedAt: instant("assigned_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.evaluatorId] })],
);

// Erklärung zu Interessenkonflikten; a change is a new row, never an update.
export const conflictDeclarations = sqliteTable(
  "conflict_declarations",
  {
    id: id(),
    callId: ref("call_id", () => calls.id),
    evaluatorId: ref("evaluator_id", () => users.id),
    organisationId: ref("organisation_id", () => organisations.id),
    hasConflict: integer("has_conflict", { mode: "boolean" }).notNull(),
    // The kinds of conflict declared (app/evaluation/conflicts.ts); empty: no conflict.
    types: json<string[]>("types").notNull().default(sql`'[]'`),
    // The explanation: required for "other", optional for the other types.
    note: text("note").notNull(),
    declaredAt: instant("declared_at").notNull(),
  },
  // The latest declaration per evaluator and carrier, asked by the score aggregates' triggers.
  (t) => [index("conflict_declarations_latest").on(t.callId, t.evaluatorId, t.organisationId, t.declaredAt)],
);

// Entscheidung der Vergabestelle über einen erklärten Interessenkonflikt: the evaluator is
// excluded from the carrier's bids, or allowed with a reason. One decision per declaration;
// a new declaration needs a new decision.
export const conflictDecisions = sqliteTable(
  "conflict_decisions",
  {
    id: id(),
    declarationId: ref("declaration_id", () => conflictDeclarations.id),
    outcome: text("outcome", { enum: ["exclude", "allow"] }).notNull(),
    reason: text("reason").notNull(),
    decidedByUserId: ref("decided_by_user_id", () => users.id),
    decidedAt: instant("decided_at").notNull(),
  },
  (t) => [uniqueIndex("conflict_decisions_declaration").on(t.declarationId)],
);

// Versicherung nach der Bewertung: the evaluator certifies that no conflict of interest arose
// during the evaluation. It covers the scores they finalised until then; only those count.
export const conflictCertifications = sqliteTable(
  "conflict_certifications",
  {
    id: id(),
    callId: ref("call_id", () => calls.id),
    evaluatorId: ref("evaluator_id", () => users.id),
    certifiedAt: instant("certified_at").notNull(),
  },
  (t) => [index("conflict_certifications_evaluator").on(t.callId, t.evaluatorId, t.certifiedAt)],
);

export const scores = sqliteTable(
  "scores",
  {
    id: id(),
    submissionId: ref("submission_id", () => submissions.id),
    lotId: ref("lot_id", () => lots.id),
    evaluatorId: ref("evaluator_id", () => users.id),
    criterionId: ref("criterion_id", () => criteria.id),
    points: integer("points").notNull(),
    justification: text("justification").notNull(),
    finalisedAt: instant("finalised_at"),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("scores_unique").on(t.submissionId, t.lotId, t.evaluatorId, t.criterionId),
    // Covering index of the ranking's aggregate (lotResults): grouped by bid and criterion,
    // read without touching the table rows and their justification texts.
    index("scores_aggregate").on(t.submissionId, t.lotId, t.criterionId, t.finalisedAt, t.evaluatorId, t.points),
  ],
);

// The final scores that count (finalised, certified, the evaluator not kept out by a
// conflict: app/evaluation/conflicts.ts, scoreCounts), aggregated per bid and criterion for
// the ranking, one row per bid (decision 0033). Kept by triggers (drizzle/0024_score_aggregates.sql) in the
// transaction of every write to scores, declarations, decisions and certifications, so that
// every process on the database reads the same; nothing in the app writes it.
export const scoreAggregates = sqliteTable(
  "score_aggregates",
  {
    submissionId: text("submission_id").notNull(),
    lotId: text("lot_id").notNull(),
    // [[criterionId, count, min, max, sum], …] of the bid's criteria with a counting score.
    criteria: text("criteria").notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.lotId] })],
);

export const consensusScores = sqliteTable(
  "consensus_scores",
  {
    id: id(),
    submissionId: ref("submission_id", () => submissions.id),
    lotId: ref("lot_id", () => lots.id),
    criterionId: ref("criterion_id", () => criteria.id),
    points: integer("points").notNull(),
    reason: text("reason").notNull(),
    recordedByUserId: ref("recorded_by_user_id", () => users.id),
    recordedAt: instant("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("consensus_unique").on(t.submissionId, t.lotId, t.criterionId)],
);

// ---------------------------------------------------------------- award and staffing

// Zuschlagsvorschlag / Zuschlag per lot and bid.
export const awardDecisions = sqliteTable("award_decisions", {
  id: id(),
  lotId: ref("lot_id", () => lots.id),
  submissionId: ref("submission_id", () => submissions.id),
  rank: integer("rank").notNull(),
  fteAwardedHundredths: integer("fte_awarded_hundredths").notNull(),
  reason: text("reason").notNull(),
  status: text("status", { enum: ["proposed", "approved", "awarded", "rejected"] }).notNull(),
  decidedByUserId: text("decided_by_user_id").references(() => users.id),
  decidedAt: instant("decided_at").notNull(),
  // What the allocation rule proposed; differs from fteAwardedHundredths only after an
  // officer changed the proposal, which needs changeReason.
  proposedFteHundredths: integer("proposed_fte_hundredths"),
  changeReason: text("change_reason"),
  // Auftragswert for the term (app/award/result.ts, awardValue), fixed at the award so that
  // the public result and ocds.json never read sealed content (decision 0033).
  valueCents: integer("value_cents"),
});

// One award procedure per call: Zuschlagsvorschlag → approved → Vorabinformation (§ 134 GWB)
// → Zuschlag. Times are server-clock instants.
export const awardProcedureStatuses = ["proposed", "approved", "preInformed", "awarded"] as const;
export const awardProcedures = sqliteTable("award_procedures", {
  id: id(),
  callId: text("call_id")
    .notNull()
    .unique()
    .references(() => calls.id),
  status: text("status", { enum: awardProcedureStatuses }).notNull(),
  // The client figures (as of) and the computation the proposal was made from.
  figuresAsOf: instant("figures_as_of"),
  allocation: json<unknown>("allocation").notNull(),
  proposedByUserId: text("proposed_by_user_id").references(() => users.id),
  proposedAt: instant("proposed_at").notNull(),
  approvedByUserId: text("approved_by_user_id").references(() => users.id),
  approvedAt: instant("approved_at"),
  preInformedAt: instant("pre_informed_at"),
  earliestAwardAt: instant("earliest_award_at"),
  awardedByUserId: text("awarded_by_user_id").references(() => users.id),
  awardedAt: instant("awarded_at"),
});

// Rüge (§ 160 GWB) / Nachprüfungsantrag, from publication to the end of the standstill:
// filed online by a carrier or recorded from paper by an officer; it stops the award of the
// lots it names (all lots when it names none) until an officer decides it.
export const complaintSources = ["online", "paper"] as const;
export const complaintDecisions = ["upheld", "partly", "rejected"] as const;
export type ComplaintDecision = (typeof complaintDecisions)[number];
export const complaints = sqliteTable("complaints", {
  id: id(),
  callId: ref("call_id", () => calls.id),
  organisationId: text("organisation_id").references(() => organisations.id),
  // Legacy: the one lot of a complaint recorded before complaint_lots existed (null: all
  // lots); newer complaints leave it null and name their lots in complaint_lots.
  lotId: text("lot_id").references(() => lots.id),
  source: text("source", { enum: complaintSources }).notNull().default("paper"),
  receivedAt: instant("received_at").notNull(),
  summary: text("summary").notNull(),
  // The officer who recorded a paper complaint, or the carrier's member who filed it online.
  recordedByUserId: ref("recorded_by_user_id", () => users.id),
  recordedAt: instant("recorded_at").notNull(),
  resolvedAt: instant("resolved_at"),
  decision: text("decision", { enum: complaintDecisions }),
  // The reasons of the decision (or, before decisions were typed, how it was resolved).
  resolution: text("resolution"),
  resolvedByUserId: text("resolved_by_user_id").references(() => users.id),
});

// The lots a complaint names.
export const complaintLots = sqliteTable(
  "complaint_lots",
  {
    complaintId: ref("complaint_id", () => complaints.id, { onDelete: "cascade" }),
    lotId: ref("lot_id", () => lots.id),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.lotId] })],
);

// Kooperationserklärung: where the award splits a region's tandem (Flüchtlingssozialarbeit +
// Flüchtlingsbegleitung) across carriers, each carrier involved is asked to declare in
// Textform (name, function, time) that it works with the others; the staffing plan warns
// while one is missing.
export const cooperationDeclarations = sqliteTable(
  "cooperation_declarations",
  {
    id: id(),
    callId: ref("call_id", () => calls.id),
    organisationId: ref("organisation_id", () => organisations.id),
    // The tandem's two lots: the first role's and its partner's.
    firstLotId: ref("first_lot_id", () => lots.id),
    secondLotId: ref("second_lot_id", () => lots.id),
    // The other carriers of the tandem when asked, with their names as then.
    partners: json<{ organisationId: string; name: string }[]>("partners").notNull(),
    requestedAt: instant("requested_at").notNull(),
    declaredAt: instant("declared_at"),
    declaredByUserId: text("declared_by_user_id").references(() => users.id),
    declarantName: text("declarant_name"),
    declarantFunction: text("declarant_function"),
  },
  (t) => [uniqueIndex("cooperation_call_org_lot").on(t.callId, t.organisationId, t.firstLotId)],
);

// Vertrag: one per carrier and lot, concluded with the award of the lot (app/contracts,
// decision 0022). It carries what the award and the call said then: the awarded FTE, the
// posts of the awarded bid, the term, the value per year and the reporting duty with its
// due dates; later changes (Nachsteuerung) are amendments, not edits.
export type ContractPost = {
  payGroup: string;
  /** Null for posts saved before weekly hours were asked (decision 0021). */
  weeklyHoursHundredths: number | null;
  fteHundredths: number;
  hasPedagogicalDegree: boolean;
};
export const contracts = sqliteTable(
  "contracts",
  {
    id: id(),
    number: text("number").notNull(),
    callId: ref("call_id", () => calls.id),
    lotId: ref("lot_id", () => lots.id),
    organisationId: ref("organisation_id", () => organisations.id),
    awardDecisionId: text("award_decision_id")
      .notNull()
      .unique()
      .references(() => awardDecisions.id),
    submissionId: ref("submission_id", () => submissions.id),
    fteHundredths: integer("fte_hundredths").notNull(),
    posts: json<ContractPost[]>("posts").notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    valuePerYearCents: integer("value_per_year_cents").notNull(),
    // The cost plan the value was computed from, and the FTE the bid offered in the lot.
    costBasis: json<{ offeredHundredths: number; personnelCostPerFteCents: number; materialCostCents: number; overheadCents: number }>("cost_basis").notNull(),
    terms: json<CallContractTerms>("terms").notNull(),
    // Meldezeiträume: Berlin calendar days; a staff report is due by the end of `due`.
    reportPeriods: json<{ from: string; to: string; due: string }[]>("report_periods").notNull(),
    concludedAt: instant("concluded_at").notNull(),
    concludedByUserId: text("concluded_by_user_id").references(() => users.id),
  },
  (t) => [uniqueIndex("contracts_call_number").on(t.callId, t.number), index("contracts_organisation_idx").on(t.organisationId)],
);

// Stellenbesetzungsmeldung (decision 0024): per contract and report period, the posts the
// carrier fills. A draft until the carrier submits it (Textform: who, when); a submitted
// version is never changed, a correction is the next version. At most one draft per period.
export const staffReports = sqliteTable(
  "staff_reports",
  {
    id: id(),
    contractId: ref("contract_id", () => contracts.id),
    // The report period (a Berlin calendar day, one of the contract's `reportPeriods`).
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: ["draft", "submitted"] }).notNull(),
    // Why posts are not filled yet (optional; the unfilled FTE are computed).
    vacancyNote: text("vacancy_note").notNull().default(""),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    submittedAt: instant("submitted_at"),
    submittedByUserId: text("submitted_by_user_id").references(() => users.id),
    // Textform: the name of the person who submitted, as it was then.
    submittedByName: text("submitted_by_name"),
  },
  (t) => [uniqueIndex("staff_reports_contract_period_version").on(t.contractId, t.periodFrom, t.version)],
);

// One post of a staff report. `postKey` stays the same for the same post across periods and
// versions (a new period's draft starts from the last report's posts), so the plan over time
// (app/staffing/coverage.ts, ReportedPost) reads one post per key. The person's name is for
// the carrier's and the officers' eyes only: never in public pages, open data or logs.
export const staffReportPosts = sqliteTable(
  "staff_report_posts",
  {
    reportId: ref("report_id", () => staffReports.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    postKey: text("post_key").notNull(),
    personName: text("person_name").notNull().default(""),
    payGroup: text("pay_group").notNull(),
    weeklyHoursHundredths: integer("weekly_hours_hundredths").notNull(),
    fteHundredths: integer("fte_hundredths").notNull(),
    hasDegree: integer("has_degree", { mode: "boolean" }).notNull(),
    // The degree's proof (a PDF), a carrier file of the report's organisation.
    proofFileId: text("proof_file_id").references(() => storedFiles.id),
    // Berlin calendar days; no end: open-ended.
    startDay: text("start_day").notNull(),
    endDay: text("end_day"),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.ordinal] }), index("staff_report_posts_proof_idx").on(t.proofFileId)],
);

// Reminders of a report due soon, each sent once per contract and period (reminders:send).
export const staffReportReminders = sqliteTable(
  "staff_report_reminders",
  {
    contractId: ref("contract_id", () => contracts.id),
    periodFrom: text("period_from").notNull(),
    sentAt: instant("sent_at").notNull(),
    recipients: integer("recipients").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.periodFrom] })],
);

// Nachsteuerung (decision 0026): a proposal to adjust a call's contracts to new client figures,
// made by one officer and approved by a second; `proposal` keeps the arithmetic per lot as
// it was shown (app/contracts/adjustment.ts, LotAdjustment[]). A newer proposal supersedes
// an open one; approval issues one amendment (change letter) per contract it changes.
export const contractAdjustments = sqliteTable(
  "contract_adjustments",
  {
    id: id(),
    callId: ref("call_id", () => calls.id),
    // The figures it answers: the latest batch when proposed, and their date.
    figuresBatch: text("figures_batch").notNull(),
    figuresAsOf: instant("figures_as_of").notNull(),
    proposal: json<unknown>("proposal").notNull(),
    status: text("status", { enum: ["proposed", "approved", "superseded"] }).notNull(),
    proposedAt: instant("proposed_at").notNull(),
    proposedByUserId: ref("proposed_by_user_id", () => users.id),
    approvedAt: instant("approved_at"),
    approvedByUserId: text("approved_by_user_id").references(() => users.id),
    // The Berlin day the amendments take effect (set at approval).
    effectiveFrom: text("effective_from"),
  },
  (t) => [index("contract_adjustments_call_idx").on(t.callId, t.proposedAt)],
);

// A change of one contract's FTE from a day on (Vertragsänderung). The contract row keeps what
// was concluded; its FTE in force is the concluded FTE changed by its accepted amendments in
// effect. The carrier accepts or declines in Textform (who, when, the name as it was then).
export const contractAmendments = sqliteTable(
  "contract_amendments",
  {
    id: id(),
    adjustmentId: ref("adjustment_id", () => contractAdjustments.id),
    contractId: ref("contract_id", () => contracts.id),
    fromDay: text("from_day").notNull(),
    fteBeforeHundredths: integer("fte_before_hundredths").notNull(),
    fteAfterHundredths: integer("fte_after_hundredths").notNull(),
    valuePerYearAfterCents: integer("value_per_year_after_cents").notNull(),
    letterFileId: text("letter_file_id").references(() => storedFiles.id),
    status: text("status", { enum: ["pending", "accepted", "declined"] }).notNull(),
    createdAt: instant("created_at").notNull(),
    decidedAt: instant("decided_at"),
    decidedByUserId: text("decided_by_user_id").references(() => users.id),
    decidedByName: text("decided_by_name"),
  },
  (t) => [index("contract_amendments_contract_idx").on(t.contractId), uniqueIndex("contract_amendments_adjustment_contract").on(t.adjustmentId, t.contractId)],
);

// Stellenplan history: every computation (at award, after new client figures) is kept.
export const staffingPlans = sqliteTable(
  "staffing_plans",
  {
    id: id(),
    callId: ref("call_id", () => calls.id),
    computedAt: instant("computed_at").notNull(),
    figuresAsOf: instant("figures_as_of"),
    trigger: text("trigger", { enum: ["award", "clientFigures", "manual", "amendment"] }).notNull(),
    plan: json<unknown>("plan").notNull(),
    computedByUserId: text("computed_by_user_id").references(() => users.id),
  },
  (t) => [index("staffing_plans_call_idx").on(t.callId, t.computedAt)],
);

// Vorabinformation, Zuschlag, Absage, Aufhebung, Entscheidung über eine Rüge.
export const notices = sqliteTable("notices", {
  id: id(),
  callId: ref("call_id", () => calls.id),
  organisationId: text("organisation_id").references(() => organisations.id),
  kind: text("kind", { enum: ["preInformation", "award", "rejection", "cancellation", "complaintDecision", "contractAmendment"] }).notNull(),
  sentAt: instant("sent_at").notNull(),
  earliestAwardAt: instant("earliest_award_at"),
  storedFileId: text("stored_file_id").references(() => storedFiles.id),
  body: text("body").notNull(),
});

// Client figures per region and target group, dated; history is kept.
export const clientFigures = sqliteTable("client_figures", {
  id: id(),
  regionId: ref("region_id", () => regions.id, { onDelete: "cascade" }),
  targetGroup: text("target_group", { enum: targetGroups }).notNull(),
  count: integer("count").notNull(),
  asOf: instant("as_of").notNull(),
  enteredByUserId: text("entered_by_user_id").references(() => users.id),
  enteredAt: instant("entered_at").notNull(),
  // Rows entered together (one form or one CSV upload) share a batch.
  batchId: text("batch_id"),
  source: text("source", { enum: ["form", "csv", "definition", "demo"] }),
});

// Rate limits (the columns of rate-limiter-flexible's SQLite store, which kept them before
// decision 0040; now app/identity/rate-limits.server.ts writes them in writeTx), so that limits survive
// a restart. `expire` is epoch milliseconds.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

// Versions of what the public pages show (decision 0030): one row per scope, `call:<id>` for
// the pages of a call (its page, questions, result, PDF, open data) and `site` for what every
// page shows (carriers' names). Raised only by the triggers of drizzle/0022_public_versions_triggers.sql,
// in the transaction of every write to a table the public pages read, so that every instance
// on this database sees the change at its next request. The start page reads the highest.
export const publicVersions = sqliteTable(
  "public_versions",
  {
    scope: text("scope").primaryKey(),
    version: integer("version").notNull(),
  },
  (t) => [index("public_versions_version_idx").on(t.version)],
);

// ---------------------------------------------------------------- retention

// Aufbewahrung und Löschung (decision 0036): one row per run of `portal retention`, and one
// row per thing it deleted or anonymised, so that the case file and officers can still say
// what was there and when it went. Holds no personal data itself.
export const retentionRuns = sqliteTable("retention_runs", {
  id: id(),
  startedAt: instant("started_at").notNull(),
  finishedAt: instant("finished_at"),
  // Totals of the run: { calls, files, bytes, submissions, people, auditEntries }.
  summary: json<Record<string, number>>("summary"),
});

// "case-file": a stored case-file ZIP (decrypted copies of the bids); "proof-file": a staff
// report's degree proof; "contact": an organisation's contact fields that named a member.
export const retentionDeletionKinds = ["file", "bid-content", "draft", "question-asker", "staff-report-names", "staff-report-proof", "case-file", "textform-names", "account", "contact", "audit-details"] as const;
export type RetentionDeletionKind = (typeof retentionDeletionKinds)[number];
export const retentionDeletions = sqliteTable(
  "retention_deletions",
  {
    id: id(),
    runId: ref("run_id", () => retentionRuns.id),
    // Null for what belongs to no one call (an account, audit entries).
    callId: text("call_id").references(() => calls.id),
    kind: text("kind", { enum: retentionDeletionKinds }).notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    bytes: integer("bytes").notNull().default(0),
    at: instant("at").notNull(),
  },
  (t) => [index("retention_deletions_call_idx").on(t.callId, t.kind), index("retention_deletions_object_idx").on(t.objectType, t.objectId)],
);

// ---------------------------------------------------------------- audit

// Append-only, hash-chained (docs/architecture.md, Audit trail). Triggers in the migration
// refuse UPDATE/DELETE.
export const auditEntries = sqliteTable(
  "audit_entries",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: instant("at").notNull(),
    actorUserId: text("actor_user_id"),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    details: text("details").notNull(), // canonical JSON, no secrets, no bid content
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
    // Set when retention replaced `details` (personal data) by a marker (decision 0036): the
    // hash stays, and a later `retention.audit-redacted` entry names this entry and its hash.
    redactedAt: instant("redacted_at"),
  },
  (t) => [index("audit_object_idx").on(t.objectType, t.objectId)],
);
