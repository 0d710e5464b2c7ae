-- Decision 0030: the public pages of a call are cached by the version of what they show.
-- Every write to a table those pages read raises the version of its call (and of the call
-- a follow-up call belongs to: its awards count in the original's staffing plan, its
-- publication is linked from the original's result) in the same transaction, whichever use
-- case wrote it. A version is the highest of all plus one, so the highest is the start
-- page's version. Writes that change nothing public (a draft's edit) only cost a render.
--
-- The raise is written once, as the INSTEAD OF trigger of a view: each table's triggers
-- insert the affected call's id into `public_version_raises`, and nothing is stored there.
CREATE VIEW public_version_raises AS SELECT NULL AS call_id WHERE 0;
--> statement-breakpoint
CREATE TRIGGER public_version_raise INSTEAD OF INSERT ON public_version_raises
BEGIN
  INSERT INTO public_versions (scope, version)
  SELECT 'call:' || affected.call_id, (SELECT coalesce(max(version), 0) + 1 FROM public_versions)
  FROM (SELECT NEW.call_id AS call_id UNION SELECT follow_up_of_call_id FROM calls WHERE id = NEW.call_id) AS affected
  WHERE affected.call_id IS NOT NULL
  ON CONFLICT (scope) DO UPDATE SET version = excluded.version;
END;
--> statement-breakpoint
CREATE TRIGGER public_version_calls_insert AFTER INSERT ON calls BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_calls_update AFTER UPDATE ON calls BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_calls_delete AFTER DELETE ON calls BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_regions_insert AFTER INSERT ON regions BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_regions_update AFTER UPDATE ON regions BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_regions_delete AFTER DELETE ON regions BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_roles_insert AFTER INSERT ON roles BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_roles_update AFTER UPDATE ON roles BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_roles_delete AFTER DELETE ON roles BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_lots_insert AFTER INSERT ON lots BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_lots_update AFTER UPDATE ON lots BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_lots_delete AFTER DELETE ON lots BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_criteria_insert AFTER INSERT ON criteria BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_criteria_update AFTER UPDATE ON criteria BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_criteria_delete AFTER DELETE ON criteria BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_scale_points_insert AFTER INSERT ON scale_points BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM criteria WHERE id = NEW.criterion_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_scale_points_update AFTER UPDATE ON scale_points BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM criteria WHERE id = NEW.criterion_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_scale_points_delete AFTER DELETE ON scale_points BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM criteria WHERE id = OLD.criterion_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_concept_sections_insert AFTER INSERT ON concept_sections BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_concept_sections_update AFTER UPDATE ON concept_sections BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_concept_sections_delete AFTER DELETE ON concept_sections BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_rules_insert AFTER INSERT ON staffing_rules BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_rules_update AFTER UPDATE ON staffing_rules BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_rules_delete AFTER DELETE ON staffing_rules BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_call_documents_insert AFTER INSERT ON call_documents BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_call_documents_update AFTER UPDATE ON call_documents BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_call_documents_delete AFTER DELETE ON call_documents BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_amendments_insert AFTER INSERT ON amendments BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_amendments_update AFTER UPDATE ON amendments BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_amendments_delete AFTER DELETE ON amendments BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_questions_insert AFTER INSERT ON questions BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_questions_update AFTER UPDATE ON questions BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_questions_delete AFTER DELETE ON questions BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_extension_decisions_insert AFTER INSERT ON extension_decisions BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_extension_decisions_update AFTER UPDATE ON extension_decisions BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_extension_decisions_delete AFTER DELETE ON extension_decisions BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_award_procedures_insert AFTER INSERT ON award_procedures BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_award_procedures_update AFTER UPDATE ON award_procedures BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_award_procedures_delete AFTER DELETE ON award_procedures BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_award_decisions_insert AFTER INSERT ON award_decisions BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM lots WHERE id = NEW.lot_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_award_decisions_update AFTER UPDATE ON award_decisions BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM lots WHERE id = NEW.lot_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_award_decisions_delete AFTER DELETE ON award_decisions BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM lots WHERE id = OLD.lot_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_contracts_insert AFTER INSERT ON contracts BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_contracts_update AFTER UPDATE ON contracts BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_contracts_delete AFTER DELETE ON contracts BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_contract_amendments_insert AFTER INSERT ON contract_amendments BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM contracts WHERE id = NEW.contract_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_contract_amendments_update AFTER UPDATE ON contract_amendments BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM contracts WHERE id = NEW.contract_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_contract_amendments_delete AFTER DELETE ON contract_amendments BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM contracts WHERE id = OLD.contract_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staff_reports_insert AFTER INSERT ON staff_reports BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM contracts WHERE id = NEW.contract_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staff_reports_update AFTER UPDATE ON staff_reports BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM contracts WHERE id = NEW.contract_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staff_reports_delete AFTER DELETE ON staff_reports BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM contracts WHERE id = OLD.contract_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staff_report_posts_insert AFTER INSERT ON staff_report_posts BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT c.call_id FROM staff_reports r JOIN contracts c ON c.id = r.contract_id WHERE r.id = NEW.report_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staff_report_posts_update AFTER UPDATE ON staff_report_posts BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT c.call_id FROM staff_reports r JOIN contracts c ON c.id = r.contract_id WHERE r.id = NEW.report_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staff_report_posts_delete AFTER DELETE ON staff_report_posts BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT c.call_id FROM staff_reports r JOIN contracts c ON c.id = r.contract_id WHERE r.id = OLD.report_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_plans_insert AFTER INSERT ON staffing_plans BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_plans_update AFTER UPDATE ON staffing_plans BEGIN INSERT INTO public_version_raises (call_id) VALUES (NEW.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_staffing_plans_delete AFTER DELETE ON staffing_plans BEGIN INSERT INTO public_version_raises (call_id) VALUES (OLD.call_id); END;
--> statement-breakpoint
CREATE TRIGGER public_version_client_figures_insert AFTER INSERT ON client_figures BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM regions WHERE id = NEW.region_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_client_figures_update AFTER UPDATE ON client_figures BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM regions WHERE id = NEW.region_id)); END;
--> statement-breakpoint
CREATE TRIGGER public_version_client_figures_delete AFTER DELETE ON client_figures BEGIN INSERT INTO public_version_raises (call_id) VALUES ((SELECT call_id FROM regions WHERE id = OLD.region_id)); END;
--> statement-breakpoint
-- Carriers' names appear on results and in open data: a rename changes every call's pages.
CREATE TRIGGER public_version_organisations_update AFTER UPDATE OF name ON organisations
BEGIN
  INSERT INTO public_versions (scope, version)
  SELECT 'site', (SELECT coalesce(max(version), 0) + 1 FROM public_versions) WHERE true
  ON CONFLICT (scope) DO UPDATE SET version = excluded.version;
END;
