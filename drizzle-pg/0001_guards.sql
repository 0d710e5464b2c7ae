-- Hand-written (decision 0042): the guards of the SQLite migrations, ported to PL/pgSQL with the
-- same behaviour and the same error messages, and the grants of the application's role.
--   audit trail append-only, except retention's one-time redaction  drizzle/0001, 0026
--   opening record final after confirmation                          drizzle/0004
--   submitted content immutable, except retention's deletion         drizzle/0024, 0026
--   public versions raised by every write the public pages show      drizzle/0022
--   score aggregates, their queue and the counting_scores view       drizzle/0024
-- drizzle-kit knows none of this (the snapshot of this migration is 0000's, with a new id):
-- the tables it creates, score_aggregates_queue, are not in schema.ts, as in SQLite.
-- Advisory locks of these guards use the two-key form with class 42001/42002, apart from any
-- one-key (bigint) lock the application takes.

-- The audit trail -------------------------------------------------------------------------
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Retention may redact an entry's details once: details replaced, redacted_at set, every
  -- other field (the hash the chain links through included) unchanged (decision 0036).
  IF TG_OP = 'UPDATE'
     AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
     AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
     AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id
     AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
     AND NEW.details = '{"redacted":true}' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_entries is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
--> statement-breakpoint
-- TRUNCATE skips row triggers (SQLite has none); the application's role is not granted it either.
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
--> statement-breakpoint

-- The opening record (Öffnungsprotokoll) ------------------------------------------------------
CREATE FUNCTION openings_final_after_confirmation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM openings WHERE confirmed_at IS NOT NULL) THEN
      RAISE EXCEPTION 'a confirmed opening record cannot be deleted';
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a confirmed opening record cannot be deleted';
  END IF;
  RAISE EXCEPTION 'a confirmed opening record cannot be changed';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER openings_final_after_confirmation BEFORE UPDATE ON openings
FOR EACH ROW WHEN (OLD.confirmed_at IS NOT NULL) EXECUTE FUNCTION openings_final_after_confirmation();
--> statement-breakpoint
CREATE TRIGGER openings_no_delete_after_confirmation BEFORE DELETE ON openings
FOR EACH ROW WHEN (OLD.confirmed_at IS NOT NULL) EXECUTE FUNCTION openings_final_after_confirmation();
--> statement-breakpoint
CREATE TRIGGER openings_no_truncate_after_confirmation BEFORE TRUNCATE ON openings
FOR EACH STATEMENT EXECUTE FUNCTION openings_final_after_confirmation();
--> statement-breakpoint

-- Submitted content -----------------------------------------------------------------------
-- Never changed: the ranking keeps the opened snapshots in memory (decision 0033); retention may
-- replace it once, marking content_deleted_at; content_hash never changes (decision 0036).
-- UPDATE OF fires when a column is in the SET list, changed or not, as in SQLite.
CREATE FUNCTION submissions_content_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'submitted content cannot be changed';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER submissions_content_immutable BEFORE UPDATE OF sealed_content, content_hash, content_deleted_at ON submissions
FOR EACH ROW WHEN (NOT (OLD.content_deleted_at IS NULL AND NEW.content_deleted_at IS NOT NULL AND NEW.content_hash = OLD.content_hash))
EXECUTE FUNCTION submissions_content_immutable();
--> statement-breakpoint

-- Public versions (decision 0030) -------------------------------------------------------------
-- Every write to a table the public pages read raises the version of its call (and of the call
-- a follow-up call belongs to) in the same transaction. A version is the highest of all plus
-- one, so the highest is the start page's version. SQLite runs one writer at a time; here
-- concurrent writers would both take the same highest, so a raise first takes a transaction
-- lock (42001, 0): raisers queue until the one before commits, and, in READ COMMITTED, each
-- statement after the lock sees the version it committed.
CREATE FUNCTION public_version_raise(raised_call_id text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF raised_call_id IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(42001, 0);
  INSERT INTO public_versions (scope, version)
  SELECT 'call:' || affected.call_id, (SELECT coalesce(max(version), 0) + 1 FROM public_versions)
  FROM (SELECT raised_call_id AS call_id UNION SELECT follow_up_of_call_id FROM calls WHERE id = raised_call_id) AS affected
  WHERE affected.call_id IS NOT NULL
  ON CONFLICT (scope) DO UPDATE SET version = excluded.version;
END;
$$;
--> statement-breakpoint
-- The row trigger of every such table: TG_ARGV[0] is the column of the row that leads to the
-- call, TG_ARGV[1] how: 'call' (it is the call's id), or the table it names a row of.
CREATE FUNCTION public_version_row_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text;
  affected text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    key := to_jsonb(OLD) ->> TG_ARGV[0];
  ELSE
    key := to_jsonb(NEW) ->> TG_ARGV[0];
  END IF;
  CASE TG_ARGV[1]
    WHEN 'call' THEN affected := key;
    WHEN 'criteria' THEN SELECT call_id INTO affected FROM criteria WHERE id = key;
    WHEN 'lots' THEN SELECT call_id INTO affected FROM lots WHERE id = key;
    WHEN 'contracts' THEN SELECT call_id INTO affected FROM contracts WHERE id = key;
    WHEN 'regions' THEN SELECT call_id INTO affected FROM regions WHERE id = key;
    WHEN 'staff_reports' THEN SELECT c.call_id INTO affected FROM staff_reports r JOIN contracts c ON c.id = r.contract_id WHERE r.id = key;
  END CASE;
  PERFORM public_version_raise(affected);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_version_calls AFTER INSERT OR UPDATE OR DELETE ON calls FOR EACH ROW EXECUTE FUNCTION public_version_row_written('id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_regions AFTER INSERT OR UPDATE OR DELETE ON regions FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_roles AFTER INSERT OR UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_lots AFTER INSERT OR UPDATE OR DELETE ON lots FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_criteria AFTER INSERT OR UPDATE OR DELETE ON criteria FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_scale_points AFTER INSERT OR UPDATE OR DELETE ON scale_points FOR EACH ROW EXECUTE FUNCTION public_version_row_written('criterion_id', 'criteria');
--> statement-breakpoint
CREATE TRIGGER public_version_concept_sections AFTER INSERT OR UPDATE OR DELETE ON concept_sections FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_rules AFTER INSERT OR UPDATE OR DELETE ON staffing_rules FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_call_documents AFTER INSERT OR UPDATE OR DELETE ON call_documents FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_amendments AFTER INSERT OR UPDATE OR DELETE ON amendments FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_questions AFTER INSERT OR UPDATE OR DELETE ON questions FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_extension_decisions AFTER INSERT OR UPDATE OR DELETE ON extension_decisions FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_award_procedures AFTER INSERT OR UPDATE OR DELETE ON award_procedures FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_award_decisions AFTER INSERT OR UPDATE OR DELETE ON award_decisions FOR EACH ROW EXECUTE FUNCTION public_version_row_written('lot_id', 'lots');
--> statement-breakpoint
CREATE TRIGGER public_version_contracts AFTER INSERT OR UPDATE OR DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_contract_amendments AFTER INSERT OR UPDATE OR DELETE ON contract_amendments FOR EACH ROW EXECUTE FUNCTION public_version_row_written('contract_id', 'contracts');
--> statement-breakpoint
CREATE TRIGGER public_version_staff_reports AFTER INSERT OR UPDATE OR DELETE ON staff_reports FOR EACH ROW EXECUTE FUNCTION public_version_row_written('contract_id', 'contracts');
--> statement-breakpoint
CREATE TRIGGER public_version_staff_report_posts AFTER INSERT OR UPDATE OR DELETE ON staff_report_posts FOR EACH ROW EXECUTE FUNCTION public_version_row_written('report_id', 'staff_reports');
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_plans AFTER INSERT OR UPDATE OR DELETE ON staffing_plans FOR EACH ROW EXECUTE FUNCTION public_version_row_written('call_id', 'call');
--> statement-breakpoint
CREATE TRIGGER public_version_client_figures AFTER INSERT OR UPDATE OR DELETE ON client_figures FOR EACH ROW EXECUTE FUNCTION public_version_row_written('region_id', 'regions');
--> statement-breakpoint
-- Carriers' names appear on results and in open data: a rename changes every call's pages.
CREATE FUNCTION public_version_raise_site() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(42001, 0);
  INSERT INTO public_versions (scope, version)
  SELECT 'site', (SELECT coalesce(max(version), 0) + 1 FROM public_versions)
  ON CONFLICT (scope) DO UPDATE SET version = excluded.version;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_version_organisations_update AFTER UPDATE OF name ON organisations
FOR EACH ROW EXECUTE FUNCTION public_version_raise_site();
--> statement-breakpoint

-- Score aggregates (decision 0033) ------------------------------------------------------------
-- The final scores that count (app/evaluation/conflicts.ts, scoreCounts): finalised, finalised no
-- later than the evaluator's latest certification on the call, and the evaluator not kept out of
-- the carrier's bids by their latest declaration. SQLite breaks a tie of declared_at by rowid
-- (insertion order), as the use cases do; the tables whose order they read so get a rowid
-- column here, filled by an identity (decision 0041), so "x"."rowid" means the same on both.
ALTER TABLE conflict_declarations ADD COLUMN rowid bigint GENERATED BY DEFAULT AS IDENTITY;
--> statement-breakpoint
ALTER TABLE conflict_certifications ADD COLUMN rowid bigint GENERATED BY DEFAULT AS IDENTITY;
--> statement-breakpoint
ALTER TABLE exclusion_ground_findings ADD COLUMN rowid bigint GENERATED BY DEFAULT AS IDENTITY;
--> statement-breakpoint
ALTER TABLE formal_checks ADD COLUMN rowid bigint GENERATED BY DEFAULT AS IDENTITY;
--> statement-breakpoint
ALTER TABLE staffing_plans ADD COLUMN rowid bigint GENERATED BY DEFAULT AS IDENTITY;
--> statement-breakpoint
CREATE VIEW counting_scores AS
SELECT s.submission_id, s.lot_id, s.criterion_id, s.evaluator_id, s.points
FROM scores s
JOIN lots l ON l.id = s.lot_id
JOIN submissions sub ON sub.id = s.submission_id
JOIN applications a ON a.id = sub.application_id
WHERE s.finalised_at IS NOT NULL
  AND s.finalised_at <= (SELECT max(c.certified_at) FROM conflict_certifications c WHERE c.call_id = l.call_id AND c.evaluator_id = s.evaluator_id)
  AND NOT EXISTS (
    SELECT 1 FROM conflict_declarations d
    WHERE d.id = (
        SELECT d2.id FROM conflict_declarations d2
        WHERE d2.call_id = l.call_id AND d2.evaluator_id = s.evaluator_id AND d2.organisation_id = a.organisation_id
        ORDER BY d2.declared_at DESC, d2.rowid DESC LIMIT 1)
      AND d.has_conflict = 1
      AND NOT EXISTS (SELECT 1 FROM conflict_decisions x WHERE x.declaration_id = d.id AND x.outcome = 'allow'));
--> statement-breakpoint
-- One bid's row: its criteria's aggregates as JSON, [[criterion_id, count, min, max, sum], …]
-- (SQLite's json_group_array; here ordered by criterion, with json's spaces). Concurrent
-- writers to one bid queue on a transaction lock (42002, hash of the bid) first, so that in
-- READ COMMITTED the recomputation sees every score committed before it, as SQLite's one
-- writer at a time does.
CREATE FUNCTION score_aggregates_recompute(bid_submission_id text, bid_lot_id text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(42002, hashtext(bid_submission_id || '/' || bid_lot_id));
  DELETE FROM score_aggregates WHERE submission_id = bid_submission_id AND lot_id = bid_lot_id;
  INSERT INTO score_aggregates (submission_id, lot_id, criteria)
  SELECT submission_id, lot_id, json_agg(json_build_array(criterion_id, n, lo, hi, total) ORDER BY criterion_id)::text FROM (
    SELECT submission_id, lot_id, criterion_id, count(*) AS n, min(points) AS lo, max(points) AS hi, sum(points) AS total
    FROM counting_scores WHERE submission_id = bid_submission_id AND lot_id = bid_lot_id GROUP BY submission_id, lot_id, criterion_id) AS cells
  GROUP BY submission_id, lot_id;
END;
$$;
--> statement-breakpoint
INSERT INTO score_aggregates (submission_id, lot_id, criteria)
SELECT submission_id, lot_id, json_agg(json_build_array(criterion_id, n, lo, hi, total) ORDER BY criterion_id)::text FROM (
    SELECT submission_id, lot_id, criterion_id, count(*) AS n, min(points) AS lo, max(points) AS hi, sum(points) AS total
    FROM counting_scores GROUP BY submission_id, lot_id, criterion_id) AS cells
GROUP BY submission_id, lot_id;
--> statement-breakpoint
-- The one place a bid's row is computed: a row put into this queue recomputes its bid and
-- leaves again, in the writer's transaction (here it never lands: the BEFORE trigger returns
-- NULL). The triggers below only name the bids a write touches.
CREATE TABLE score_aggregates_queue (submission_id text NOT NULL, lot_id text NOT NULL);
--> statement-breakpoint
CREATE FUNCTION score_aggregates_dequeue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM score_aggregates_recompute(NEW.submission_id, NEW.lot_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER score_aggregates_recompute BEFORE INSERT ON score_aggregates_queue
FOR EACH ROW EXECUTE FUNCTION score_aggregates_dequeue();
--> statement-breakpoint
-- What each write touches: a score its bid (an update may move it to another bid, so both); a
-- certification every score its evaluator finalised on the call; a declaration or a decision on
-- it the evaluator's scores of the carrier's bids.
CREATE FUNCTION score_aggregates_touched() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w record; -- the row written: the deleted one, else the new one
BEGIN
  IF TG_OP = 'DELETE' THEN
    w := OLD;
  ELSE
    w := NEW;
  END IF;
  IF TG_TABLE_NAME = 'scores' THEN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      INSERT INTO score_aggregates_queue VALUES (OLD.submission_id, OLD.lot_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.submission_id, NEW.lot_id) IS DISTINCT FROM (OLD.submission_id, OLD.lot_id)) THEN
      INSERT INTO score_aggregates_queue VALUES (NEW.submission_id, NEW.lot_id);
    END IF;
  ELSIF TG_TABLE_NAME = 'conflict_certifications' THEN
    INSERT INTO score_aggregates_queue SELECT DISTINCT s.submission_id, s.lot_id FROM scores s JOIN lots l ON l.id = s.lot_id
      WHERE s.evaluator_id = w.evaluator_id AND l.call_id = w.call_id;
  ELSIF TG_TABLE_NAME = 'conflict_declarations' THEN
    INSERT INTO score_aggregates_queue SELECT DISTINCT s.submission_id, s.lot_id FROM scores s JOIN lots l ON l.id = s.lot_id
      JOIN submissions sub ON sub.id = s.submission_id JOIN applications a ON a.id = sub.application_id
      WHERE s.evaluator_id = w.evaluator_id AND l.call_id = w.call_id AND a.organisation_id = w.organisation_id;
  ELSIF TG_TABLE_NAME = 'conflict_decisions' THEN
    INSERT INTO score_aggregates_queue SELECT DISTINCT s.submission_id, s.lot_id FROM conflict_declarations d JOIN lots l ON l.call_id = d.call_id
      JOIN scores s ON s.lot_id = l.id AND s.evaluator_id = d.evaluator_id
      JOIN submissions sub ON sub.id = s.submission_id JOIN applications a ON a.id = sub.application_id AND a.organisation_id = d.organisation_id
      WHERE d.id = w.declaration_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER score_aggregates_score_written AFTER INSERT OR UPDATE OR DELETE ON scores
FOR EACH ROW EXECUTE FUNCTION score_aggregates_touched();
--> statement-breakpoint
CREATE TRIGGER score_aggregates_certification_written AFTER INSERT OR DELETE ON conflict_certifications
FOR EACH ROW EXECUTE FUNCTION score_aggregates_touched();
--> statement-breakpoint
CREATE TRIGGER score_aggregates_declaration_written AFTER INSERT OR DELETE ON conflict_declarations
FOR EACH ROW EXECUTE FUNCTION score_aggregates_touched();
--> statement-breakpoint
CREATE TRIGGER score_aggregates_decision_written AFTER INSERT OR DELETE ON conflict_decisions
FOR EACH ROW EXECUTE FUNCTION score_aggregates_touched();
--> statement-breakpoint

-- Roles and grants --------------------------------------------------------------------------
-- The owner (who runs the migrations) owns every table; the application connects as a LOGIN
-- role IN ROLE portal_app (tests: portal_web), which may read and write the tables but neither
-- alter nor drop them, and may only add to the audit trail: no DELETE, no TRUNCATE, and UPDATE
-- only of the two columns retention's redaction writes (the trigger above decides the rest).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app') THEN
    CREATE ROLE portal_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object THEN
  NULL; -- made by a concurrent migration of another database of the cluster
END;
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO portal_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO portal_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM portal_app;
--> statement-breakpoint
GRANT UPDATE (details, redacted_at) ON audit_entries TO portal_app;
--> statement-breakpoint
-- The application reads which migrations are applied (it refuses to run on a database that
-- lacks one) and changes nothing there.
GRANT USAGE ON SCHEMA drizzle TO portal_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO portal_app;
--> statement-breakpoint
-- Tables and sequences the owner creates in later migrations get the same grants by default
-- (ALTER DEFAULT PRIVILEGES, for the role that runs this migration), so a generated migration
-- needs no grants of its own. A later table that must not be written freely, as the audit
-- trail, revokes in its own hand-written migration, as above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO portal_app;
